import Foundation
import Testing
@testable import StreamReachKit

/// Running it every night: metrics for monitoring, healthcheck pings, missed nights, completions.
@Suite struct OperationsTests {
    static var promtool: String? {
        ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private func files(_ server: StubServer) throws -> (folder: URL, programme: String, sources: String, database: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ops-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let programme = folder.appendingPathComponent("p.yaml").path
        let sources = folder.appendingPathComponent("s.yaml").path
        try """
            series: {id: ops, title: "Ops \\"quoted\\"", time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2, target: 500}
            stages: [{id: hall}]
            channels: [{id: tube, platform: peertube}, {id: ok, type: broadcast}]
            events:
              - {id: a, title: A, kind: concert, start: "2020-03-24 17:00", streams: {tube: v1}}
              - {id: b, title: B, kind: reading, start: "2020-03-25 17:00", streams: {tube: v2}}
            """.write(toFile: programme, atomically: true, encoding: .utf8)
        try """
            settings: {timeout: 15s, max-attempts: 1}
            sources:
              tube: {platform: peertube, base-url: "\(server.baseURL)"}
            """.write(toFile: sources, atomically: true, encoding: .utf8)
        return (folder, programme, sources, folder.appendingPathComponent("db.sqlite").path)
    }

    @Test func collectWritesMetricsThatPromtoolAccepts() async throws {
        let server = try await StubServer.start { request in
            request.path.hasSuffix("/v2") ? StubReply(status: 503) : .json(#"{"views": 321}"#)
        }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let metricsPath = folder.appendingPathComponent("streamreach.prom").path
        let result = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database,
                                                   "--prom", metricsPath, "--prom-per-event", "--now", "2020-03-26T01:00:00Z"])
        #expect(result.status == 75)
        let metrics = try String(contentsOfFile: metricsPath, encoding: .utf8)
        #expect(metrics.contains("# TYPE streamreach_views gauge"))
        #expect(metrics.contains(#"streamreach_views{channel="tube",kind="concert",programme="ops"} 321"#))
        #expect(metrics.contains(#"streamreach_event_views{channel="tube",event="a",programme="ops"} 321"#))
        #expect(metrics.contains(#"streamreach_target_views{programme="ops"} 500"#))
        #expect(metrics.contains(#"streamreach_last_run_success{programme="ops"} 0"#))
        #expect(metrics.contains(#"streamreach_last_run_failed_series{programme="ops"} 1"#))
        #expect(metrics.contains(#"streamreach_last_run_series{outcome="transient",programme="ops"} 1"#))
        // No run has read everything yet: the last success is 0, so an alert on its age fires
        // (an absent series never would).
        #expect(metrics.contains(#"streamreach_last_success_timestamp_seconds{programme="ops"} 0"#))
        #expect(metrics.contains(#"streamreach_last_run_exit_status{programme="ops"} 75"#))
        // Written by rename: no temporary file left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
        if let promtool = Self.promtool {
            let (status, output) = try await Tool.run(promtool, ["check", "metrics"], input: URL(fileURLWithPath: metricsPath))
            #expect(status == 0, "\(output)")
            #expect(output.isEmpty, "promtool: \(output)")
        }
    }

    @Test func labelValuesAreEscaped() {
        #expect(PrometheusExporter.labelText(["a": "x\"y\\z\nw"]) == #"{a="x\"y\\z\nw"}"#)
    }

