import Foundation
import GRDB
import Testing
@testable import StreamReachKit

/// What only the SQLite store does: its file, and its frozen migrations.
@Suite struct SQLiteStoreTests {
    private static let oneRun = CollectionRun(programme: "p", startedAt: Date(timeIntervalSince1970: 1000),
                                              finishedAt: Date(timeIntervalSince1970: 1000), day: LocalDate(dayNumber: 0), samples: [])

    @Test func aFileStoreIsAWALDatabaseReadableOnlyByItsOwner() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db/streamreach.sqlite").path
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        try await store.record(Self.oneRun)
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o077 } == 0, "\(file) has mode \(String(mode ?? 0, radix: 8))")
        }
        // Reopening migrates nothing twice and keeps the data.
        #expect(try await SQLiteStore(path: path).runs(limit: 5).count == 1)
    }

    @Test func aReadingCommandNeverCreatesADatabase() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).sqlite").path
        let error = try await #require(throws: StoreError.self) { try await StoreLocation.openExisting(path) }
        #expect(error.exitStatus == .configError)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Reading commands open the file read-only. GRDB's writable pool committed a throw-away
    /// table whenever the write-ahead log was missing, and closing checkpointed it into the
    /// file: every report wrote the database, and a user who may only read it got none.
    @Test func aReadingCommandWritesNothingToTheFile() async throws {
        let path = try ScratchFolder.folder("written").appendingPathComponent("streamreach.sqlite").path
        let writer = try SQLiteStore(path: path)
        try await writer.record(Self.oneRun)
        let at = Date(timeIntervalSince1970: 1000)
        writer.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the last connection to close folds the log into the file")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let reader = try SQLiteStore.existing(path: path)
        #expect(try await reader.runs(limit: 5).map(\.startedAt) == [at])
        #expect(try await reader.read { try await $0.lastSuccessfulRunStart(programme: "p") } == at)
        reader.close()

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let log = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect((log ?? 0) == 0, "nothing was logged to be written either")
    }

    /// SQLite creates `-wal` and `-shm` as whoever opens the file first, and a reader leaves
    /// them behind: created by another account, the owner's next collect could not write
    /// them. Such a reader reads only while they are there. Run as root, reading as `nobody`.
    @Test(.enabled { await OtherAccount.canRunTheBinary() })
    func anotherAccountReadsOnlyWhileTheOwnersLogsAreThere() async throws {
        let folder = try OtherAccount.sharedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("streamreach.sqlite").path
        let owner = try SQLiteStore(path: path)
        try await owner.record(Self.oneRun)
        owner.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        let refused = try await OtherAccount.run(["runs", "--db", path])
        #expect(refused.status == ExitStatus.configError.rawValue, "\(refused.stderr)")
        #expect(refused.stderr.contains("belongs to root, and this user may only read it"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-shm"),
                "nothing left beside the file as `nobody`")

        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path)
        let writable = try await OtherAccount.run(["runs", "--db", path])
        #expect(writable.status == 0, "\(writable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-shm"),
                "one who may write opens it as writers do, and its close removes them")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        let holder = try SQLiteStore(path: path)
        defer { holder.close() }
        let read = try await OtherAccount.run(["runs", "--db", path, "--format", "json"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("\"id\" : 1"), "\(read.stdout)")
        for log in [path + "-wal", path + "-shm"] {
            #expect((try FileManager.default.attributesOfItem(atPath: log)[.ownerAccountID] as? Int) == 0, "\(log) is the owner's")
        }
    }

    /// A file that lacks only the week rows (v6), read by an account that may not add them
    /// while the owner holds it open (an older `live`, say): read as it is, week ends from
    /// the day rows, the same report, and the file left as it was. Run as root, reading as
    /// `nobody`.
    @Test(.enabled { await OtherAccount.canRunTheBinary() })
    func anotherAccountReadsAFileWithoutWeekRowsAsItIs() async throws {
        let folder = try OtherAccount.sharedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("streamreach.sqlite").path
        let owner = try SQLiteStore(path: path)
        let history = try await History.standard(store: owner)
        let expected = try ReportRendering.render(try await history.report(.week(2)), as: .json, programme: history.programme)
        owner.close()
        let programme = folder.appendingPathComponent("hist.yaml").path
        try history.programmeText.write(toFile: programme, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: programme)
        let file = try DatabaseQueue(path: path)
        try await file.write { db in
            try db.execute(sql: "DROP TABLE series_week")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [SQLiteMigrations.weekRows])
        }
        try file.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        let holder = try DatabasePool(path: path)
        defer { try? holder.close() }
        let read = try await OtherAccount.run(["report", programme, "--db", path, "--week", "2", "--format", "json"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == expected)
        #expect(try await holder.read { db in try !db.tableExists("series_week") }, "the file is left as it was")
    }

    @Test func theRefusalSaysWhatTheOtherAccountsFilesWouldDo() {
        let reach = StoreError.logsWouldBelongToAnother(path: "/srv/reach/r.sqlite", owner: "reach").message
        #expect(reach.contains("r.sqlite-wal and r.sqlite-shm beside it as this user, and reach's next collect could not write them; "
                               + "read it as reach (or root), or while"), "\(reach)")
        let root = StoreError.logsWouldBelongToAnother(path: "/srv/reach/r.sqlite", owner: "root").message
        #expect(root.contains("this user could change what root's next collect reads from them; read it as root, or while"), "\(root)")
    }

    @Test func aReadingCommandBringsAFileOfAnOlderVersionUpToDate() async throws {
        let path = try ScratchFolder.folder("old").appendingPathComponent("streamreach.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(old, upTo: "v4: views and viewers apart")
        try old.close()

        let reader = try SQLiteStore.existing(path: path)
        #expect(try await reader.runs(limit: 5).isEmpty)
        reader.close()
        let reopened = try DatabaseQueue(path: path)
        defer { try? reopened.close() }
        #expect(try await reopened.read { db in try SQLiteMigrations.migrator.hasCompletedMigrations(db) })
    }

    /// v6 fills the week rows of a file written before it from its day rows: the same rows
    /// as collect runs write them. The file is made a v5 file by taking v6 back out.
    @Test func theWeekRowsOfAnOlderFileAreTheOnesRunsWrite() async throws {
        let path = try ScratchFolder.folder("weeks").appendingPathComponent("streamreach.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await History.standard(store: store)
        store.close()
        let file = try DatabaseQueue(path: path)
        let weekRows = "SELECT series_id, monday, day, value, observed_at FROM series_week ORDER BY series_id, monday"
        let written = try await file.read { db in try Row.fetchAll(db, sql: weekRows).map { $0.description } }
        try await file.write { db in
            try db.execute(sql: "DROP TABLE series_week")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v6:%'")
        }
        try file.close()

        let reader = try SQLiteStore.existing(path: path)
        reader.close()
        let migrated = try DatabaseQueue(path: path)
        defer { try? migrated.close() }
        let backfilled = try await migrated.read { db in try Row.fetchAll(db, sql: weekRows).map { $0.description } }
        #expect(written.count >= 4, "\(written)")
        #expect(backfilled == written)
    }

    @Test func aFolderNamedAsTheDatabaseIsAConfigurationError() async throws {
        let folder = try ScratchFolder.folder("named")
        for open in [{ try SQLiteStore(path: folder.path) }, { try SQLiteStore.existing(path: folder.path) }] {
            let error = try #require(throws: StoreError.self) { _ = try open() }
            #expect(error.exitStatus == .configError)
            #expect(error.message == "is a folder, not a database file; name the file, e.g. --db \(folder.path)/streamreach.sqlite")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing created in it")
    }

    /// A file this user may not write, or whose folder it may not write, is configuration to
    /// fix, not a failure that passes: exit 78, saying what SQLite needs beside the file.
    @Test(arguments: [ResultCode.SQLITE_READONLY, .SQLITE_CANTOPEN])
    func aFileThisUserMayNotUseIsAConfigurationError(_ code: ResultCode) {
        let error = StoreError(path: "/srv/reach/streamreach.sqlite", DatabaseError(resultCode: code, message: "refused"))
        #expect(error.exitStatus == .configError)
        #expect(error.message.contains("streamreach.sqlite-wal and streamreach.sqlite-shm"), "\(error.message)")
        #expect(error.message.contains("run as the user that owns it"), "\(error.message)")
    }

    /// v2 folds the snapshots a v1 database already holds in plain SQL; it must give exactly
    /// what the live fold gives for the same snapshots stored run by run.
    @Test func theV2MigrationFoldsOldSnapshotsByTheRulesOfTheLiveFold() async throws {
        let day: Int64 = 86400
        let nights: [(Int64, [(String, Int64?, SampleOutcome)])] = [
            (10 * day + 7200, [("a", 100, .ok), ("b", nil, .absent)]),
            (10 * day + 9000, [("a", 130, .ok), ("b", 5, .ok)]),
            (11 * day + 7200, [("a", 90, .ok), ("b", nil, .transient)]),
            (13 * day + 7200, [("a", 95, .ok), ("b", 4, .ok)]),
            (14 * day + 7200, [("a", nil, .quota), ("b", nil, .absent)]),
        ]
        // The live fold, through the store.
        let live = try SQLiteStore()
        for (time, values) in nights {
            let at = Date(timeIntervalSince1970: Double(time))
            try await live.record(CollectionRun(programme: "p", startedAt: at, finishedAt: at, day: LocalDate(dayNumber: Int(time / day)),
                                                samples: values.map { Sample(target: CollectionTarget(eventID: $0.0, channelID: "yt", streamID: $0.0),
                                                                             reading: SeriesReading(outcome: $0.2, value: $0.1, detail: nil),
                                                                             attempts: 1, url: "") }))
        }
        // The same snapshots written into a v1 database, then migrated.
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue, upTo: "v1: runs, series and snapshots")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO series (programme, event_id, channel_id, stream_id) VALUES ('p', 'a', 'yt', 'a'), ('p', 'b', 'yt', 'b')")
            for (index, (time, values)) in nights.enumerated() {
                try db.execute(sql: "INSERT INTO run VALUES (?, 'p', ?, ?, 0, 0, 0, 0, 0)", arguments: [index + 1, time, time])
                for (event, value, outcome) in values {
                    try db.execute(sql: "INSERT INTO snapshot VALUES ((SELECT id FROM series WHERE event_id = ?), ?, ?, ?, ?, NULL, 1)",
                                   arguments: [event, index + 1, time, value, outcome.rawValue])
                }
            }
        }
        try SQLiteMigrations.migrator.migrate(queue)
        func tables(_ reader: any DatabaseReader) throws -> [String] {
            try reader.read { db in
                try ["series_latest ORDER BY series_id", "series_day ORDER BY series_id, day", "correction ORDER BY series_id, run_id"].flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\(table.split(separator: " ")[0]) \($0)" }
                }
            }
        }
        let migrated = try tables(queue)
        let kept = try await queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM snapshot") }
        #expect(kept == 10, "v3 kept every snapshot")
        #expect(migrated == (try tables(live.writer)))
        #expect(migrated.contains { $0.hasPrefix("correction") }, "the history has a drop: the comparison covers corrections")
    }

    /// v4 marks every run stored before it (readings that may be viewers) and none after.
    @Test func theV4MigrationMarksTheRunsStoredBeforeIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("v4-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(queue, upTo: "v3: snapshots keyed by run")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO series (programme, event_id, channel_id, stream_id) VALUES ('p', 'a', 'tw', 'kl')")
            try db.execute(sql: "INSERT INTO run (id, programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day) VALUES (1, 'p', 86400, 86400, 1, 1, 0, 0, 0, 1)")
            try db.execute(sql: "INSERT INTO snapshot VALUES (1, 1, 86400, 312, 'ok', NULL, 1)")
        }
        try queue.close()
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        try await store.record(CollectionRun(programme: "p", startedAt: Date(timeIntervalSince1970: 2 * 86400), finishedAt: Date(timeIntervalSince1970: 2 * 86400),
                                             day: LocalDate(dayNumber: 2), samples: [Sample(target: CollectionTarget(eventID: "a", channelID: "tw", streamID: "9"),
                                                                                            reading: .count(1863), attempts: 1, url: "")]))
        #expect(try await store.read { try await $0.runsBeforeFiguresApart(programme: "p") } == [1])
        #expect(try await store.read { try await $0.seriesWithUnseparatedFigures(programme: "p", channels: ["tw"]) } == [1])
        #expect(try await store.separateFigures(programme: "p", channels: ["tw"]) == [FigureSeparation(channel: "tw", moved: 1, removed: 0)])
        // The run after v4 stays, and the series' rollups are folded again from it alone.
        let state = try #require(try await store.read { try await $0.seriesStates(programme: "p") }.first)
        #expect(state.value == 1863)
        #expect(state.okRuns == 1)
        #expect(state.corrections == 0, "312 viewers then 1,863 views is neither a gain nor a correction of the same figure")
    }
}
