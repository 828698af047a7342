import Foundation
import StreamReachKit

/// How the simulated audience grows: each stream gathers most of its views in its first
/// nights and a trickle after, scaled by a stable per-event popularity. Deterministic, so
/// every demo run stores the same numbers.
struct DemoAudience: Sendable {
    /// Stream id → (first night it can be counted, popularity 0.6…1.6).
    private let streams: [String: (firstNight: LocalDate, popularity: Double)]
    /// Platform → views a stream of popularity 1 reaches.
    static let base: [String: Double] = ["youtube": 1200, "facebook": 1700, "peertube": 250]
    /// The one stream whose platform removes 50 invalid views, and the night it happens.
    let correction: (streamID: String, night: LocalDate, views: Int64)?

    init(programme: Programme) {
        var streams: [String: (LocalDate, Double)] = [:]
        for event in programme.events {
            let digest = event.id.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
            let popularity = 0.6 + Double(digest % 1000) / 1000
            for id in event.streams.values { streams[id] = (event.start.date.adding(days: 1), popularity) }
        }
        self.streams = streams
        let sorted = programme.events.sorted { $0.start < $1.start }
        correction = sorted.dropFirst(5).first.flatMap { event in
            event.streams["youtube"].map { ($0, event.start.date.adding(days: 9), 50) }
        }
    }

    /// The count a platform shows on `night` (02:00 local), or nil before the stream.
    func views(streamID: String, platform: String, night: LocalDate) -> Int64? {
        guard let stream = streams[streamID], night >= stream.firstNight, let base = Self.base[platform] else { return nil }
        let days = Double(night.dayNumber - stream.firstNight.dayNumber)
        var value = Int64(base * stream.popularity * (1 - pow(0.55, days + 1)) + 4 * days)
        if let correction, correction.streamID == streamID, night >= correction.night { value -= correction.views }
        return value
    }
}
