import Foundation
import Logging
import Synchronization
import Testing
@testable import StreamReachKit

/// The YouTube quota: every call booked before it is made, failed ones included, the ledger
/// equal to what the server counted, and the budget never passed, by the nightly job and
/// the live poller together, in either store.
@Suite struct QuotaLedgerTests {
    @Test(arguments: StoreUnderTest.allCases)
    func processesBookingAtOnceNeverPassTheBudget(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let day = LocalDate(dayNumber: 20_000)
        let granted = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 { group.addTask { try await store.reserveQuota(day: day, units: 3, limit: 50, job: index % 2 == 0 ? .live : .nightly) } }
            return try await group.reduce(0, +)
        }
        #expect(granted == 50)
        #expect(try await store.quotaSpent(on: day) == 50)
        try await store.returnQuota(day: day, units: 5, job: .live)
        #expect(try await store.quotaSpent(on: day) == 45)
        #expect(try await store.reserveQuota(day: day, units: 9, limit: 50, job: .nightly) == 5)
        #expect(try await store.reserveQuota(day: day.adding(days: 1), units: 9, limit: 50, job: .nightly) == 9, "a new quota day")
    }

    /// Nightly runs of 120 YouTube streams (3 calls each, the first answered 503 and
    /// retried) against a budget of 11 units: every call is booked, the ledger ends equal to
    /// the server's count, and what could not be afforded is reported as quota, not made.
    @Test func theNightlyJobSpendsExactlyWhatTheServerCountedAndNeverMore() async throws {
        let calls = Mutex(0)
        let server = try await StubServer.start { request in
            let count = calls.withLock { $0 += 1; return $0 }
            if count == 1 { return StubReply(status: 503) }
            let ids = (request.query("id") ?? "").split(separator: ",")
            let items = ids.map { #"{"id":"\#($0)","statistics":{"viewCount":"10"}}"# }
            return .json(#"{"items":[\#(items.joined(separator: ","))]}"#)
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("yt", "youtube")], events: (0..<120).map { ("e\($0)", ["yt": "v\($0)"]) })
        let config = try TestProgramme.sources("yt: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}",
                                               settings: "youtube-quota: 11")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quota-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = NightlyCollection(collector: TestProgramme.collector(programme, config),
                                    settings: NightlyCollection.Settings(database: folder.appendingPathComponent("q.sqlite").path))
        var quotaSeries: [Int] = []
        for night in 0..<5 {
            let result = await job.run(now: TestProgramme.night.addingTimeInterval(Double(night) * 3600))
            quotaSeries.append(result.run?.samples.filter { $0.reading.outcome == .quota }.count ?? -1)
        }
        let store = try SQLiteStore.existing(path: folder.appendingPathComponent("q.sqlite").path)
        defer { store.close() }
        let spent = try await store.quotaSpent(on: QuotaDay.of(TestProgramme.night))
        #expect(calls.withLock { $0 } == 11, "the budget, and not one call more")
        #expect(spent == 11, "the ledger holds exactly the calls the server saw")
        let ledger = try await QuotaLedgerReport.read(from: store, now: TestProgramme.night, days: 2, budget: 11)
        #expect(ledger.days.map(\.total) == [0, 11])
        #expect(ledger.days.last.map { ($0.nightly, $0.live, $0.left) } ?? (0, 0, 0) == (11, 0, 0))
        #expect(ledger.text.contains("2020-03-24       11        0       11        0"), "\(ledger.text)")
        #expect(quotaSeries == [0, 0, 0, 70, 120], "runs 1–3 make their 3 calls (run 1 a retry too: 10 units); run 4 affords one, run 5 none")
    }

    /// The live poller shares the budget: it polls less often as it runs low, keeps what the
    /// nightly job needs, and the ledger still equals the server's count.
    @Test func theLivePollerSlowsDownAndLeavesTheNightlyJobItsShare() async throws {
        let clock = SimulatedWallClock(start: ISO8601DateFormatter().date(from: "2020-03-24T15:40:00Z")!)
        let calls = Mutex(0)
        let server = try await StubServer.start { request in
            calls.withLock { $0 += 1 }
            return .json(#"{"items":[{"id":"v1","statistics":{"viewCount":"10"},"liveStreamingDetails":{"concurrentViewers":"5"}}]}"#)
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("yt", "youtube")], events: [("a", ["yt": "v1"])])
        // 4 for tonight's nightly read (1 call, up to 4 attempts), 60 for the live hour.
        let config = try TestProgramme.sources("yt: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}",
                                               settings: "youtube-quota: 64\nmax-attempts: 4")
        let store = try SQLiteStore()
        let lines = LogLines()
        var poller = LivePoller(programme: programme, config: config, store: store, clock: clock, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        poller.log = { lines.add($0) }
        _ = try await poller.run()
        let spent = try await store.quotaSpent(on: QuotaDay.of(clock.now()))
        #expect(spent == calls.withLock { $0 })
        #expect(spent <= 60, "the nightly job's 4 units are kept")
        #expect(lines.all.contains { $0.contains("polling 2 times less often") }, "\(lines.all)")
        #expect(lines.all.contains { $0.contains("polling 4 times less often") }, "\(lines.all)")
    }
}
