import GRDB

/// Moves the readings that runs stored before schema v4 hold on channels that read viewers
/// then (``ReachStore/separateFigures(programme:channels:)``), inside the caller's
/// transaction, and folds the rollups of the series it touched again from what remains.
struct SQLiteFigureSeparation {
    let db: Database

    func run(programme: String, channels: Set<String>) throws -> [FigureSeparation] {
        let tables = try SQLiteRollupTables(db: db)
        var results: [FigureSeparation] = []
        for channel in channels.sorted() {
            let seriesIDs = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT snapshot.series_id FROM snapshot
                JOIN series ON series.id = snapshot.series_id JOIN run ON run.id = snapshot.run_id
                WHERE series.programme = ? AND series.channel_id = ? AND run.figures_apart = 0
                """, arguments: [programme, channel])
            guard !seriesIDs.isEmpty else { continue }
            var moved = 0, removed = 0
            for seriesID in seriesIDs {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO audience_sample (series_id, observed_at, viewers, origin)
                    SELECT snapshot.series_id, snapshot.observed_at, snapshot.value, 'moved'
                    FROM snapshot JOIN run ON run.id = snapshot.run_id
                    WHERE snapshot.series_id = ? AND run.figures_apart = 0 AND snapshot.outcome = 'ok' AND snapshot.value >= 0
                    """, arguments: [seriesID])
                moved += db.changesCount
                try db.execute(sql: """
                    DELETE FROM snapshot WHERE series_id = ? AND run_id IN (SELECT id FROM run WHERE figures_apart = 0)
                    """, arguments: [seriesID])
                removed += db.changesCount
                try refold(seriesID, into: tables)
            }
            results.append(FigureSeparation(channel: channel, moved: moved, removed: removed - moved))
        }
        if !results.isEmpty { try recount(programme) }
        return results
    }

    /// A run's counts say what its snapshots hold: the moved readings are no longer its series.
    private func recount(_ programme: String) throws {
        try db.execute(sql: """
            UPDATE run SET
                series_count = (SELECT COUNT(*) FROM snapshot WHERE run_id = run.id),
                ok_count = (SELECT COUNT(*) FROM snapshot WHERE run_id = run.id AND outcome = 'ok'),
                absent_count = (SELECT COUNT(*) FROM snapshot WHERE run_id = run.id AND outcome = 'absent'),
                failed_count = (SELECT COUNT(*) FROM snapshot WHERE run_id = run.id AND outcome <> 'ok' AND outcome <> 'absent')
            WHERE programme = ? AND figures_apart = 0
            """, arguments: [programme])
    }

    /// The series' rollups again, from the snapshots it has left, by the one fold.
    private func refold(_ seriesID: Int64, into tables: SQLiteRollupTables) throws {
        for table in ["series_latest", "series_day", "series_week", "correction"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE series_id = ?", arguments: [seriesID])
        }
        var rollup = SeriesRollup()
        var any = false
        let rows = try Row.fetchCursor(db, sql: """
            SELECT snapshot.run_id, snapshot.observed_at, snapshot.value, snapshot.outcome, snapshot.detail, run.local_day
            FROM snapshot JOIN run ON run.id = snapshot.run_id
            WHERE snapshot.series_id = ? ORDER BY snapshot.observed_at, snapshot.run_id
            """, arguments: [seriesID])
        while let row = try rows.next() {
            any = true
            let snapshot = SeriesRollup.Snapshot(runID: row[0], observedAt: row[1], value: row[2],
                                                 outcome: SampleOutcome(rawValue: row[3]) ?? .permanent, detail: row[4])
            if let drop = rollup.fold(snapshot) { try tables.saveCorrection(seriesID: seriesID, runID: snapshot.runID, drop) }
            if let value = snapshot.value { try tables.saveDay(seriesID: seriesID, day: row[5], value: value, observedAt: snapshot.observedAt) }
        }
        if any { try tables.save(rollup, seriesID: seriesID) }
    }
}
