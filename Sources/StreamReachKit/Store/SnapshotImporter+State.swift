import Foundation
import GRDB
internal import GRDBSQLite

/// The running state of one import: caches of ids, and per-series rollups in memory.
struct ImportState {
    struct SeriesRollup {
        let id: Int64
        var latestValue: Int64?
        var latestTime: Int64?
        var latestRun: Int64 = 0
        var lastOutcome = SampleOutcome.ok
        var okRuns = 0
        var absentRuns = 0
        var corrections = 0
        var correctedViews: Int64 = 0
        /// The day being accumulated, written when the series moves to a later day.
        var day: Int?
        var dayValue: Int64 = 0
        var dayTime: Int64 = 0
    }

    struct RunCount {
        let id: Int64
        let time: Int64
        var ok = 0
        var absent = 0
    }

    let db: Database
    let programme: String
    let zone: TimeZoneConverter
    let streams: [String: String]
    /// Rollups by position; `seriesIndex` maps "event␀channel" to it, so the per-row
    /// work is one dictionary lookup and in-place updates.
    var series: [SeriesRollup] = []
    private var seriesIndex: [String: Int] = [:]
    var runs: [Int64: RunCount] = [:]
    var rowCount = 0
    private var lastTime = Int64.min
    private var currentRun: RunCount?
    // The local day of the current time, cached while times stay inside it.
    private var dayRange: Range<Int64> = 0..<0
    private var dayNumber = 0
    private var insertSnapshot: Statement?
    private var insertDay: Statement?
    private var insertCorrection: Statement?

    init(db: Database, programme: String, zone: TimeZoneConverter, streams: [String: String]) {
        self.db = db
        self.programme = programme
        self.zone = zone
        self.streams = streams
    }

