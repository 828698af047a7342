import Foundation
import StreamReachKit

/// How the simulated audience grows: each stream gathers most of its views in its first
/// nights and a trickle after, scaled by a stable per-event popularity. Deterministic, so
/// every demo run stores the same numbers.
struct DemoAudience: Sendable {
    /// Stream id → (first night it can be counted, popularity 0.6…1.6, the slot's start and end).
    private let streams: [String: (firstNight: LocalDate, popularity: Double, start: Date, end: Date)]
    /// Platform → views a stream of popularity 1 reaches.
    static let base: [String: Double] = ["youtube": 1200, "facebook": 1700, "peertube": 250]
    /// The one stream whose platform removes 50 invalid views, and the night it happens.
    let correction: (streamID: String, night: LocalDate, views: Int64)?

    init(programme: Programme) {
        var streams: [String: (LocalDate, Double, Date, Date)] = [:]
        let zone = TimeZoneConverter(identifier: programme.series.timeZone)
        for event in programme.events {
            let digest = event.id.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
            let popularity = 0.6 + Double(digest % 1000) / 1000
            for id in event.streams.values {
                streams[id] = (event.start.date.adding(days: 1), popularity, zone.instant(event.start), zone.instant(event.end))
            }
        }
        self.streams = streams
        let sorted = programme.events.sorted { $0.start < $1.start }
        correction = sorted.dropFirst(5).first.flatMap { event in
            event.streams["youtube"].map { ($0, event.start.date.adding(days: 9), 50) }
        }
    }

    /// People watching a stream while it is live: they arrive in the 5 minutes before the
    /// start, peak about 20 minutes in, and leave over the last quarter hour; the stream goes
    /// on air 5 minutes early and off 2 minutes late. Nil when it is not live at `instant`.
    func viewers(streamID: String, platform: String, at instant: Date) -> Int64? {
        guard let stream = streams[streamID], let share = Self.liveShare[platform] else { return nil }
        let minute = instant.timeIntervalSince(stream.start) / 60, length = stream.end.timeIntervalSince(stream.start) / 60
        guard minute >= -5, minute < length + 2 else { return nil }
        let arriving = min(1, (minute + 5) / 15), leaving = min(1, max(0, (length + 2 - minute) / 15))
        let peak = exp(-pow((minute - 20) / 30, 2)) * 0.3 + 0.7
        return Int64(Self.base[platform, default: 0] * share * stream.popularity * arriving * leaving * peak)
    }

    /// Whether a stream has gone off air by `instant` (YouTube then shows `actualEndTime`).
    func ended(streamID: String, at instant: Date) -> Bool {
        streams[streamID].map { instant >= $0.end.addingTimeInterval(120) } ?? false
    }

    /// The view count while and after a stream is live, before its first night: what the
    /// live hour gathered (55 % of the first night's count by the end), growing as it goes.
    func liveViews(streamID: String, platform: String, at instant: Date) -> Int64? {
        guard let stream = streams[streamID], instant >= stream.start.addingTimeInterval(-300),
              let night = views(streamID: streamID, platform: platform, night: stream.firstNight) else { return nil }
        let progress = min(1, max(0, instant.timeIntervalSince(stream.start) / stream.end.addingTimeInterval(120).timeIntervalSince(stream.start)))
        return Int64(Double(night) * 0.55 * progress)
    }

    /// Concurrent viewers per platform at the peak, as a share of the views a stream of
    /// popularity 1 reaches (Facebook's video insights have no live figure in the demo).
    static let liveShare: [String: Double] = ["youtube": 0.12, "peertube": 0.2]

    /// The count a platform shows on `night` (02:00 local), or nil before the stream.
    func views(streamID: String, platform: String, night: LocalDate) -> Int64? {
        guard let stream = streams[streamID], night >= stream.firstNight, let base = Self.base[platform] else { return nil }
        let days = Double(night.dayNumber - stream.firstNight.dayNumber)
        var value = Int64(base * stream.popularity * (1 - pow(0.55, days + 1)) + 4 * days)
        if let correction, correction.streamID == streamID, night >= correction.night { value -= correction.views }
        return value
    }
}
