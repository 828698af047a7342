import Foundation
import Testing
@testable import StreamReachKit

/// What only the shared store has: many venues writing at once, the advisory run lock,
/// migrations raced by several processes, TLS, passwords that never show, and roles with
/// the least rights. Against the tests' real PostgreSQL server, through the real binary.
@Suite struct PostgresStoreTests {
    /// Venue programmes on one simulated platform, each with its own id and `events` streams.
    struct Venues {
        let folder: URL
        let names: [String]
        var sources: String { folder.appendingPathComponent("sources.yaml").path }
        func programme(_ name: String) -> String { folder.appendingPathComponent("\(name).yaml").path }

        init(_ names: [String], events: Int, server: StubServer) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("venues-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            self.names = names
            for name in names {
                let lines = (0..<events).map { index in
                    "  - {id: e\(index), title: E\(index), kind: concert, start: \"2020-03-24 17:00\", streams: {tube: \(name)-\(index)}}"
                }
                try ("""
                    series: {id: \(name), title: \(name), time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2, target: 1000}
                    stages: [{id: hall}]
                    channels: [{id: tube, platform: peertube}]
                    events:

                    """ + lines.joined(separator: "\n")).write(toFile: programme(name), atomically: true, encoding: .utf8)
            }
            try """
                settings: {timeout: 10s, max-attempts: 2, deadline: 60s, concurrency: 8}
                sources:
                  tube: {platform: peertube, base-url: "\(server.baseURL)"}
                """.write(toFile: sources, atomically: true, encoding: .utf8)
        }

        func collect(_ name: String, db: String, night: String = "2020-03-26T02:00:00Z",
                     environment: [String: String] = [:]) async throws -> CLIRunner.Result {
            try await CLIRunner.run(["collect", programme(name), "--sources", sources, "--db", db, "--now", night], environment: environment)
        }
    }

