import Foundation
import Synchronization
import Testing
@testable import StreamReachKit

/// Kills, overlapping runs, and reports during a collect.
@Suite struct CrashAndConcurrencyTests {
    /// The short form of Tests/reliability/kill_collect.py (docs/RELIABILITY.md has the long one).
    @Test(.enabled { await PythonValidator.python3Available() })
    func killedRunsLeaveAnIntactDatabaseAndTheNextNightWorks() async throws {
        let result = try await PythonValidator.script("../reliability/kill_collect.py", "--binary", CLIRunner.binary, "--kills", "8")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("run after the kills: ok"))
        #expect(result.output.contains("two runs at once: one ran, the other exited 75"))
    }

    @Test func aReportDuringACollectIsConsistentAndNeverLocked() async throws {
        // A slow server keeps the collect busy while reports read the same database.
        let views = ViewsSwitch()
        let server = try await StubServer.start { _ in
            StubReply(body: Data("{\"views\": \(views.value.withLock { $0 })}".utf8), delay: .milliseconds(15))
        }
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concurrent-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let programme = folder.appendingPathComponent("p.yaml").path
        let sources = folder.appendingPathComponent("s.yaml").path
        let database = folder.appendingPathComponent("db.sqlite").path
        var lines = ["series: {id: conc, title: C, time-zone: UTC, first-day: 2020-03-23, weeks: 2}", "stages: [{id: hall}]",
                     "channels: [{id: tube, platform: peertube}]", "events:"]
        for index in 0..<150 {
            lines.append("  - {id: e\(index), title: E, kind: talk, start: \"2020-03-2\(3 + index % 6) \(pad(index % 24, 2)):00\", streams: {tube: v\(index)}}")
        }
        try lines.joined(separator: "\n").write(toFile: programme, atomically: true, encoding: .utf8)
        try "settings: {concurrency: 4}\nsources:\n  tube: {platform: peertube, base-url: \"\(server.baseURL)\"}\n"
            .write(toFile: sources, atomically: true, encoding: .utf8)
        let collectArguments = ["collect", programme, "--sources", sources, "--db", database]
        // One run first, so that reports have data.
        #expect(try await CLIRunner.run(collectArguments + ["--now", "2020-03-30T02:00:00Z"]).status == 0)
        views.value.withLock { $0 = 10 }

        async let writer = CLIRunner.run(collectArguments + ["--now", "2020-03-31T02:00:00Z"])
        var reports: [CLIRunner.Result] = []
        for _ in 0..<6 {
            reports.append(try await CLIRunner.run(["report", programme, "--db", database, "--all", "--format", "json"]))
        }
        let collected = try await writer
        #expect(collected.status == 0, "\(collected.stderr)")
        for report in reports {
            #expect(report.status == 0, "\(report.stderr)")
            #expect(!report.stderr.contains("locked"))
            // Each report saw the first run alone or both whole: never half of the second.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
            let total = try #require((object["headline"] as? [String: Any])?["total"] as? Int)
            #expect(total == 150 * 9 || total == 150 * 10, "total \(total)")
        }
    }

    final class ViewsSwitch: Sendable {
        let value = Mutex(9)
    }

    @Test func theDatabaseAndTheLockAreNotWorldReadable() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 1}"#) }
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perm-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let programme = folder.appendingPathComponent("p.yaml").path
        let sources = folder.appendingPathComponent("s.yaml").path
        let database = folder.appendingPathComponent("sub/db.sqlite").path
        try "series: {id: p, title: P, time-zone: UTC, first-day: 2020-03-23, weeks: 1}\nstages: [{id: hall}]\nchannels: [{id: tube, platform: peertube}]\nevents:\n  - {id: a, title: A, kind: talk, start: \"2020-03-23 10:00\", streams: {tube: v}}\n"
            .write(toFile: programme, atomically: true, encoding: .utf8)
        try "sources:\n  tube: {platform: peertube, base-url: \"\(server.baseURL)\"}\n".write(toFile: sources, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database, "--now", "2020-03-24T02:00:00Z"])
        #expect(result.status == 0)
        for path in [database, database + ".lock", (database as NSString).deletingLastPathComponent] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o077 } == 0, "\(path) has mode \(String(mode ?? 0, radix: 8))")
        }
    }
}
