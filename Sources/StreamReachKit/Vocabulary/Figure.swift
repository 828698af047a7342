/// What a platform's number means. The two are never mixed: a view count is a counter that
/// reach adds up; a viewer count is a gauge, the people watching at one moment, and adding
/// it to views would count the same people again at every reading (MISSION.md, "Live
/// figures are gauges, not counts").
package enum Figure: String, Sendable, CaseIterable, Hashable {
    /// Cumulative views of a stream or its recording: read by the nightly job.
    case views
    /// People watching now (concurrent viewers): only meaningful while a stream is live.
    case viewers

    package static var names: [String] { allCases.map(\.rawValue) }
}