    mutating func prepare() throws {
        insertSnapshot = try db.makeStatement(sql: """
            INSERT INTO snapshot (series_id, run_id, observed_at, value, outcome, detail, attempts) VALUES (?, ?, ?, ?, ?, NULL, 1)
            """)
        insertDay = try db.makeStatement(sql: """
            INSERT INTO series_day (series_id, day, value, observed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (series_id, day) DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
            WHERE excluded.observed_at >= series_day.observed_at
            """)
        insertCorrection = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO correction (series_id, run_id, previous_value, value) VALUES (?, ?, ?, ?)
            """)
    }

    mutating func add(_ row: SnapshotImporter.Row) throws {
        rowCount += 1
        guard row.observedAt >= lastTime else {
            throw SnapshotImportError(line: rowCount + 1, message: "rows must be in ascending time order")
        }
        if row.observedAt != lastTime { try startRun(at: row.observedAt) }
        lastTime = row.observedAt
        guard var run = currentRun else { return }
        let index = try rollupIndex(event: row.event, channel: row.channel)
        try insertSnapshotRow(seriesID: series[index].id, runID: run.id, time: row.observedAt, value: row.value)
        // A copy out and back: the rollup holds no references, so this costs a few words.
        var rollup = series[index]
        try update(&rollup, run: &run, row: row)
        series[index] = rollup
        currentRun = run
    }

    private mutating func update(_ rollup: inout SeriesRollup, run: inout RunCount, row: SnapshotImporter.Row) throws {
        rollup.latestRun = run.id
        if let value = row.value {
            run.ok += 1
            rollup.okRuns += 1
            rollup.lastOutcome = .ok
            if let previous = rollup.latestValue, value < previous {
                rollup.corrections += 1
                rollup.correctedViews += previous - value
                try insertCorrection!.execute(arguments: [rollup.id, run.id, previous, value])
            }
            rollup.latestValue = value
            rollup.latestTime = row.observedAt
            if rollup.day != dayNumber {
                try flushDay(rollup)
                rollup.day = dayNumber
            }
            rollup.dayValue = value
            rollup.dayTime = row.observedAt
        } else {
            run.absent += 1
            rollup.absentRuns += 1
            rollup.lastOutcome = .absent
        }
    }

    /// The one statement run for every row, bound through SQLite's C API: GRDB's
    /// StatementArguments box each value, which costs more than SQLite's insert itself.
    private func insertSnapshotRow(seriesID: Int64, runID: Int64, time: Int64, value: Int64?) throws {
        guard let statement = insertSnapshot?.sqliteStatement else { return }
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, seriesID)
        sqlite3_bind_int64(statement, 2, runID)
        sqlite3_bind_int64(statement, 3, time)
        if let value {
            sqlite3_bind_int64(statement, 4, value)
            sqlite3_bind_text(statement, 5, "ok", -1, nil)
        } else {
            sqlite3_bind_null(statement, 4)
            sqlite3_bind_text(statement, 5, "absent", -1, nil)
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    mutating func finish() throws {
        if let run = currentRun { runs[run.id] = run }
        for run in runs.values {
            try db.execute(sql: "UPDATE run SET series_count = ?, ok_count = ?, absent_count = ? WHERE id = ?",
                           arguments: [run.ok + run.absent, run.ok, run.absent, run.id])
        }
        for rollup in series {
            try flushDay(rollup)
            try RollupWriter.merge(db, rollup)
        }
    }

    private mutating func startRun(at time: Int64) throws {
        if let run = currentRun { runs[run.id] = run }
        if !dayRange.contains(time) {
            let local = zone.local(Date(timeIntervalSince1970: Double(time)))
            dayNumber = local.date.dayNumber
            let start = Int64(zone.instant(LocalDateTime(date: local.date, time: LocalTime(minutes: 0))).timeIntervalSince1970)
            let end = Int64(zone.instant(LocalDateTime(date: local.date.adding(days: 1), time: LocalTime(minutes: 0))).timeIntervalSince1970)
            dayRange = start..<max(end, start + 1)
        }
        try db.execute(sql: """
            INSERT INTO run (programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day)
            VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?)
            """, arguments: [programme, time, time, dayNumber])
        currentRun = RunCount(id: db.lastInsertedRowID, time: time)
    }

    private mutating func rollupIndex(event: String, channel: String) throws -> Int {
        let key = event + "\u{0}" + channel
        if let existing = seriesIndex[key] { return existing }
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO series (programme, event_id, channel_id, stream_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (programme, event_id, channel_id) DO UPDATE SET stream_id = stream_id RETURNING id
            """, arguments: [programme, event, channel, streams[key] ?? ""]) ?? 0
        // Continue from what the database already holds, so a drop across the boundary is a correction too.
        let stored = try Row.fetchOne(db, sql: "SELECT value, observed_at FROM series_latest WHERE series_id = ?", arguments: [id])
        series.append(SeriesRollup(id: id, latestValue: stored?["value"], latestTime: stored?["observed_at"]))
        seriesIndex[key] = series.count - 1
        return series.count - 1
    }

    private func flushDay(_ rollup: SeriesRollup) throws {
        guard let day = rollup.day else { return }
        try insertDay!.execute(arguments: [rollup.id, day, rollup.dayValue, rollup.dayTime])
    }
}

extension RollupWriter {
    /// Folds an import's per-series totals into `series_latest` by the same rules as `apply`.
    static func merge(_ db: Database, _ rollup: ImportState.SeriesRollup) throws {
        try db.execute(sql: """
            INSERT INTO series_latest (series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                       ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 0, ?, ?)
            ON CONFLICT (series_id) DO UPDATE SET
                value = CASE WHEN excluded.observed_at >= coalesce(observed_at, 0) AND excluded.value IS NOT NULL THEN excluded.value ELSE value END,
                observed_at = CASE WHEN excluded.observed_at >= coalesce(observed_at, 0) AND excluded.value IS NOT NULL THEN excluded.observed_at ELSE observed_at END,
                last_run_id = excluded.last_run_id,
                last_outcome = excluded.last_outcome,
                ok_runs = ok_runs + excluded.ok_runs,
                absent_runs = absent_runs + excluded.absent_runs,
                corrections = corrections + excluded.corrections,
                corrected_views = corrected_views + excluded.corrected_views
            """, arguments: [rollup.id, rollup.latestValue, rollup.latestTime, rollup.latestRun, rollup.lastOutcome.rawValue,
                             rollup.okRuns, rollup.absentRuns, rollup.corrections, rollup.correctedViews])
    }
}