    private static func views(delay: Duration = .zero) async throws -> StubServer {
        try await StubServer.start { request in
            if delay > .zero { try? await Task.sleep(for: delay) }
            let number = request.path.split(separator: "-").last.flatMap { Int($0) } ?? 0
            return .json(#"{"views": \#(100 + number)}"#)
        }
    }

    @Test func venuesWriteAtOnceAndNothingIsLostOrCountedTwice() async throws {
        let server = try await Self.views(delay: .milliseconds(5))
        defer { Task { await server.stop() } }
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let venues = try Venues(["kaiserslautern", "trier", "landau", "zweibruecken"], events: 40, server: server)
        defer { try? FileManager.default.removeItem(at: venues.folder) }

        // Four venues' nightly jobs at the same moment, on an empty server: they race for the
        // migrations too, and each runs in a transaction of its own.
        let results = try await withThrowingTaskGroup(of: CLIRunner.Result.self) { group in
            for name in venues.names { group.addTask { try await venues.collect(name, db: database.url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        #expect(try await TestPostgres.strings(database.url, "SELECT count(*)::text FROM streamreach_migration") == ["\(PostgresMigrations.all.count)"])
        #expect(try await TestPostgres.strings(database.url, "SELECT count(*)::text FROM snapshot") == ["160"])
        #expect(try await TestPostgres.strings(database.url, "SELECT count(*)::text FROM run") == ["4"])
        // Every venue's total is its own 40 counts, once.
        let totals = try await TestPostgres.strings(database.url, """
            SELECT programme.name || '=' || sum(l.value)::text FROM series_latest l
            JOIN series ON series.programme_id = l.programme_id AND series.id = l.series_id
            JOIN programme ON programme.id = series.programme_id GROUP BY programme.name ORDER BY programme.name
            """)
        let expected = (0..<40).reduce(0) { $0 + 100 + $1 }
        #expect(totals == venues.names.sorted().map { "\($0)=\(expected)" })

        // The next night again at once: the rollups move on, the counts did not change.
        let next = try await withThrowingTaskGroup(of: Int32.self) { group in
            for name in venues.names { group.addTask { try await venues.collect(name, db: database.url, night: "2020-03-27T02:00:00Z").status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(next == [0, 0, 0, 0])
        #expect(try await TestPostgres.strings(database.url, "SELECT count(*)::text FROM snapshot") == ["320"])
        #expect(try await TestPostgres.strings(database.url, "SELECT min(ok_runs)::text || '-' || max(ok_runs)::text FROM series_latest") == ["2-2"])
    }

    /// While a run holds its programme's lock, its reads and writes go through the lock's
    /// connection: one server backend per run, not two. Once released, the pool serves.
    @Test func aRunWorksOnTheConnectionThatHoldsItsLock() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let store = try await StoreLocation.open(database.url)
        let backends = """
            SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """
        let lease = try await store.lockRuns(programme: "trier", now: Date())
        _ = try await store.runs(limit: 1)
        try await store.recordManualReach(programme: "trier", [], enteredAt: Date())
        #expect(try await TestPostgres.strings(database.url, backends) == ["1"])
        await lease.release()
        _ = try await store.runs(limit: 1)
        #expect(try await TestPostgres.strings(database.url, backends) == ["2"])
    }

    @Test func aSecondRunOfOneProgrammeExits75NamingTheHolderWhileOthersGoOn() async throws {
        // A slow platform keeps the first run busy while the others start.
        let server = try await Self.views(delay: .seconds(1))
        defer { Task { await server.stop() } }
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let venues = try Venues(["trier", "landau"], events: 16, server: server)
        defer { try? FileManager.default.removeItem(at: venues.folder) }
        // Migrate first, so the race below is only about the run lock.
        _ = try await StoreLocation.open(database.url)

        async let first = venues.collect("trier", db: database.url)
        // The second run starts once the first holds its programme's lock: a fixed pause was
        // too short on a loaded machine, and the second run took the lock first. (Advisory
        // locks belong to a database; other tests hold trier's lock in theirs.)
        let trier = UInt32(bitPattern: PostgresRunLock.programmeKey("trier"))
        var sawTheLock = false
        for _ in 0..<200 where !sawTheLock {
            let held = try await TestPostgres.strings(database.url, """
                SELECT count(*)::text FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND classid = 21330 AND objid = \(trier)
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)
            sawTheLock = held != ["0"]
            if !sawTheLock { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(sawTheLock, "the first run holds the lock of programme trier")
        async let other = venues.collect("landau", db: database.url)
        let second = try await venues.collect("trier", db: database.url)
        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr.contains("another collect run holds"), "\(second.stderr)")
        #expect(second.stderr.contains("programme trier"))
        #expect(second.stderr.contains("streamreach pid"), "the holder is named: \(second.stderr)")
        let (firstResult, otherResult) = try await (first, other)
        #expect(firstResult.status == 0, "\(firstResult.stderr)")
        #expect(otherResult.status == 0, "a run of another programme goes on: \(otherResult.stderr)")
        // The lock went with the first run's connection: the next run takes it.
        #expect(try await venues.collect("trier", db: database.url, night: "2020-03-27T02:00:00Z").status == 0)
    }

    /// The server goes away in the middle of a run: the job ends (75, saying so) instead of
    /// waiting forever, and the next night is not blocked. A cluster of its own, since this
    /// test stops it: early (while the job connects and migrates) and in the middle.
    @Test(arguments: [300, 1_500])
    func aServerThatGoesAwayMidRunEndsTheJobWith75(stopAfterMilliseconds: Int) async throws {
        // 24 series, 8 at a time, 1.5 s each: the run takes 4.5 s.
        let server = try await Self.views(delay: .milliseconds(1_500))
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-pg-lost-\(UUID())").path
        let admin = try await OffPool.run { try TestPostgres.cluster("start", folder) }
        defer { _ = try? TestPostgres.cluster("stop", folder) }
        let venues = try Venues(["trier"], events: 24, server: server)
        defer { try? FileManager.default.removeItem(at: venues.folder) }
        let started = ContinuousClock.now
        async let run = venues.collect("trier", db: admin)
        try await Task.sleep(for: .milliseconds(stopAfterMilliseconds))
        try await OffPool.run { _ = try TestPostgres.cluster("stop", folder) }
        let result = try await run
        #expect(result.status == 75, "\(result.stderr)")
        // Which it says depends on where the run was when the server went: a query under
        // way (lost), a new connection refused (cannot reach), none handed out in time, or
        // (when it stops early) the server's own refusal while it shuts down (57P03).
        #expect(["lost", "cannot reach", "no connection to the server within", "the database system is shutting down"]
            .contains { result.stderr.contains($0) }, "\(result.stderr)")
        #expect(ContinuousClock.now - started < .seconds(40), "the job must end, not hang")
    }

    @Test func migrationsRunOnceWhoeverStartsFirst() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try await StoreLocation.open(database.url) } }
            try await group.waitForAll()
        }
        let names = try await TestPostgres.strings(database.url, "SELECT name FROM streamreach_migration ORDER BY name")
        #expect(names == PostgresMigrations.all.map(\.name))
        // Snapshots are partitioned by year; a count of 2020 lands in 2020's partition.
        let partitions = try await TestPostgres.strings(database.url, """
            SELECT count(*)::text FROM pg_inherits WHERE inhparent = 'snapshot'::regclass
            """)
        #expect(partitions == ["\(PostgresMigrations.partitionYears.count + 1)"])
        // v2: rollups and corrections carry no foreign keys, like the snapshots.
        let foreignKeys = try await TestPostgres.strings(database.url, """
            SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' ORDER BY 1
            """)
        #expect(foreignKeys == ["donation", "manual_reach", "run", "series"], "hand-entered tables keep theirs: they are written rarely")
    }

    /// v6 fills the week rows of a database written before it from its day rows: the same
    /// rows as collect runs write them.
    @Test func theWeekRowsOfAnOlderDatabaseAreTheOnesRunsWrite() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let store = try await StoreLocation.open(database.url)
        _ = try await History.standard(store: store)
        let weekRows = """
            SELECT concat_ws(' ', series_id, monday, day, value, observed_at) FROM series_week ORDER BY series_id, monday
            """
        let written = try await TestPostgres.strings(database.url, weekRows)
        let address = try PostgresAddress(url: database.url, environment: [:])
        try await TestPostgres.execute(address, "DELETE FROM series_week", PostgresMigrations.v6[1])
        #expect(written.count >= 4, "\(written)")
        #expect(try await TestPostgres.strings(database.url, weekRows) == written)

        // A reading command does not migrate: before a collect of this version has, it reads
        // the week ends from the day rows, and a report is the same.
        let history = try History(target: 1_000, store: store)
        let before = try ReportRendering.render(try await history.report(.all), as: .json, programme: history.programme)
        try await TestPostgres.execute(address, "DROP TABLE series_week")
        let reader = try await StoreLocation.openExisting(database.url)
        let after = try ReportRendering.render(try await History(target: 1_000, store: reader).report(.all), as: .json,
                                               programme: history.programme)
        #expect(after == before)
    }

    /// StreamReach's own errors raised inside a read keep their exit status from either
    /// store: a week out of range is bad input (65), not a database failure (75).
    @Test func aReportsOwnErrorsKeepTheirExitStatus() async throws {
        let (postgres, remove) = try await StoreUnderTest.postgres.make()
        defer { Task { await remove() } }
        let history = try await History.standard(store: postgres)
        let programme = try ScratchFolder.file(history.programmeText, suffix: ".yaml")
        defer { try? FileManager.default.removeItem(atPath: programme) }
        let result = try await CLIRunner.run(["report", programme, "--db", postgres.location, "--week", "12"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("week 12 is outside the series"), "\(result.stderr)")
    }

    @Test func aReadingCommandNeverCreatesTheSchema() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let result = try await CLIRunner.run(["runs", "--db", database.url])
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("no database here"))
        #expect(try await TestPostgres.strings(database.url, "SELECT count(*)::text FROM pg_tables WHERE schemaname = 'public'") == ["0"])
    }

    /// Roles as docs/POSTGRESQL.md creates them (docs/postgresql-roles.sql, run as is): the
    /// collector writes without being a superuser, a report reads through a read-only role,
    /// and that role cannot write. Passwords come from PGPASSWORD or ~/.pgpass and are never
    /// printed, not even when they are wrong or written into the URL.
    @Test func leastPrivilegeRolesAndPasswordsThatNeverShow() async throws {
        let server = try await Self.views()
        defer { Task { await server.stop() } }
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let venues = try Venues(["trier"], events: 3, server: server)
        defer { try? FileManager.default.removeItem(at: venues.folder) }
        let admin = try PostgresAddress(url: database.url, environment: [:])
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let collector = "sr_collector_\(suffix)", reader = "sr_reader_\(suffix)"
        let collectorPassword = "col-Pw-\(suffix)-s3cret", readerPassword = "rd-Pw-\(suffix)-s3cret"
        var script = try String(contentsOf: Fixtures.root.appendingPathComponent("docs/postgresql-roles.sql"), encoding: .utf8)
        for (placeholder, value) in [("streamreach_collector", collector), ("streamreach_reader", reader),
                                     ("'collector-password'", "'\(collectorPassword)'"), ("'reader-password'", "'\(readerPassword)'"),
                                     ("streamreach_db", admin.database)] {
            script = script.replacingOccurrences(of: placeholder, with: value)
        }
        let statements = script.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && !$0.split(separator: "\n").allSatisfy { $0.hasPrefix("--") } }
        for statement in statements { try await TestPostgres.execute(admin, statement, database: admin.database) }

        guard case .tcp(let host, let port) = admin.endpoint else { return }
        let collectorURL = "postgresql://\(collector)@\(host):\(port)/\(admin.database)?sslmode=require"
        let readerURL = "postgresql://\(reader)@\(host):\(port)/\(admin.database)?sslmode=require"

        // The collector's password from PGPASSWORD; it migrates and writes.
        let collected = try await venues.collect("trier", db: collectorURL, environment: ["PGPASSWORD": collectorPassword])
        #expect(collected.status == 0, "\(collected.stderr)")
        // The reader's from a password file (0600, as libpq requires).
        let passFile = venues.folder.appendingPathComponent("pgpass").path
        try "\(host):\(port):*:\(reader):\(readerPassword)\n".write(toFile: passFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passFile)
        let report = try await CLIRunner.run(["report", venues.programme("trier"), "--db", readerURL, "--all", "--format", "json"],
                                             environment: ["PGPASSFILE": passFile, "PGPASSWORD": ""])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("\"total\""))
        // The read-only role cannot write: a collect through it is refused, as configuration.
        let refused = try await venues.collect("trier", db: readerURL, night: "2020-03-27T02:00:00Z",
                                               environment: ["PGPASSFILE": passFile, "PGPASSWORD": ""])
        #expect(refused.status == 78, "\(refused.stderr)")
        #expect(refused.stderr.contains("permission denied") || refused.stderr.contains("lacks a right"), "\(refused.stderr)")
        // A wrong password: exit 78, and neither password appears anywhere.
        let wrong = try await CLIRunner.run(["runs", "--db", "postgresql://\(collector):\(readerPassword)@\(host):\(port)/\(admin.database)"])
        #expect(wrong.status == 78, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("password"), "\(wrong.stderr)")
        for output in [collected, report, refused, wrong] {
            for secret in [collectorPassword, readerPassword] {
                #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
            }
        }
        let stored = try await TestPostgres.strings(database.url, """
            SELECT string_agg(t::text, ' ') FROM (SELECT * FROM run) t
            UNION ALL SELECT string_agg(t::text, ' ') FROM (SELECT * FROM snapshot) t
            UNION ALL SELECT string_agg(t::text, ' ') FROM (SELECT * FROM series) t
            """).joined()
        #expect(!stored.contains(collectorPassword) && !stored.contains("s3cret"))
    }

    @Test func tlsIsUsedAndVerifiedWhenAsked() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let admin = try PostgresAddress(url: database.url, environment: [:])
        guard case .tcp(let host, let port) = admin.endpoint else { return }
        let base = "postgresql://\(admin.user)@\(host):\(port)/\(admin.database)"
        // require: encrypted; the server sees an SSL connection.
        let store = try await StoreLocation.open(base + "?sslmode=require")
        _ = try await store.runs(limit: 1)
        let ssl = try await TestPostgres.strings(base + "?sslmode=require",
                                                 "SELECT bool_or(ssl)::text FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE datname = current_database()")
        #expect(ssl == ["true"])
        // verify-full against the cluster's own certificate: accepted; against the system's
        // roots (which never signed it): refused, before any query.
        let certificate = try #require(try await TestPostgres.shared.certificate())
        _ = try await StoreLocation.open(base + "?sslmode=verify-full&sslrootcert=\(certificate)")
        let refused = try await CLIRunner.run(["runs", "--db", base + "?sslmode=verify-full"])
        #expect(refused.status != 0)
        #expect(!refused.stderr.isEmpty)
    }
}

@Suite struct PostgresAddressTests {
    @Test func theURLThenTheEnvironmentThenLibpqDefaults() throws {
        let full = try PostgresAddress(url: "postgresql://venue:pw@db.example:6543/reach?sslmode=verify-full&sslrootcert=/ca.pem", environment: [:])
        #expect(full.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(full.user == "venue" && full.database == "reach" && full.password == "pw")
        #expect(full.sslMode == .verifyFull && full.sslRootCertificate == "/ca.pem")
        #expect(full.description == "postgresql://venue@db.example:6543/reach")

        let environment = ["PGHOST": "pg.internal", "PGPORT": "5433", "PGUSER": "ops", "PGDATABASE": "network",
                           "PGSSLMODE": "require", "PGPASSWORD": "from-env"]
        let bare = try PostgresAddress(url: "postgresql://", environment: environment)
        #expect(bare.endpoint == .tcp(host: "pg.internal", port: 5433))
        #expect(bare.user == "ops" && bare.database == "network" && bare.sslMode == .require && bare.password == "from-env")

        let socket = try PostgresAddress(url: "postgres:///reach?host=/run/postgresql", environment: ["USER": "kl"])
        #expect(socket.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.user == "kl" && socket.sslMode == .prefer)
    }

    @Test func thePasswordFileAsLibpqReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
            # comment
            other.host:5432:*:venue:wrong
            db.example:*:reach:venue:pa\\:ss\\\\word
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let address = try PostgresAddress(url: "postgresql://venue@db.example/reach", environment: ["PGPASSFILE": file])
        #expect(address.password == "pa:ss\\word")
        let other = try PostgresAddress(url: "postgresql://ops@elsewhere/x", environment: ["PGPASSFILE": file])
        #expect(other.password == "fallback")
        // A file others may read is ignored, as libpq does.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresAddress(url: "postgresql://venue@db.example/reach", environment: ["PGPASSFILE": file]).password == nil)
    }

    @Test func thePasswordIsNeverShown() throws {
        let address = try PostgresAddress(url: "postgresql://venue:Sup3rSecret@db.example/reach", environment: [:])
        for text in [address.description, "\(address)", String(reflecting: address), StoreLocation.display("postgresql://venue:Sup3rSecret@db.example/reach")] {
            #expect(!text.contains("Sup3rSecret"), "\(text)")
        }
    }

    @Test(arguments: [
        ("postgresql://h/db?sslmode=sometimes", "sslmode `sometimes` is not one of"),
        ("postgresql://h:99999/db", "port"),
        ("postgresql://h/db?connect_timeout=5", "unknown parameter `connect_timeout`"),
    ])
    func badURLsSayWhatIsWrong(_ url: String, _ words: String) throws {
        let error = try #require(throws: PostgresAddressError.self) { try PostgresAddress(url: url, environment: [:]) }
        #expect(error.localizedDescription.contains(words), "\(error.localizedDescription)")
        #expect(error.exitStatus == .configError)
    }
}
