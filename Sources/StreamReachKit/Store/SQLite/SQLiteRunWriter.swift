import GRDB

/// Writes one collected run inside the caller's transaction: the run row, a snapshot per
/// series, and the rollups folded by ``SeriesRollup``.
struct SQLiteRunWriter {
    let db: Database

    func record(_ run: CollectionRun) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO run (programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [run.programme, Int64(run.startedAt.timeIntervalSince1970), Int64(run.finishedAt.timeIntervalSince1970),
                             run.samples.count, run.count(.ok), run.count(.absent), run.failures.count, run.exitStatus.rawValue,
                             run.day.dayNumber])
        let runID = db.lastInsertedRowID
        let observedAt = Int64(run.startedAt.timeIntervalSince1970)
        var seriesIDs = try SQLiteSeriesIndex(db: db, programme: run.programme)
        let tables = try SQLiteRollupTables(db: db)
        // One query for every rollup of the programme, instead of one per sample.
        var rollups = try tables.load(programme: run.programme)
        let insertSnapshot = try SQLiteStatement(db, """
            INSERT INTO snapshot (series_id, run_id, observed_at, value, outcome, detail, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for sample in run.samples {
            let target = sample.target
            let seriesID = try seriesIDs.id(event: target.eventID, channel: target.channelID, stream: target.streamID, updateStream: true)
            let reading = sample.reading
            try insertSnapshot.run(seriesID, runID, observedAt, reading.value, reading.outcome.rawValue, reading.detail, sample.attempts)
            var rollup = rollups[seriesID] ?? SeriesRollup()
            let drop = rollup.fold(SeriesRollup.Snapshot(runID: runID, observedAt: observedAt, value: reading.value,
                                                         outcome: reading.outcome, detail: reading.detail))
            if let drop { try tables.saveCorrection(seriesID: seriesID, runID: runID, drop) }
            if let value = reading.value { try tables.saveDay(seriesID: seriesID, day: run.day.dayNumber, value: value, observedAt: observedAt) }
            try tables.save(rollup, seriesID: seriesID)
            rollups[seriesID] = rollup
        }
        return runID
    }
}
