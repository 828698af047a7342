import Foundation

/// A run as `collect` prints it: text lines for people, a stable JSON shape for scripts.
package struct CollectionRunView: Sendable, Encodable {
    package struct Series: Sendable, Encodable {
        let event: String
        let channel: String
        let streamID: String
        let outcome: SampleOutcome
        let value: Int64?
        let detail: String?
        let attempts: Int
        let url: String
    }

    let runID: Int64?
    let programme: String
    let startedAt: Date
    let seconds: Double
    let counts: [String: Int]
    let exitStatus: Int32
    let series: [Series]

    package init(_ run: CollectionRun, runID: Int64?) {
        self.runID = runID
        programme = run.programme
        startedAt = run.startedAt
        seconds = (run.finishedAt.timeIntervalSince(run.startedAt) * 1000).rounded() / 1000
        counts = Dictionary(uniqueKeysWithValues: SampleOutcome.allCases.map { ($0.rawValue, run.count($0)) })
        exitStatus = run.exitStatus.rawValue
        series = run.samples.map {
            Series(event: $0.target.eventID, channel: $0.target.channelID, streamID: $0.target.streamID,
                   outcome: $0.reading.outcome, value: $0.reading.value, detail: $0.reading.detail,
                   attempts: $0.attempts, url: $0.url)
        }
    }

    package var summaryLine: String {
        let failed = series.filter { $0.outcome.isFailure }.count
        let stored = runID.map { "run \($0)" } ?? "not stored"
        return "collected \(series.count) series: \(counts["ok"] ?? 0) ok, \(counts["absent"] ?? 0) absent, \(failed) failed (\(stored), \(String(format: "%.1f", seconds)) s)"
    }

    package static func line(_ sample: Sample) -> String {
        let what = "\(sample.target.eventID) \(sample.target.channelID)"
        switch sample.reading.outcome {
        case .ok: return "\(what): \(sample.reading.value ?? 0)"
        case .absent: return "\(what): absent (\(sample.reading.detail ?? "no count"))"
        default:
            let tries = sample.attempts > 1 ? " after \(sample.attempts) attempts" : ""
            return "\(what): \(sample.reading.outcome.rawValue): \(sample.reading.detail ?? "")\(tries) — GET \(sample.url)"
        }
    }

    /// The run's failures, one line per distinct problem (channel, outcome and reason) with
    /// how many series it hit and one example request: a platform outage is one line in
    /// cron's mail, not one per series repeating the same long URL.
    package static func failureLines(_ run: CollectionRun) -> [String] {
        var groups: [String: [Sample]] = [:]
        var order: [String] = []
        for sample in run.failures {
            let key = [sample.target.channelID, sample.reading.outcome.rawValue, sample.reading.detail ?? ""].joined(separator: "\u{0}")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(sample)
        }
        return order.compactMap { groups[$0] }.map { samples in
            let first = samples[0]
            guard samples.count > 1 else { return line(first) }
            let events = samples.prefix(3).map(\.target.eventID).joined(separator: ", ") + (samples.count > 3 ? ", …" : "")
            let attempts = samples.map(\.attempts).max() ?? 1
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            return "\(samples.count) series on \(first.target.channelID) (\(events)): \(first.reading.outcome.rawValue): "
                + "\(first.reading.detail ?? "")\(tries) — e.g. GET \(first.url)"
        }
    }
}
