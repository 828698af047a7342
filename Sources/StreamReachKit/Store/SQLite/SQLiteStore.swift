import Foundation
import GRDB

/// The embedded store: one SQLite file (GRDB, WAL mode), the default for a single venue.
///
/// A run and all of its snapshots are written in one transaction: a process killed halfway
/// leaves either the whole run or nothing.
package final class SQLiteStore: ReachStore {
    package let path: String
    let writer: any DatabaseWriter

    package var location: String { path }

    /// Opens (creating if needed, readable by the owner only) and migrates the database file.
    /// `mapped`: read through a memory map (reports); a long-running writer (`live`) reads
    /// through SQLite's small page cache instead, so its resident memory stays flat while the
    /// file grows under it (mapped pages of a growing file count as resident).
    package convenience init(path: String, mapped: Bool = true) throws {
        try self.init(path: path, mapped: mapped, readOnly: false)
    }

    private init(path: String, mapped: Bool, readOnly: Bool) throws {
        self.path = path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError.folderNotFile(path: path)
        }
        do {
            var configuration = Configuration()
            // Read-only connections: GRDB then leaves the file as it is. A writable pool
            // commits a throw-away table whenever the write-ahead log is missing (it is
            // removed when the last connection closes) and checkpoints at close: four
            // fsyncs per report, and a report refused to a user who may only read the file.
            configuration.readonly = readOnly
            // A report reading while a collect writes waits instead of failing.
            configuration.busyMode = .timeout(10)
            // Reports look up every series at every week's end: through a memory map those
            // page reads are memory accesses, not a pread(2) each (a third of a report's time
            // on a 10-million-snapshot database went to the kernel).
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA mmap_size = \(mapped ? 268_435_456 : 0)")
            }
            if readOnly {
                writer = try DatabasePool(path: path, configuration: configuration)
            } else {
                try PrivateFolder.ensure(containing: path)
                Self.createPrivately(path)
                let pool = try DatabasePool(path: path, configuration: configuration)
                try SQLiteMigrations.migrator.migrate(pool)
                writer = pool
            }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// Creates the file, readable by its owner only, when it is missing; SQLite gives its
    /// `-wal` and `-shm` the database file's mode. A process-wide umask of 077 did this
    /// before, and narrowed what other threads created meanwhile (a test's folder came out
    /// 0700). A failure here is left to SQLite's open, which says why.
    private static func createPrivately(_ path: String) {
        let made = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if made >= 0 { Glibc.close(made) }
    }

    /// Opens a database that must exist already, for reading only: reading commands never
    /// create an empty one, and never write to the file. A file an older StreamReach wrote
    /// is brought up to date first, which does take write access.
    package static func existing(path: String) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        switch ReadingAccount.of(path) {
        case .owner, .logsExist: break
        case .mayWrite: return try SQLiteStore(path: path)
        case .otherAccount(let owner): throw StoreError.logsWouldBelongToAnother(path: path, owner: owner)
        }
        let reader = try SQLiteStore(path: path, mapped: true, readOnly: true)
        let missing: Set<String>
        do {
            missing = try reader.writer.read { db in
                Set(SQLiteMigrations.migrator.migrations).subtracting(try SQLiteMigrations.migrator.appliedIdentifiers(db))
            }
        } catch {
            reader.close()
            throw StoreError(path: path, error)
        }
        if missing.isEmpty { return reader }
        reader.close()
        do {
            return try SQLiteStore(path: path)
        } catch let error as StoreError where error.exitStatus == .configError && missing == [SQLiteMigrations.weekRows] {
            // Only the week rows are missing, and this user may not add them: the file is
            // read as it is, week ends from the day rows (SQLiteReachReader.values), until
            // the owner's next collect brings it up to date.
            return try SQLiteStore(path: path, mapped: true, readOnly: true)
        }
    }

    /// An in-memory store for tests.
    package init(inMemory: Void = ()) throws {
        path = ":memory:"
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        writer = queue
    }

    /// Closes every connection now, instead of when the store is released: the file may be
    /// removed right after. (SQLite shares one memory map of `-shm` per file inside a
    /// process; a file deleted while open, and a new one that gets its inode number, would
    /// share it too: the tests crashed with SIGBUS that way.)
    package func close() {
        if let pool = writer as? DatabasePool { try? pool.close() }
        if let queue = writer as? DatabaseQueue { try? queue.close() }
    }

    package func lockRuns(programme: String, now: Date) async throws -> any RunLease {
        try FileRunLock(databasePath: path, now: now)
    }

    /// The write transaction stays open while the feed is fed, blocking GRDB's writer thread
    /// (never Swift's pool): other writers of this file wait meanwhile (up to the busy
    /// timeout), readers do not (WAL).
    package func record(streaming feed: SampleFeed) async throws -> Int64 {
        try await writing { db in try SQLiteRunWriter(db: db).record(feed) }
    }

    package func importHistory(_ programme: Programme, rows: @escaping @Sendable (_ emit: (SnapshotRow) throws -> Void) throws -> Void) async throws -> ImportSummary {
        do {
            return try await writer.writeWithoutTransaction { db in try SQLiteImport.run(db, programme: programme, rows: rows) }
        } catch let error as DatabaseError {
            throw StoreError(path: path, error)
        }
    }

    @discardableResult
    package func recordManualReach(programme: String, _ entries: [ManualReach], enteredAt: Date) async throws -> [Int64?] {
        try await writing { db in
            var replaced: [Int64?] = []
            for entry in entries {
                replaced.append(try Int64.fetchOne(db, sql: """
                    SELECT figure FROM manual_reach WHERE programme = ? AND event_id = ? AND channel_id = ? AND day = ?
                    """, arguments: [programme, entry.event, entry.channel, entry.date.dayNumber]))
                try db.execute(sql: """
                    INSERT OR REPLACE INTO manual_reach (programme, event_id, channel_id, day, figure, source, entered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [programme, entry.event, entry.channel, entry.date.dayNumber, entry.figure,
                                     entry.source, Int64(enteredAt.timeIntervalSince1970)])
            }
            return replaced
        }
    }

    @discardableResult
    package func recordDonations(programme: String, _ donations: [Donation], as entry: DonationEntry, enteredAt: Date) async throws -> [Donation] {
        try await writing { db in
            var stored: [Donation] = []
            for donation in donations {
                let key: [(any DatabaseValueConvertible)?] = [programme, donation.date.dayNumber, donation.amount, donation.currency,
                                                              donation.reference, donation.event ?? "", donation.source]
                let numbered: Donation
                switch entry {
                case .adding:
                    let last = try Int.fetchOne(db, sql: """
                        SELECT MAX(occurrence) FROM donation
                        WHERE programme = ? AND day = ? AND amount = ? AND currency = ? AND reference = ? AND event_id = ? AND source = ?
                        """, arguments: StatementArguments(key)) ?? 0
                    numbered = donation.numbered(last + 1)
                case .importing:
                    numbered = donation
                }
                try db.execute(sql: """
                    INSERT INTO donation (programme, day, amount, currency, reference, event_id, source, occurrence, entered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, arguments: StatementArguments(key + [numbered.occurrence, Int64(enteredAt.timeIntervalSince1970)]))
                if db.changesCount > 0 { stored.append(numbered) }
            }
            return stored
        }
    }

    package func separateFigures(programme: String, channels: Set<String>) async throws -> [FigureSeparation] {
        guard !channels.isEmpty else { return [] }
        return try await writing { db in try SQLiteFigureSeparation(db: db).run(programme: programme, channels: channels) }
    }

    package func recordAudience(programme: String, _ samples: [AudienceSample]) async throws {
        guard !samples.isEmpty else { return }
        try await writing { db in
            var seriesIDs = try SQLiteSeriesIndex(db: db, programme: programme)
            let insert = try SQLiteStatement(db, """
                INSERT OR IGNORE INTO audience_sample (series_id, observed_at, viewers, origin) VALUES (?, ?, ?, ?)
                """)
            for sample in samples {
                let seriesID = try seriesIDs.id(event: sample.eventID, channel: sample.channelID, stream: sample.streamID, updateStream: false)
                try insert.run(seriesID, Int64(sample.observedAt.timeIntervalSince1970), sample.viewers, sample.origin.rawValue)
            }
        }
    }

    package func recordLiveEnd(programme: String, _ views: [LiveEndViews]) async throws {
        guard !views.isEmpty else { return }
        try await writing { db in
            var seriesIDs = try SQLiteSeriesIndex(db: db, programme: programme)
            let insert = try SQLiteStatement(db, "INSERT OR IGNORE INTO live_end_views (series_id, observed_at, views) VALUES (?, ?, ?)")
            for entry in views {
                let seriesID = try seriesIDs.id(event: entry.eventID, channel: entry.channelID, stream: entry.streamID, updateStream: false)
                try insert.run(seriesID, Int64(entry.observedAt.timeIntervalSince1970), entry.views)
            }
        }
    }

    package func reserveQuota(day: LocalDate, units: Int, limit: Int, job: QuotaJob) async throws -> Int {
        guard units > 0 else { return 0 }
        // One write transaction: SQLite lets one writer in at a time, across processes too.
        return try await writing { db in
            let used = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(units), 0) FROM quota_ledger WHERE day = ?", arguments: [day.dayNumber]) ?? 0
            let granted = max(0, min(units, limit - used))
            if granted > 0 {
                try db.execute(sql: """
                    INSERT INTO quota_ledger (day, job, units) VALUES (?, ?, ?)
                    ON CONFLICT (day, job) DO UPDATE SET units = units + excluded.units
                    """, arguments: [day.dayNumber, job.rawValue, granted])
            }
            return granted
        }
    }

    package func returnQuota(day: LocalDate, units: Int, job: QuotaJob) async throws {
        guard units > 0 else { return }
        try await writing { db in
            try db.execute(sql: "UPDATE quota_ledger SET units = MAX(0, units - ?) WHERE day = ? AND job = ?",
                           arguments: [units, day.dayNumber, job.rawValue])
        }
    }

    package func read<T: Sendable>(_ body: @Sendable (any ReachReading) async throws -> T) async throws -> T {
        let view: any DatabaseReader
        do {
            // A WAL snapshot: every read of the report sees the same committed state while
            // a collect run writes. The in-memory queue of the tests is serial anyway.
            view = try (writer as? DatabasePool)?.makeSnapshot() ?? writer
        } catch {
            throw StoreError(path: path, error)
        }
        return try await body(SQLiteReachReader(database: view, path: path))
    }

    package func runs(limit: Int, programme: String?) async throws -> [RunSummary] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE ?1 IS NULL OR programme = ?1 ORDER BY id DESC LIMIT ?2",
                             arguments: [programme, limit]).map(RunSummary.init(row:))
        }
    }

    package func snapshots(runID: Int64?) async throws -> [StoredSnapshot] {
        try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT series.event_id, series.channel_id, series.stream_id, snapshot.* FROM snapshot
                JOIN series ON series.id = snapshot.series_id
                WHERE ?1 IS NULL OR snapshot.run_id = ?1
                ORDER BY snapshot.run_id, series.event_id, series.channel_id
                """, arguments: [runID]).map { row in
                StoredSnapshot(
                    eventID: row["event_id"], channelID: row["channel_id"], runID: row["run_id"],
                    observedAt: Date(timeIntervalSince1970: Double(row["observed_at"] as Int64)),
                    value: row["value"], outcome: SampleOutcome(rawValue: row["outcome"]) ?? .permanent,
                    detail: row["detail"], streamID: row["stream_id"], attempts: row["attempts"])
            }
        }
    }

    /// The database file and its write-ahead log, as the file system sees them: every commit
    /// appends to the log (or, after a checkpoint, writes the file), so size and time of
    /// change move with each one, whoever commits. SQLite's own `PRAGMA data_version` would
    /// need one connection kept for it alone, and misses this connection's own commits. One
    /// file holds one venue's programmes: any commit counts for all of them.
    package func changeMark(programmes: [String]) async throws -> String {
        func mark(_ file: String) -> String {
            var info = stat()
            guard stat(file, &info) == 0 else { return "-" }
            return "\(info.st_size).\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec).\(info.st_ino)"
        }
        guard writer is DatabasePool else {
            // The in-memory store of the tests: its changes are counted instead.
            return try await reading { db in "\(db.totalChangesCount)" }
        }
        return mark(path) + "|" + mark(path + "-wal")
    }

    private func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let cancelled as RunCancelled {
            throw cancelled
        } catch {
            throw StoreError(path: path, error)
        }
    }

    private func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw StoreError(path: path, error)
        }
    }
}
