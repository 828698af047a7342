import Foundation
import GRDB

/// The SQLite store of runs and snapshots (GRDB, WAL mode).
///
/// A run and all of its snapshots are written in one transaction: a process killed halfway
/// leaves either the whole run or nothing.
package final class SnapshotStore: Sendable {
    package let path: String
    let writer: any DatabaseWriter

    /// Opens (creating if needed, readable by the owner only) and migrates the database file.
    package init(path: String) throws {
        self.path = path
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            var configuration = Configuration()
            // A report reading while a collect writes waits instead of failing.
            configuration.busyMode = .timeout(10)
            // Reports look up every series at every week's end: through a memory map those
            // page reads are memory accesses, not a pread(2) each (a third of a report's time
            // on a 10-million-snapshot database went to the kernel).
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA mmap_size = 268435456")
            }
            let previousMask = umask(0o077)
            defer { umask(previousMask) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(pool)
            writer = pool
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// An in-memory store for tests.
    package init(inMemory: Void = ()) throws {
        path = ":memory:"
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue)
        writer = queue
    }

    /// Stores a finished run with every snapshot it took; returns the run's id.
    @discardableResult
    package func record(_ run: CollectionRun) throws -> Int64 {
        do {
            return try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO run (programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.programme, Int64(run.startedAt.timeIntervalSince1970), Int64(run.finishedAt.timeIntervalSince1970),
                                     run.samples.count, run.count(.ok), run.count(.absent), run.failures.count, run.exitStatus.rawValue,
                                     run.day.dayNumber])
                let runID = db.lastInsertedRowID
                let observedAt = Int64(run.startedAt.timeIntervalSince1970)
                let upsertSeries = try db.cachedStatement(sql: """
                    INSERT INTO series (programme, event_id, channel_id, stream_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT (programme, event_id, channel_id) DO UPDATE SET stream_id = excluded.stream_id
                    RETURNING id
                    """)
                let insertSnapshot = try db.cachedStatement(sql: """
                    INSERT INTO snapshot (series_id, run_id, observed_at, value, outcome, detail, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                for sample in run.samples {
                    let target = sample.target
                    guard let seriesID = try Int64.fetchOne(upsertSeries, arguments: [run.programme, target.eventID, target.channelID, target.streamID]) else {
                        continue
                    }
                    try insertSnapshot.execute(arguments: [seriesID, runID, observedAt, sample.reading.value,
                                                           sample.reading.outcome.rawValue, sample.reading.detail, sample.attempts])
                    try RollupWriter.apply(db, seriesID: seriesID, runID: runID, observedAt: observedAt, day: run.day.dayNumber,
                                           value: sample.reading.value, outcome: sample.reading.outcome, detail: sample.reading.detail)
                }
                return runID
            }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    package func runs(limit: Int) throws -> [RunSummary] {
        do {
            return try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(RunSummary.init(row:))
            }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    package func snapshots(runID: Int64? = nil) throws -> [StoredSnapshot] {
        do {
            return try writer.read { db in
                return try Row.fetchAll(db, sql: """
                    SELECT series.event_id, series.channel_id, snapshot.* FROM snapshot
                    JOIN series ON series.id = snapshot.series_id
                    WHERE ?1 IS NULL OR snapshot.run_id = ?1
                    ORDER BY snapshot.run_id, series.event_id, series.channel_id
                    """, arguments: [runID]).map { row in
                    StoredSnapshot(
                        eventID: row["event_id"], channelID: row["channel_id"], runID: row["run_id"],
                        observedAt: Date(timeIntervalSince1970: Double(row["observed_at"] as Int64)),
                        value: row["value"], outcome: SampleOutcome(rawValue: row["outcome"]) ?? .permanent,
                        detail: row["detail"])
                }
            }
        } catch {
            throw StoreError(path: path, error)
        }
    }
}
