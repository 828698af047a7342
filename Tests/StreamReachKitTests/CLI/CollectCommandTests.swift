import Foundation
import Testing
@testable import StreamReachKit

/// `streamreach collect` and `runs` as cron runs them: a real binary, a real server.
@Suite struct CollectCommandTests {
    static let secret = "PLANTED-SECRET-d41d8cd98f00b204"

    private struct Setup {
        let folder: URL
        var programme: String { folder.appendingPathComponent("programme.yaml").path }
        var sources: String { folder.appendingPathComponent("sources.yaml").path }
        var database: String { folder.appendingPathComponent("reach.sqlite").path }
    }

    private func setup(server: StubServer, extraSettings: String = "") throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collect-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let setup = Setup(folder: folder)
        try """
            series: {id: cli, title: CLI, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2}
            stages: [{id: hall}]
            channels: [{id: youtube, platform: youtube}, {id: tube, platform: peertube}]
            events:
              - {id: a, title: A, kind: concert, start: "2020-03-24 17:00", streams: {youtube: krauJecXeGS, tube: ok1}}
              - {id: b, title: B, kind: concert, start: "2020-03-25 17:00", streams: {youtube: cESI8gbFKeo, tube: ok2}}
            """.write(toFile: setup.programme, atomically: true, encoding: .utf8)
        try """
            settings: {timeout: 10s, max-attempts: 2, deadline: 30s\(extraSettings)}
            sources:
              youtube: {platform: youtube, api-key: "${TEST_YT_KEY}", base-url: "\(server.baseURL)"}
              tube: {platform: peertube, base-url: "\(server.baseURL)"}
            """.write(toFile: setup.sources, atomically: true, encoding: .utf8)
        return setup
    }

    private func collect(_ setup: Setup, _ extra: [String] = []) async throws -> CLIRunner.Result {
        try await CLIRunner.run(["collect", setup.programme, "--sources", setup.sources, "--db", setup.database,
                                      "--now", "2020-03-26T02:00:00Z"] + extra,
                                     environment: ["TEST_YT_KEY": Self.secret])
    }

    @Test func aGoodNightIsSilentAndStored() async throws {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/youtube") ? .fixture("youtube-videos.json") : .json(#"{"views": 5}"#)
        }
        defer { Task { await server.stop() } }
        let setup = try setup(server: server)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let result = try await collect(setup)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        let snapshots = try await SQLiteStore(path: setup.database).snapshots()
        #expect(snapshots.count == 4)
        #expect(Set(snapshots.compactMap(\.value)) == [4182, 2950, 5])

        let runs = try await CLIRunner.run(["runs", "--db", setup.database, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 1)
        #expect(json[0]["okCount"] as? Int == 4)
        #expect(json[0]["startedAt"] as? String == "2020-03-26T02:00:00Z")
    }

    @Test func summaryAndDryRun() async throws {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/youtube") ? .fixture("youtube-videos.json") : .json(#"{"views": 5}"#)
        }
        defer { Task { await server.stop() } }
        let setup = try setup(server: server)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let summary = try await collect(setup, ["--summary"])
        #expect(summary.stdout.hasPrefix("collected 4 series: 4 ok, 0 absent, 0 failed (run 1,"))
        let dry = try await collect(setup, ["--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("a youtube: 4182"))
        #expect(dry.stdout.contains("not stored"))
        #expect(try await SQLiteStore(path: setup.database).runs(limit: 10).count == 1)
        let json = try await collect(setup, ["--dry-run", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["series"] as? [[String: Any]])?.count == 4)
    }

    /// One line per distinct problem: the two YouTube series failed in the same batched
    /// request for the same reason, so cron's mail says it once, with the count.
    @Test func failuresPrintOneLinePerProblemWithoutTheSecretAndExit75() async throws {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/youtube") ? StubReply(status: 503, body: Data("down".utf8)) : .json(#"{"views": 5}"#)
        }
        defer { Task { await server.stop() } }
        let setup = try setup(server: server)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let result = try await collect(setup, ["--verbose"])
        #expect(result.status == 75)
        let failed = result.stderr.split(separator: "\n").filter { $0.hasPrefix("failed: ") }
        #expect(failed.count == 1, "\(failed)")
        #expect(failed.first?.contains("2 series on youtube") == true, "\(failed)")
        #expect(failed.first?.contains("transient: HTTP 503 after 2 attempts — e.g. GET http://127.0.0.1:\(server.port)/youtube/v3/videos?") == true)
        #expect(failed.first?.contains("key=…") == true)
        // The planted key reached the server, and nothing else.
        #expect(server.requests.contains { $0.query("key") == Self.secret })
        #expect(!result.stdout.contains(Self.secret))
        #expect(!result.stderr.contains(Self.secret))
        for suffix in ["", "-wal", "-shm"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: setup.database + suffix))) ?? Data()
            #expect(bytes.range(of: Data(Self.secret.utf8)) == nil, "secret found in database\(suffix)")
        }
        // The good series were stored all the same.
        #expect(try await SQLiteStore(path: setup.database).snapshots().filter { $0.outcome == .ok }.count == 2)
    }

    /// The programme and the sources file swapped: one line that says so, not every key of
    /// the sources file listed as unknown to a programme.
    @Test func swappedFilesAreNamedForWhatTheyAre() async throws {
        let result = try await CLIRunner.run(["collect", "Schedules/fruchthalle-2020.sources.yaml", "--sources", "Schedules/fruchthalle-2020.yaml", "--dry-run"])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: Schedules/fruchthalle-2020.sources.yaml:26:1: this is a sources file (it has `sources:`), "
            + "not a programme; a sources file goes to `--sources` (`collect`, `live`, `quota`)\n")
    }

    @Test func aHeldLockStopsASecondRunAtOnce() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 5}"#) }
        defer { Task { await server.stop() } }
        let setup = try setup(server: server)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let lock = try FileRunLock(databasePath: setup.database)
        let result = try await collect(setup)
        withExtendedLifetime(lock) {}
        #expect(result.status == 75)
        #expect(result.stderr.contains("another collect run holds"))
        #expect(result.stderr.contains("pid \(getpid())"))
        #expect(server.requests.isEmpty)
    }

    @Test func configurationProblemsExit78WithTheirPlace() async throws {
        let server = try await StubServer.start { _ in .json("{}") }
        defer { Task { await server.stop() } }
        let setup = try setup(server: server)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let missingKey = try await CLIRunner.run(["collect", setup.programme, "--sources", setup.sources, "--db", setup.database])
        #expect(missingKey.status == 78)
        #expect(missingKey.stderr.contains("sources.yaml:3:41: environment variable"))
        #expect(missingKey.stderr.split(separator: "\n").count == 1)
        #expect(missingKey.stderr.contains("environment variable TEST_YT_KEY is not set"))
        let badProgramme = try await CLIRunner.run(["collect", Fixtures.path("broken/programmes/hour-25.yaml"), "--sources", setup.sources])
        #expect(badProgramme.status == 65)
    }
}
