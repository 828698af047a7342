import Foundation
import Synchronization
import Logging
import Testing
@testable import StreamReachKit

/// The real poller against a loopback server that plays a live evening on a simulated
/// clock: streams go live, draw an audience, end; the poller stores what it saw, reads the
/// views at each end, and can be stopped and started again in the middle.
@Suite struct LivePollerTests {
    /// Two streams, 17:00–18:00 Berlin on 2020-03-24 (16:00–17:00 UTC).
    static let start = ISO8601DateFormatter().date(from: "2020-03-24T16:00:00Z")!
    static func minutes(_ date: Date) -> Double { date.timeIntervalSince(start) / 60 }

    /// YouTube as a live stream looks: upcoming, live from 5 minutes before the slot with
    /// `concurrentViewers`, over 2 minutes after it with `actualEndTime` and no viewers.
    static func youtube(_ clock: SimulatedWallClock) async throws -> StubServer {
        try await StubServer.start { request in
            let minute = minutes(clock.now())
            let ids = (request.query("id") ?? "").split(separator: ",").map(String.init)
            let items = ids.map { id -> String in
                let base = id == "v1" ? 100 : 30
                let views = Int(max(0, minute + 5)) * base / 10 + (minute > 62 ? 500 : 0)
                var live = #""actualStartTime":"2020-03-24T15:55:00Z""#
                if minute >= 62 {
                    live += #","actualEndTime":"2020-03-24T17:02:00Z""#
                } else if minute >= -5 {
                    live += #","concurrentViewers":"\#(base + Int(minute))""#
                }
                return #"{"id":"\#(id)","statistics":{"viewCount":"\#(views)"},"liveStreamingDetails":{\#(live)}}"#
            }
            return .json(#"{"items":[\#(items.joined(separator: ","))]}"#)
        }
    }

    /// `coarse`: a poll every 5 minutes, every minute at the edges. The tests that do not
    /// look at the intervals use it: each poll is a real request, and hundreds of them in a
    /// burst slowed the timing-sensitive tests running beside them.
    static func poller(store: any ReachStore, server: StubServer, clock: any WallClock, coarse: Bool = false) throws -> LivePoller {
        let programme = try TestProgramme.make(channels: [("yt", "youtube")], events: [("a", ["yt": "v1"]), ("b", ["yt": "v2"])])
        let config = try TestProgramme.sources("yt: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}")
        var poller = LivePoller(programme: programme, config: config, store: store, clock: clock, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        if coarse {
            poller.settings.interval = 300
            poller.settings.edgeInterval = 60
        }
        return poller
    }

    @Test func aLiveEveningIsPolledStoredAndEndedWithItsViews() async throws {
        let clock = SimulatedWallClock(start: Self.start.addingTimeInterval(-3600))
        let server = try await Self.youtube(clock)
        defer { Task { await server.stop() } }
        let store = try SQLiteStore()
        let lines = LogLines()
        var poller = try Self.poller(store: store, server: server, clock: clock)
        poller.log = { lines.add($0) }
        let summary = try await poller.run()

        let samples = try await store.read { try await $0.audience(programme: "test") }
        let first = samples.filter { $0.eventID == "a" }
        // Live from 5 minutes before the slot to 2 minutes after it; nothing else stored.
        #expect(first.allSatisfy { (-5..<62).contains(Self.minutes($0.observedAt)) })
        #expect(first.first.map { Self.minutes($0.observedAt) } == -5)
        #expect(first.map(\.viewers) == first.map { 100 + Int64(Self.minutes($0.observedAt)) }, "each figure as the server had it then")
        // Every 15 s in the first and last 10 minutes, every minute between.
        let gaps = zip(first.dropFirst(), first).map { $0.observedAt.timeIntervalSince($1.observedAt) }
        #expect(Set(gaps) == [15, 60])
        #expect(first.filter { (10..<50).contains(Self.minutes($0.observedAt)) }.count == 40)
        #expect(first.filter { (0..<10).contains(Self.minutes($0.observedAt)) }.count == 40)
        #expect(summary.samples == samples.count)
        // One request a poll for both streams (YouTube batches ids); none before the window.
        #expect(server.requests.allSatisfy { $0.query("id") == "v1,v2" })
        // The views at each end: read once, right after the end was seen.
        let ends = try await store.read { try await $0.liveEndViews(programme: "test") }
        #expect(ends.map(\.eventID) == ["a", "b"])
        #expect(ends.allSatisfy { Self.minutes($0.observedAt) == 62 })
        #expect(ends.map(\.views) == [670, 201], "the count when the end was seen, not the replay views after it")
        #expect(summary.endsRead == 2)
        // One line per change of a stream, not per poll.
        #expect(lines.all == ["a on yt: live", "b on yt: live", "a on yt: ended", "b on yt: ended"])
        #expect(try await store.snapshots().isEmpty, "viewers are never stored as views")
    }

    /// Stopped in the middle (as SIGTERM does) and started again: nothing stored twice,
    /// nothing lost but the minutes it was down, and the end read once.
    @Test func aRestartResumesWithoutDuplicates() async throws {
        let clock = SimulatedWallClock(start: Self.start.addingTimeInterval(-3600))
        let server = try await Self.youtube(clock)
        defer { Task { await server.stop() } }
        let store = try SQLiteStore()
        let stopping = StoppingClock(clock, stopAt: Self.start.addingTimeInterval(30 * 60))
        _ = try await Self.poller(store: store, server: server, clock: stopping, coarse: true).run()
        let before = try await store.read { try await $0.audience(programme: "test") }
        #expect(before.allSatisfy { Self.minutes($0.observedAt) <= 30 })
        #expect(!before.isEmpty)

        try await clock.sleep(until: Self.start.addingTimeInterval(33 * 60))
        _ = try await Self.poller(store: store, server: server, clock: clock, coarse: true).run()
        // Started once more after the end: nothing left to do, nothing stored twice.
        _ = try await Self.poller(store: store, server: server, clock: clock, coarse: true).run()
        let after = try await store.read { try await $0.audience(programme: "test") }
        let keys = after.map { "\($0.eventID) \($0.observedAt.timeIntervalSince1970)" }
        #expect(Set(keys).count == keys.count)
        #expect(after.count > before.count)
        #expect(!after.contains { (30.1..<33).contains(Self.minutes($0.observedAt)) }, "the minutes it was down")
        #expect(try await store.read { try await $0.liveEndViews(programme: "test") }.count == 2)
    }
}

/// Collects the poller's log lines.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A simulated clock whose sleeps are cancelled once it reaches `stopAt`: a stop signal at
/// that moment.
struct StoppingClock: WallClock {
    let base: SimulatedWallClock
    let stopAt: Date
    init(_ base: SimulatedWallClock, stopAt: Date) {
        self.base = base
        self.stopAt = stopAt
    }
    func now() -> Date { base.now() }
    func sleep(until date: Date) async throws {
        if date > stopAt { throw CancellationError() }
        try await base.sleep(until: date)
    }
}
