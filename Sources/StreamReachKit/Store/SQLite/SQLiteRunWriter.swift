import GRDB

/// Writes one collected run inside the caller's transaction: the run row, a snapshot per
/// series as the samples arrive, and the rollups folded by ``SeriesRollup``.
struct SQLiteRunWriter {
    let db: Database

    func record(_ feed: SampleFeed) throws -> Int64 {
        // The counts and the end are known only when the run is; they are set last.
        try db.execute(sql: """
            INSERT INTO run (programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day,
                             figures_apart)
            VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?, ?)
            """, arguments: [feed.programme, Int64(feed.startedAt.timeIntervalSince1970), Int64(feed.startedAt.timeIntervalSince1970),
                             feed.day.dayNumber, feed.figuresApart])
        var writer = try SampleWriter(db: db, runID: db.lastInsertedRowID, programme: feed.programme,
                                      observedAt: Int64(feed.startedAt.timeIntervalSince1970), day: feed.day.dayNumber)
        while true {
            switch feed.next() {
            case .samples(let samples):
                for sample in samples { try writer.write(sample) }
            case .finished(let run):
                for sample in run.samples { try writer.write(sample) }
                try db.execute(sql: """
                    UPDATE run SET finished_at = ?, series_count = ?, ok_count = ?, absent_count = ?, failed_count = ?, exit_status = ?
                    WHERE id = ?
                    """, arguments: [Int64(run.finishedAt.timeIntervalSince1970), run.samples.count, run.count(.ok), run.count(.absent),
                                     run.failures.count, run.exitStatus.rawValue, writer.runID])
                return writer.runID
            case .cancelled:
                throw RunCancelled()
            }
        }
    }

    /// The per-sample work: one snapshot row and the series' rollups, each series once per run.
    private struct SampleWriter {
        let runID: Int64
        let observedAt: Int64
        let day: Int
        private var seriesIDs: SQLiteSeriesIndex
        private let tables: SQLiteRollupTables
        private var rollups: [Int64: SeriesRollup]
        private let insertSnapshot: SQLiteStatement
        private var written: Set<CollectionTarget> = []

        init(db: Database, runID: Int64, programme: String, observedAt: Int64, day: Int) throws {
            self.runID = runID
            self.observedAt = observedAt
            self.day = day
            seriesIDs = try SQLiteSeriesIndex(db: db, programme: programme)
            tables = try SQLiteRollupTables(db: db)
            // One query for every rollup of the programme, instead of one per sample.
            rollups = try tables.load(programme: programme)
            insertSnapshot = try SQLiteStatement(db, """
                INSERT INTO snapshot (series_id, run_id, observed_at, value, outcome, detail, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Writes a sample unless it was written in this run already (a sample that arrived
        /// early is in the finished run again): checked before the series is looked up, so
        /// the finished run's samples cost a set lookup each, not a second write path.
        mutating func write(_ sample: Sample) throws {
            let target = sample.target
            guard written.insert(target).inserted else { return }
            let seriesID = try seriesIDs.id(event: target.eventID, channel: target.channelID, stream: target.streamID, updateStream: true)
            let reading = sample.reading
            try insertSnapshot.run(seriesID, runID, observedAt, reading.value, reading.outcome.rawValue, reading.detail, sample.attempts)
            var rollup = rollups[seriesID] ?? SeriesRollup()
            let drop = rollup.fold(SeriesRollup.Snapshot(runID: runID, observedAt: observedAt, value: reading.value,
                                                         outcome: reading.outcome, detail: reading.detail))
            if let drop { try tables.saveCorrection(seriesID: seriesID, runID: runID, drop) }
            if let value = reading.value { try tables.saveDay(seriesID: seriesID, day: day, value: value, observedAt: observedAt) }
            try tables.save(rollup, seriesID: seriesID)
            rollups[seriesID] = rollup
        }
    }
}
