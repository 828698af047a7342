import Foundation
import Testing
@testable import StreamReachKit

/// The nightly job as a library type: what cron gets, what is stored, what is pinged.
@Suite struct NightlyCollectionTests {
    private struct Setup {
        let folder: URL
        let server: StubServer
        var settings: NightlyCollection.Settings
        let programme: Programme

        var database: String { folder.appendingPathComponent("db/streamreach.sqlite").path }

        func job(sources extra: String = "") throws -> NightlyCollection {
            let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"\(server.baseURL)\"}" + extra)
            return NightlyCollection(collector: TestProgramme.collector(programme, config), settings: settings)
        }
    }

    private func setup(channels: [(id: String, platform: String)] = [("tube", "peertube")]) async throws -> Setup {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/ping") ? StubReply(body: Data()) : .json(#"{"views": 120}"#)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-nightly-\(UUID())")
        let programme = try TestProgramme.make(channels: channels, events: [("a", ["tube": "v1"]), ("b", ["tube": "v2"])])
        var settings = NightlyCollection.Settings(database: folder.appendingPathComponent("db/streamreach.sqlite").path)
        settings.pingURL = "\(server.baseURL)/ping/n1"
        return Setup(folder: folder, server: server, settings: settings, programme: programme)
    }

    @Test func aGoodNightIsStoredWithItsMetricsAndPingedAsSuccess() async throws {
        var setup = try await setup()
        let (folder, server) = (setup.folder, setup.server)
        defer { try? FileManager.default.removeItem(at: folder); Task { await server.stop() } }
        try FileManager.default.createDirectory(at: setup.folder, withIntermediateDirectories: true)
        setup.settings.prometheusPath = setup.folder.appendingPathComponent("streamreach.prom").path
        let result = try await setup.job().run(now: TestProgramme.night)
        #expect(result.status == .ok, "\(result.error ?? "")")
        #expect(result.error == nil)
        let runID = try #require(result.runID)
        let stored = try await SQLiteStore(path: setup.database).snapshots(runID: runID)
        #expect(stored.map(\.value) == [120, 120])
        let metrics = try String(contentsOfFile: try #require(setup.settings.prometheusPath), encoding: .utf8)
        #expect(metrics.contains("streamreach_views_total_latest{programme=\"test\"} 240"))
        #expect(setup.server.requests.filter { $0.path.hasPrefix("/ping") }.map(\.path) == ["/ping/n1/start", "/ping/n1"])
    }

    /// A configuration problem found only when collecting (a channel without a source) stops
    /// the job with 78, stores nothing of the run it had begun, and pings /fail.
    @Test func aConfigurationErrorStoresNothingAndPingsFail() async throws {
        let setup = try await setup(channels: [("tube", "peertube"), ("yt", "youtube")])
        defer { try? FileManager.default.removeItem(at: setup.folder); Task { await setup.server.stop() } }
        let programme = try TestProgramme.make(channels: [("tube", "peertube"), ("yt", "youtube")],
                                               events: [("a", ["tube": "v1", "yt": "y1"])])
        let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"\(setup.server.baseURL)\"}")
        let result = await NightlyCollection(collector: TestProgramme.collector(programme, config), settings: setup.settings)
            .run(now: TestProgramme.night)
        #expect(result.status == .configError)
        #expect(result.error?.contains("no source for platform channel yt") == true, "\(result.error ?? "")")
        #expect(try await SQLiteStore(path: setup.database).runs(limit: 5).isEmpty)
        #expect(setup.server.requests.filter { $0.path.hasPrefix("/ping") }.map(\.path) == ["/ping/n1/start", "/ping/n1/fail"])
    }

    /// A second run while one holds the lock stands aside with 75 and pings nothing: the
    /// healthy run in progress must not be reported as failed.
    @Test func aHeldLockExits75WithoutAPing() async throws {
        let setup = try await setup()
        defer { try? FileManager.default.removeItem(at: setup.folder); Task { await setup.server.stop() } }
        let store = try SQLiteStore(path: setup.database)
        defer { store.close() }
        let lease = try await store.lockRuns(programme: "test", now: Date())
        let result = try await setup.job().run(now: TestProgramme.night)
        withExtendedLifetime(lease) {}
        #expect(result.status == .temporaryFailure)
        #expect(result.run == nil)
        #expect(setup.server.requests.isEmpty)
    }

    /// A broken programme is the error reported (65), even when the database is damaged too.
    /// It leaves a missing database uncreated and an existing one byte for byte as it was
    /// (opening a database writes to it: GRDB's pool commits a throw-away table and
    /// checkpoints at close). A damaged database with a good programme is reported (74).
    @Test func aBrokenProgrammeIsReportedFirstAndTouchesNoDatabase() async throws {
        let setup = try await setup()
        defer { try? FileManager.default.removeItem(at: setup.folder); Task { await setup.server.stop() } }
        let broken = NightlyCollection(settings: setup.settings, programme: {
            throw InputFileError(SourceLocation(file: "p.yaml", line: 3, column: 1), "unknown key `evnts`")
        }, collector: { _ in throw CollectorError.channelsWithoutSource(["x"], sourcesFile: "s.yaml") })

        let missing = await broken.run(now: TestProgramme.night)
        #expect(missing.status == .dataError)
        #expect(!FileManager.default.fileExists(atPath: setup.database))

        #expect(try await setup.job().run(now: TestProgramme.night).status == .ok)
        let before = try Data(contentsOf: URL(fileURLWithPath: setup.database))
        let existing = await broken.run(now: TestProgramme.night)
        #expect(existing.status == .dataError)
        #expect(existing.error == "p.yaml:3:1: unknown key `evnts`")
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.database)) == before)
        #expect(!FileManager.default.fileExists(atPath: setup.database + "-wal"))

        try Data("not a database, and longer than a header would be".utf8).write(to: URL(fileURLWithPath: setup.database))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: setup.database + suffix) }
        let both = await broken.run(now: TestProgramme.night)
        #expect(both.status == .dataError)
        #expect(both.error == "p.yaml:3:1: unknown key `evnts`")
        let damaged = try await setup.job().run(now: TestProgramme.night)
        #expect(damaged.status == .damagedDatabase, "\(damaged.error ?? "")")
    }

    /// Every error the library throws to the command line says its own exit status.
    @Test(arguments: [
        (InputFileError(SourceLocation(file: "p.yaml", line: 1, column: 1), "bad") as any Error, StreamReachKit.ExitStatus.dataError),
        (InputFileError(SourceLocation(file: "s.yaml", line: 1, column: 1), "bad").asConfiguration(), .configError),
        (CollectorError.channelsWithoutSource(["yt"], sourcesFile: "s.yaml"), .configError),
        (RunLockError.held(path: "x.lock", holder: ""), .temporaryFailure),
        (RunLockError.cannotOpen(path: "x.lock", reason: "denied"), .cannotCreateOutput),
        (StoreError.noDatabase(path: "x.sqlite"), .configError),
        (AtomicFile.WriteError(path: "x.prom", reason: "no such folder"), .cannotCreateOutput),
        (CurlError(operation: "curl_easy_setopt", code: 48, message: "unknown option"), .software),
        (ReportError.noRuns, .dataError),
        (CocoaError(.fileReadUnknown), .software),
    ])
    func errorsSayTheirExitStatus(_ error: any Error, _ status: StreamReachKit.ExitStatus) {
        #expect(StreamReachKit.ExitStatus(for: error) == status)
    }
}