    @Test func pingsMarkStartAndSuccessOrFailure() async throws {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/ping") ? StubReply(status: 200, body: Data("OK".utf8)) : .json(#"{"views": 5}"#)
        }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ok = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database,
                                               "--ping", "\(server.baseURL)/ping/abc", "--now", "2020-03-26T01:00:00Z"])
        #expect(ok.status == 0)
        #expect(ok.stderr.isEmpty)
        #expect(server.requests.filter { $0.path.hasPrefix("/ping") }.map(\.path) == ["/ping/abc/start", "/ping/abc"])

        // A ping endpoint that is down never fails the run.
        let refusing = try RefusingPort()
        let unreachable = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database,
                                                        "--ping", "\(refusing.baseURL)/x", "--now", "2020-03-27T01:00:00Z"])
        withExtendedLifetime(refusing) {}
        #expect(unreachable.status == 0)
        #expect(unreachable.stderr.contains("warning: the start ping failed"))
    }

    @Test func aFailedRunPingsFail() async throws {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/ping") ? StubReply(status: 200) : StubReply(status: 500)
        }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database,
                                                   "--ping", "\(server.baseURL)/ping/abc", "--now", "2020-03-26T01:00:00Z"])
        #expect(result.status == 75)
        #expect(server.requests.filter { $0.path.hasPrefix("/ping") }.map(\.path) == ["/ping/abc/start", "/ping/abc/fail"])
    }

    /// A run that fails on its configuration updates the metrics (failed attempt, last
    /// success kept) and pings /fail, instead of leaving the last night's "success" standing.
    @Test func aConfigurationFailureUpdatesTheMetricsAndPingsFail() async throws {
        let server = try await StubServer.start { request in
            request.path.hasPrefix("/ping") ? StubReply(status: 200) : .json(#"{"views": 7}"#)
        }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let metrics = folder.appendingPathComponent("streamreach.prom").path
        let good = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database, "--prom", metrics,
                                                 "--now", "2020-03-26T01:00:00Z"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try String(contentsOfFile: metrics, encoding: .utf8).contains(#"streamreach_last_run_success{programme="ops"} 1"#))
        let needsSecret = folder.appendingPathComponent("secret.yaml").path
        try "sources:\n  tube: {platform: youtube, api-key: ${STREAMREACH_TEST_MISSING_KEY}, base-url: \"\(server.baseURL)\"}\n"
            .write(toFile: needsSecret, atomically: true, encoding: .utf8)
        let broken = try await CLIRunner.run(["collect", programme, "--sources", needsSecret, "--db", database, "--prom", metrics,
                                                   "--ping", "\(server.baseURL)/ping/x", "--now", "2020-03-27T01:00:00Z"])
        #expect(broken.status == 78, "\(broken.stderr)")
        let after = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(after.contains(#"streamreach_last_run_success{programme="ops"} 0"#), "\(after)")
        #expect(after.contains(#"streamreach_last_run_exit_status{programme="ops"} 78"#))
        #expect(after.contains(#"streamreach_last_run_timestamp_seconds{programme="ops"} 1585270800"#))
        #expect(after.contains(#"streamreach_last_success_timestamp_seconds{programme="ops"} 1585184400"#))
        #expect(server.requests.filter { $0.path.hasPrefix("/ping") }.map(\.path) == ["/ping/x/fail"])
    }

    /// The metrics file is for node_exporter, another user: 0644 even under UMask=0077.
    @Test func theMetricsFileIsReadableByOthersWhateverTheUmask() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 7}"#) }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let metrics = folder.appendingPathComponent("streamreach.prom").path
        let command = ["umask 077; exec \"$0\" \"$@\"", CLIRunner.binary, "collect", programme, "--sources", sources, "--db", database,
                       "--prom", metrics, "--now", "2020-03-26T01:00:00Z"]
        let result = try await CLIRunner.run(command, executable: "/bin/sh", leading: ["-c"])
        #expect(result.status == 0, "\(result.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: metrics)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        let databaseMode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(databaseMode.map { $0 & 0o077 } == 0, "the database stays private")
    }

    /// A metrics path that cannot be written stops the job before it collects (exit 73), so
    /// cron's retry does not collect the same night twice.
    @Test func anUnwritableMetricsPathStopsBeforeCollecting() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 7}"#) }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database,
                                                   "--prom", "/nonexistent/dir/x.prom", "--now", "2020-03-26T01:00:00Z"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("the folder /nonexistent/dir does not exist"), "\(result.stderr)")
        #expect(server.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    /// A damaged database says so, with its own exit code: 75 would have cron try again forever.
    @Test func aDamagedDatabaseHasItsOwnMessageAndCode() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ops-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("db.sqlite").path
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: database))
        let result = try await CLIRunner.run(["runs", "--db", database])
        #expect(result.status == 74)
        #expect(result.stderr.contains("not a StreamReach database, or a damaged one"), "\(result.stderr)")
    }

    /// `runs` names each run's programme when a store holds several, and lists one
    /// programme's runs when given its file.
    @Test func runsNameTheirProgrammeAndListOneProgrammesRuns() async throws {
        let database = try ScratchFolder.folder("runs").appendingPathComponent("db.sqlite").path
        let store = try SQLiteStore(path: database)
        for (programme, seconds) in [("fruchthalle-2020", 1_586_000_000), ("another-venue", 1_586_100_000), ("fruchthalle-2020", 1_586_200_000)] {
            let start = Date(timeIntervalSince1970: Double(seconds))
            try await store.record(CollectionRun(
                programme: programme, startedAt: start, finishedAt: start.addingTimeInterval(2), day: LocalDate(dayNumber: seconds / 86_400),
                samples: [Sample(target: CollectionTarget(eventID: "e", channelID: "youtube", streamID: "v"), reading: .count(5), attempts: 1, url: "https://x")]))
        }
        let all = try await CLIRunner.run(["runs", "--db", database])
        #expect(all.status == 0)
        let lastWords: [String] = all.stdout.split(separator: "\n").map { line in String(line.split(separator: " ").last ?? "") }
        #expect(lastWords == ["programme", "fruchthalle-2020", "another-venue", "fruchthalle-2020"], "\(all.stdout)")
        let one = try await CLIRunner.run(["runs", "Schedules/fruchthalle-2020.yaml", "--db", database])
        #expect(one.status == 0)
        #expect(one.stdout == """
            run  started               took  series  ok  absent  failed  exit
            3    2020-04-06T19:06:40Z    2s       1   1       0       0     0
            1    2020-04-04T11:33:20Z    2s       1   1       0       0     0

            """, "\(one.stdout)")
        let json = try await CLIRunner.run(["runs", "Schedules/fruchthalle-2020.yaml", "--db", database, "--format", "json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["programme"] as? String } == ["fruchthalle-2020", "fruchthalle-2020"])
        #expect(try await CLIRunner.run(["runs", "Schedules/fruchthalle-2020.sources.yaml", "--db", database]).status == 65)
    }

    /// The default database follows $XDG_DATA_HOME, then $HOME (not the password database).
    @Test func theDefaultDatabaseFollowsHome() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID())").path
        let result = try await CLIRunner.run(["runs"], environment: ["HOME": home, "XDG_DATA_HOME": "", "STREAMREACH_DB": ""])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(home)/.local/share/streamreach/streamreach.sqlite"), "\(result.stderr)")
    }

    @Test func missedNightsAreReportedAtTheNextRun() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 5}"#) }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database, "--now", "2020-03-26T01:00:00Z"])
        #expect(first.stderr.isEmpty)
        let next = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database, "--now", "2020-03-27T01:00:00Z"])
        #expect(next.stderr.isEmpty)
        let afterGap = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database, "--now", "2020-03-30T00:30:00Z"])
        #expect(afterGap.status == 0)
        #expect(afterGap.stderr.contains("warning: no collect run on 2 nights, 2020-03-28 to 2020-03-29"))
        #expect(MissedNights.between(previous: LocalDate(iso: "2020-03-27"), current: LocalDate(iso: "2020-03-28")!).isEmpty)
    }

    @Test func reportFormatPromAndCompletionsAndVersion() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 5}"#) }
        defer { Task { await server.stop() } }
        let (folder, programme, sources, database) = try files(server)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await CLIRunner.run(["collect", programme, "--sources", sources, "--db", database, "--now", "2020-03-26T01:00:00Z"])
        let prom = try await CLIRunner.run(["report", programme, "--db", database, "--format", "prom"])
        #expect(prom.status == 0)
        #expect(prom.stdout.contains(#"streamreach_last_success_timestamp_seconds{programme="ops"} 1585184400"#))
        for shell in ["bash", "zsh", "fish"] {
            let script = try await CLIRunner.run(["--generate-completion-script", shell])
            #expect(script.status == 0)
            #expect(script.stdout.contains("collect"))
        }
        // File names complete for the programme, --db, --sources and -o (they did not).
        let bash = try await CLIRunner.run(["--generate-completion-script", "bash"]).stdout
        #expect(bash.contains("-fX '!*.@(yaml|yml)'"))
        #expect(bash.contains("-fX '!*.@(sqlite|db)'"))
        #expect(bash.components(separatedBy: "-fX '!*.@(yaml|yml)'").count > 6, "every command's programme argument and --sources")
        let version = try await CLIRunner.run(["--version"])
        #expect(version.stdout == StreamReachVersion.current + "\n")
    }

    /// The shipped systemd unit and timer pass `systemd-analyze verify` (with the binary
    /// this build made in place of /usr/local/bin's), and the unit and the example sources
    /// work together: every secret file the example reads is a credential the unit loads,
    /// and nothing is read from a home folder the unit hides (ProtectHome=true).
    @Test func theShippedUnitVerifiesAndFitsTheExampleSources() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = try String(contentsOfFile: Fixtures.root.appendingPathComponent("docs/contrib/streamreach-collect.service").path, encoding: .utf8)
        try unit.replacingOccurrences(of: "/usr/local/bin/streamreach", with: CLIRunner.binary)
            .write(to: folder.appendingPathComponent("streamreach-collect.service"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("docs/contrib/streamreach-collect.timer").path,
                                         toPath: folder.appendingPathComponent("streamreach-collect.timer").path)
        let live = try String(contentsOfFile: Fixtures.root.appendingPathComponent("docs/contrib/streamreach-live.service").path, encoding: .utf8)
        try live.replacingOccurrences(of: "/usr/local/bin/streamreach", with: CLIRunner.binary)
            .write(to: folder.appendingPathComponent("streamreach-live.service"), atomically: true, encoding: .utf8)
        let board = try String(contentsOfFile: Fixtures.root.appendingPathComponent("docs/contrib/streamreach-serve.service").path, encoding: .utf8)
        try board.replacingOccurrences(of: "/usr/local/bin/streamreach", with: CLIRunner.binary)
            .write(to: folder.appendingPathComponent("streamreach-serve.service"), atomically: true, encoding: .utf8)
        let (status, output) = try await Tool.run("/usr/bin/systemd-analyze", ["verify", "--man=no", "streamreach-collect.service",
                                                                         "streamreach-collect.timer", "streamreach-live.service",
                                                                         "streamreach-serve.service"], in: folder)
        #expect(board.contains("--log-format json") && !board.contains("--token"), "the token comes from the environment file, not ps")
        #expect(status == 0, "\(output)")
        #expect(output.isEmpty, "\(output)")

        let sources = try String(contentsOfFile: Fixtures.schedule("fruchthalle-2020.sources.yaml"), encoding: .utf8)
        let secretLines = sources.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(unit.contains("ProtectHome=true"))
        #expect(!secretLines.contains { $0.contains("${HOME}") || $0.contains("~/") }, "the unit hides home folders")
        for line in secretLines where line.contains("file:${CREDENTIALS_DIRECTORY}/") {
            let name = line.components(separatedBy: "file:${CREDENTIALS_DIRECTORY}/")[1].trimmingCharacters(in: .whitespaces)
            #expect(unit.contains("LoadCredential=\(name):"), "the unit must load the credential \(name)")
        }
    }

    /// `make install` puts the release binary where the cron line and the unit expect it,
    /// under PREFIX and DESTDIR (a dry run: the commands make would run, none run).
    @Test func makeInstallPutsTheBinaryUnderPrefixAndDestdir() async throws {
        let (status, output) = try await Tool.run("/usr/bin/make", ["-n", "install", "DESTDIR=/tmp/pkg", "PREFIX=/opt/sr"], in: Fixtures.root)
        #expect(status == 0, "\(output)")
        #expect(output.contains("install -m 0755 .build/release/streamreach \"/tmp/pkg/opt/sr/bin/streamreach\""), "\(output)")
        #expect(output.contains("--static-swift-stdlib"), "it installs the release build")
    }
}
