import Foundation

/// What the served board's `/live` page shows at one moment: the streams live now with the
/// people watching each on every platform, and the streams starting soon. Built from the
/// audience samples the `live` poller stored; the board never asks a platform itself.
package struct LiveBoard: Sendable, Equatable {
    /// One event on the board.
    package struct Item: Sendable, Equatable {
        package struct Reading: Sendable, Equatable {
            package let channelName: String
            package let platform: String
            /// People watching at the latest reading; nil when no reading is recent enough
            /// (within ``MetricsSnapshot/liveWindow``): the board says "no figure", never 0.
            package let viewers: Int64?
        }

        package let programme: String
        package let programmeTitle: String
        package let eventID: String
        package let title: String
        package let start: Date
        package let end: Date
        /// Start and end as the programme's time zone says them, e.g. "20:00–21:30".
        package let slotText: String
        package let readings: [Reading]
        /// The event's platforms added up poll by poll, for its small curve.
        package let curve: [Point]

        /// People watching now on all its platforms together.
        package var viewers: Int64 { readings.compactMap(\.viewers).reduce(0, +) }
    }

    package struct Point: Sendable, Equatable {
        package let at: Date
        package let viewers: Int64
    }

    package let now: Date
    /// Live now: in its slot (from the poller's lead time to its grace after the end), or
    /// read live within the last five minutes.
    package let live: [Item]
    /// Starting within ``soonWindow``, first the earliest, at most ``soonLimit``.
    package let soon: [Item]

    package static let soonWindow: TimeInterval = 3 * 3600
    package static let soonLimit = 5

    /// People watching now, by platform, the most first (then by name).
    package var byPlatform: [(platform: String, viewers: Int64)] {
        var totals: [String: Int64] = [:]
        for item in live { for reading in item.readings { if let viewers = reading.viewers { totals[reading.platform, default: 0] += viewers } } }
        return totals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }

    /// People watching now on every platform together.
    package var total: Int64 { live.map(\.viewers).reduce(0, +) }

    /// The board of `programmes` at `now`, from the samples each stored.
    package static func build(_ programmes: [(programme: Programme, samples: [AudienceSample])], now: Date,
                              settings: LivePlan.Settings = LivePlan.Settings()) -> LiveBoard {
        var live: [Item] = [], soon: [Item] = []
        for (programme, samples) in programmes {
            let zone = TimeZoneConverter(identifier: programme.series.timeZone)
            let curves = LiveAudienceStats.curves(samples.filter { $0.origin == .live })
            for event in programme.events.sorted(by: Event.startOrder) {
                let start = zone.instant(event.start), end = zone.instant(event.end)
                let channels = programme.channels(carrying: event).filter { event.streams[$0.id] != nil }
                let eventCurves = channels.compactMap { curves[LiveAudienceStats.Stream(event.id, $0.id)] }
                let latest = eventCurves.compactMap(\.last?.at).max()
                let inSlot = now >= start.addingTimeInterval(-settings.lead) && now <= end.addingTimeInterval(settings.grace)
                let readRecently = latest.map { now.timeIntervalSince($0) <= MetricsSnapshot.liveWindow && $0 <= now } ?? false
                let startsSoon = start > now && start.timeIntervalSince(now) <= soonWindow
                guard inSlot || readRecently || startsSoon else { continue }
                let readings = channels.map { channel -> Item.Reading in
                    let recent = curves[LiveAudienceStats.Stream(event.id, channel.id)]?.last { $0.at <= now }
                        .flatMap { now.timeIntervalSince($0.at) <= MetricsSnapshot.liveWindow ? $0 : nil }
                    return Item.Reading(channelName: channel.name, platform: channel.platform?.rawValue ?? channel.id, viewers: recent?.viewers)
                }
                let curve = LiveAudienceStats.sum(eventCurves.map { $0.filter { $0.at <= now } }).map { Point(at: $0.at, viewers: $0.viewers) }
                let item = Item(programme: programme.series.id, programmeTitle: programme.series.title, eventID: event.id, title: event.title,
                                start: start, end: end, slotText: "\(DisplayText.day(event.start.date)) \(event.start.time)–\(event.end.time)",
                                readings: readings, curve: curve)
                if inSlot || readRecently { live.append(item) } else { soon.append(item) }
            }
        }
        soon.sort { ($0.start, $0.programme, $0.eventID) < ($1.start, $1.programme, $1.eventID) }
        live.sort { ($0.start, $0.programme, $0.eventID) < ($1.start, $1.programme, $1.eventID) }
        return LiveBoard(now: now, live: live, soon: Array(soon.prefix(soonLimit)))
    }
}
