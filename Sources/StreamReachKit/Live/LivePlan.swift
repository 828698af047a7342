import Foundation

/// When each stream of a programme is polled while live, and what a reading means for the
/// next poll. Pure, dates in and decisions out, so the rules are tested without a clock or
/// a server; ``LivePoller`` does the waiting and the requests.
///
/// - A stream is polled from `lead` before its planned start until it ends, or until
///   `grace` after its planned end at the latest; never outside that window.
/// - Every `interval` (60 s), and every `edgeInterval` (15 s) in the first and last `edge`
///   (10 minutes) of the slot, where the audience arrives and leaves.
/// - It has ended when, having been live, it has no viewer figure any more within the
///   slot's last `edge` or after it: YouTube drops `concurrentViewers`, Twitch and Owncast
///   go offline. Earlier, a missing figure is a stream that has not started or hides its
///   count, and polling goes on.
/// - A failed poll (network, 5xx, quota) is retried after twice the wait, then four times,
///   up to `maxBackoff`.
/// - `stretch` widens every wait (the quota ledger asks for it when the budget runs low).
package struct LivePlan: Sendable {
    package struct Settings: Sendable, Equatable {
        package var lead: TimeInterval = 15 * 60
        package var grace: TimeInterval = 30 * 60
        package var interval: TimeInterval = 60
        package var edgeInterval: TimeInterval = 15
        package var edge: TimeInterval = 10 * 60
        package var maxBackoff: TimeInterval = 5 * 60

        package init() {}
    }

    /// Where a stream stands; a change is logged once (not every poll).
    package enum State: String, Sendable, Equatable {
        /// Its window has not opened, or it has not shown a figure yet.
        case waiting
        case live
        /// Polls fail; `live` again with the next good one.
        case failing
        /// Over: no more polls.
        case ended
    }

    package struct Stream: Sendable, Equatable {
        package let target: CollectionTarget
        package let plannedStart: Date
        package let plannedEnd: Date
        package fileprivate(set) var state: State = .waiting
        package fileprivate(set) var wasLive = false
        package fileprivate(set) var nextPoll: Date
        package fileprivate(set) var failures = 0
    }

    /// A stream's state changed at a reading.
    package struct Change: Sendable, Equatable {
        package let target: CollectionTarget
        package let from: State
        package let to: State
        package let at: Date
    }

    /// What a poll of one stream found.
    package enum Reading: Sendable, Equatable {
        case viewers(Int64)
        /// No figure now (not live, ended, or the count hidden): neither an error nor zero.
        case absent
        case failed
    }

    package let settings: Settings
    package private(set) var streams: [Stream]
    package var stretch: Double = 1
    /// Where each target is in `streams`: a poll of thousands of streams records each reading.
    private let index: [CollectionTarget: Int]

    /// The streams of `programme` on `channels` (those with a live figure), in start order.
    package init(programme: Programme, channels: Set<String>, settings: Settings = Settings()) {
        self.settings = settings
        let converter = TimeZoneConverter(identifier: programme.series.timeZone)
        var streams: [Stream] = []
        for event in programme.events.sorted(by: Event.startOrder) {
            let start = converter.instant(event.start), end = converter.instant(event.end)
            for channel in programme.channels(carrying: event) where channel.sort == .platform && channels.contains(channel.id) {
                guard let streamID = event.streams[channel.id] else { continue }
                streams.append(Stream(target: CollectionTarget(eventID: event.id, channelID: channel.id, streamID: streamID),
                                      plannedStart: start, plannedEnd: end, nextPoll: start.addingTimeInterval(-settings.lead)))
            }
        }
        self.streams = streams
        index = Dictionary(streams.enumerated().map { ($1.target, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// After a restart: streams whose end was read already are over, and a stream that
    /// started before `now` is taken to have been live (its end is then still recognised).
    package mutating func resume(at now: Date, endedBefore ended: Set<String>) {
        for index in streams.indices {
            let target = streams[index].target
            if ended.contains(Self.key(target.eventID, target.channelID)) { streams[index].state = .ended }
            if streams[index].plannedStart <= now { streams[index].wasLive = true }
        }
    }

    package static func key(_ event: String, _ channel: String) -> String { event + "\u{0}" + channel }

    /// The stream of `target`, found by key (a cycle may ask for thousands).
    package func stream(_ target: CollectionTarget) -> Stream? { index[target].map { streams[$0] } }

    /// The streams to poll now.
    package func due(at now: Date) -> [CollectionTarget] {
        streams.filter { $0.state != .ended && $0.nextPoll <= now && now <= closing($0) }.map(\.target)
    }

    /// When the next poll is due, nil when every stream has ended or closed.
    package func nextWake(after now: Date) -> Date? {
        streams.filter { $0.state != .ended && now <= closing($0) }.map(\.nextPoll).min()
    }

    /// Streams whose window closed without an end seen: they are over, as if ended.
    package mutating func closeWindows(at now: Date) -> [Change] {
        var changes: [Change] = []
        for index in streams.indices where streams[index].state != .ended && now > closing(streams[index]) {
            changes.append(Change(target: streams[index].target, from: streams[index].state, to: .ended, at: now))
            streams[index].state = .ended
        }
        return changes
    }

    /// Takes in a poll's reading and sets the stream's next poll; returns the change, if any.
    package mutating func record(_ reading: Reading, of target: CollectionTarget, at now: Date) -> Change? {
        guard let index = index[target] else { return nil }
        var stream = streams[index]
        let before = stream.state
        switch reading {
        case .viewers:
            stream.state = .live
            stream.wasLive = true
            stream.failures = 0
        case .absent:
            stream.failures = 0
            if stream.wasLive && now >= stream.plannedEnd.addingTimeInterval(-settings.edge) {
                stream.state = .ended
            } else if stream.state == .failing {
                stream.state = stream.wasLive ? .live : .waiting
            }
        case .failed:
            stream.failures += 1
            stream.state = .failing
        }
        let backoff = stream.failures == 0 ? 1 : pow(2, Double(min(stream.failures, 10)))
        let wait = min(interval(for: stream, at: now) * backoff, max(settings.maxBackoff, interval(for: stream, at: now))) * max(1, stretch)
        // On a fixed grid: the next poll is due a wait after this one was due, not after it
        // ran, so a cycle's lateness (a slow sleep, a slow store) never adds up over hours.
        // A poll more than a wait late (a restart, a machine asleep) starts a new grid.
        let late = now.timeIntervalSince(stream.nextPoll)
        stream.nextPoll = (late >= 0 && late < wait ? stream.nextPoll : now).addingTimeInterval(wait)
        streams[index] = stream
        return before == stream.state ? nil : Change(target: target, from: before, to: stream.state, at: now)
    }

    /// The wait between polls of `stream` at `now`: shorter at the slot's edges.
    package func interval(for stream: Stream, at now: Date) -> TimeInterval {
        let sinceStart = now.timeIntervalSince(stream.plannedStart), untilEnd = stream.plannedEnd.timeIntervalSince(now)
        let atEdge = (sinceStart >= 0 && sinceStart < settings.edge) || (untilEnd > 0 && untilEnd <= settings.edge)
        return atEdge ? settings.edgeInterval : settings.interval
    }

    private func closing(_ stream: Stream) -> Date { stream.plannedEnd.addingTimeInterval(settings.grace) }
}
