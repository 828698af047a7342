import Foundation
import Testing
@testable import StreamReachKit

/// `streamreach live` as a service runs it: started, polling a stream that is live now,
/// then stopped with SIGTERM: it stores what it read, says it stopped, and exits 0.
@Suite struct LiveCommandTests {
    @Test func sigtermStopsItCleanlyWithEverythingStored() async throws {
        let server = try await StubServer.start { _ in
            .json(#"{"items":[{"id":"v1","statistics":{"viewCount":"900"},"liveStreamingDetails":{"concurrentViewers":"42"}}]}"#)
        }
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An event that started five minutes ago, in UTC, so it is live now.
        let now = Date()
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = utc.dateComponents([.year, .month, .day, .hour, .minute], from: now.addingTimeInterval(-300))
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let day = "\(start.year!)-\(two(start.month))-\(two(start.day))"
        let programme = folder.appendingPathComponent("p.yaml").path
        try """
            series: {id: now, title: Now, time-zone: UTC, first-day: \(day), weeks: 1}
            slots: {days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00"}
            stages: [{id: hall}]
            channels: [{id: yt, platform: youtube}]
            events:
              - {id: a, title: A, kind: concert, start: "\(day) \(two(start.hour)):\(two(start.minute))", duration: 60m, stage: hall, streams: {yt: v1}}
            """.write(toFile: programme, atomically: true, encoding: .utf8)
        let sources = folder.appendingPathComponent("s.yaml").path
        try "sources:\n  yt: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}\n"
            .write(toFile: sources, atomically: true, encoding: .utf8)
        let database = folder.appendingPathComponent("live.sqlite").path
        let metrics = folder.appendingPathComponent("live.prom").path

        // ChildProcess, not Foundation's Process (see why there); pipes read after the exit.
        let child = try ChildProcess(CLIRunner.binary, ["live", programme, "--sources", sources, "--db", database, "--interval", "1s",
                                                        "--edge-interval", "1s", "--prom", metrics],
                                     stdout: .pipe, stderr: .pipe)
        // Wait (off the pool) until it has stored a figure, then stop it as systemd does.
        let stored = try await OffPool.run {
            for _ in 0..<200 {
                if server.requests.count >= 2 { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }
        #expect(stored, "the poller made its first polls")
        child.signal(SIGTERM)
        let status = try await OffPool.run { child.wait() }
        let log = String(decoding: child.readError(), as: UTF8.self)
        #expect(child.readOutput().isEmpty, "a service prints its lines on stderr")
        #expect(status == 0, "exit 0, not a signal: \(log)")
        #expect(log.contains("polling the viewers of 1 stream on yt"), "\(log)")
        #expect(log.contains("a on yt: live"), "\(log)")
        #expect(log.contains("stopped:"), "\(log)")
        let store = try SQLiteStore.existing(path: database)
        defer { store.close() }
        let samples = try await store.read { try await $0.audience(programme: "now") }
        #expect(samples.count >= 1)
        #expect(samples.allSatisfy { $0.viewers == 42 && $0.origin == .live })
        // The textfile written after each poll says who is watching now.
        let prom = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(prom.contains(#"streamreach_live_viewers{channel="yt",programme="now"} 42"#), "\(prom)")
        #expect(prom.contains(#"streamreach_live_streams{channel="yt",programme="now"} 1"#), "\(prom)")
    }
}
