import Foundation
import GRDB

extension SnapshotStore {
    /// Runs `body` in one read transaction: every query in it sees the same committed state,
    /// even while a collect run is writing (WAL).
    package func readReach<T: Sendable>(_ body: @Sendable (ReachReader) throws -> T) throws -> T {
        do {
            return try writer.read { db in try body(ReachReader(db: db)) }
        } catch let error as DatabaseError {
            throw StoreError(path: path, error)
        }
    }

    /// Stores hand-entered figures, all or none; a figure for the same event, channel and
    /// date replaces the earlier one (a corrected estimate).
    package func recordManualReach(programme: String, _ entries: [ManualReach], enteredAt: Date) throws {
        do {
            try writer.write { db in
                for entry in entries {
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO manual_reach (programme, event_id, channel_id, day, figure, source, entered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [programme, entry.event, entry.channel, entry.date.dayNumber, entry.figure,
                                         entry.source, Int64(enteredAt.timeIntervalSince1970)])
                }
            }
        } catch {
            throw StoreError(path: path, error)
        }
    }
}

/// What the reports read: rollups only, never a scan of all snapshots.
package struct ReachReader {
    let db: Database

    package func seriesStates(programme: String) throws -> [SeriesState] {
        try Row.fetchAll(db, sql: """
            SELECT series.id, series.event_id, series.channel_id, l.* FROM series
            JOIN series_latest l ON l.series_id = series.id
            WHERE series.programme = ? ORDER BY series.event_id, series.channel_id
            """, arguments: [programme]).map { row in
            SeriesState(
                seriesID: row["id"], eventID: row["event_id"], channelID: row["channel_id"], value: row["value"],
                observedAt: (row["observed_at"] as Int64?).map { Date(timeIntervalSince1970: Double($0)) },
                lastOutcome: SampleOutcome(rawValue: row["last_outcome"]) ?? .permanent, lastDetail: row["last_detail"],
                okRuns: row["ok_runs"], absentRuns: row["absent_runs"], failedRuns: row["failed_runs"],
                corrections: row["corrections"], correctedViews: row["corrected_views"])
        }
    }

    /// Each series' count at the end of `day` (its last count on or before it); series
    /// with no count by then are left out. One index lookup per series.
    package func values(programme: String, atEndOf day: LocalDate) throws -> [Int64: Int64] {
        var values: [Int64: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT series.id,
                   (SELECT value FROM series_day WHERE series_id = series.id AND day <= ? ORDER BY day DESC LIMIT 1) AS value
            FROM series WHERE programme = ?
            """, arguments: [day.dayNumber, programme])
        while let row = try rows.next() {
            if let value: Int64 = row["value"] { values[row["id"]] = value }
        }
        return values
    }

    /// Corrections of runs on local days `from` through `to` (all, without bounds).
    package func corrections(programme: String, from: LocalDate? = nil, to: LocalDate? = nil) throws -> [CorrectionRecord] {
        try Row.fetchAll(db, sql: """
            SELECT series.event_id, series.channel_id, run.id AS run_id, run.started_at, run.local_day,
                   correction.previous_value, correction.value
            FROM correction JOIN series ON series.id = correction.series_id JOIN run ON run.id = correction.run_id
            WHERE series.programme = ? AND run.local_day BETWEEN ? AND ?
            ORDER BY run.started_at, series.event_id, series.channel_id
            """, arguments: [programme, from?.dayNumber ?? Int.min, to?.dayNumber ?? Int.max]).map { row in
            CorrectionRecord(
                event: row["event_id"], channel: row["channel_id"], runID: row["run_id"],
                at: Date(timeIntervalSince1970: Double(row["started_at"] as Int64)),
                day: LocalDate(dayNumber: row["local_day"]), previousValue: row["previous_value"], value: row["value"])
        }
    }

    /// How many corrections up to `to`, and how many views they removed: counted by SQLite,
    /// so a report does not load a long history's corrections to sum them.
    package func correctionTotals(programme: String, to: LocalDate) throws -> (count: Int, views: Int64) {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, COALESCE(SUM(correction.previous_value - correction.value), 0) AS views
            FROM correction JOIN series ON series.id = correction.series_id JOIN run ON run.id = correction.run_id
            WHERE series.programme = ? AND run.local_day <= ?
            """, arguments: [programme, to.dayNumber])
        return (row?["n"] ?? 0, row?["views"] ?? 0)
    }

    package func runDays(programme: String) throws -> [RunDay] {
        try Row.fetchAll(db, sql: """
            SELECT id, started_at, local_day, series_count, failed_count FROM run WHERE programme = ? ORDER BY started_at, id
            """, arguments: [programme]).map { row in
            RunDay(runID: row["id"], startedAt: Date(timeIntervalSince1970: Double(row["started_at"] as Int64)),
                   day: LocalDate(dayNumber: row["local_day"]), seriesCount: row["series_count"], failedCount: row["failed_count"])
        }
    }

    package func manualReach(programme: String) throws -> [ManualReach] {
        try Row.fetchAll(db, sql: """
            SELECT event_id, channel_id, day, figure, source FROM manual_reach WHERE programme = ? ORDER BY day, event_id, channel_id
            """, arguments: [programme]).map { row in
            ManualReach(event: row["event_id"], channel: row["channel_id"], date: LocalDate(dayNumber: row["day"]),
                        figure: row["figure"], source: row["source"])
        }
    }
}

extension ReachReader {
    package func lastRun(programme: String) throws -> RunSummary? {
        try Row.fetchOne(db, sql: "SELECT * FROM run WHERE programme = ? ORDER BY started_at DESC, id DESC LIMIT 1", arguments: [programme])
            .map(RunSummary.init(row:))
    }

    package func lastSuccessfulRunStart(programme: String) throws -> Date? {
        try Int64.fetchOne(db, sql: "SELECT MAX(started_at) FROM run WHERE programme = ? AND exit_status = 0", arguments: [programme])
            .map { Date(timeIntervalSince1970: Double($0)) }
    }

    package func outcomeCounts(runID: Int64) throws -> [SampleOutcome: Int] {
        var counts: [SampleOutcome: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n FROM snapshot WHERE run_id = ? GROUP BY outcome", arguments: [runID]) {
            if let outcome = SampleOutcome(rawValue: row["outcome"]) { counts[outcome] = row["n"] }
        }
        return counts
    }
}

@available(*, unavailable)
extension ReachReader: Sendable {}
