import Foundation
import GRDB

/// One import of a history into SQLite (`streamreach import-snapshots`): each distinct time
/// becomes one run; rollups are folded in memory by ``SeriesRollup`` as the rows stream past
/// and saved once at the end, all in one transaction, so an import is stored whole or not
/// at all.
struct SQLiteImport {
    static func run(_ db: Database, programme: Programme,
                    rows: (_ emit: (SnapshotRow) throws -> Void) throws -> Void) throws -> ImportSummary {
        // Rows arrive by time and land by series in the snapshot table's key order, so every
        // insert touches a different page: keep them all in memory.
        try db.execute(sql: "PRAGMA cache_size = -262144")
        // Every row refers to a series and a run that this import wrote itself a moment
        // before, in the same transaction: checking two foreign keys per row would only
        // repeat that (they were a fifth of an import's time). Collect runs keep the checks.
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer {
            try? db.execute(sql: "PRAGMA foreign_keys = ON")
            try? db.execute(sql: "PRAGMA cache_size = -2000")
        }
        var summary = ImportSummary(rows: 0, runs: 0, series: 0)
        try db.inTransaction {
            var state = try SQLiteImport(db: db, programme: programme)
            try rows { row in try state.add(row) }
            try state.finish()
            summary = ImportSummary(rows: state.rowCount - state.skipped, runs: state.runCount, series: state.series.count,
                                    skipped: state.skipped)
            return .commit
        }
        return summary
    }

    /// A series' rollup while importing, with the day being accumulated: written when the
    /// series moves on to a later day, so a day costs one write, not one per row.
    private struct Series {
        let id: Int64
        var rollup: SeriesRollup
        var day: Int?
        var dayValue: Int64 = 0
        var dayTime: Int64 = 0
    }

    private struct RunCount {
        let id: Int64
        /// A run stored before this import, at the same time: rows may be in it already.
        let existing: Bool
        var ok = 0
        var absent = 0
    }

    private let db: Database
    private let programme: String
    private var days: LocalDayOfTime
    private let streams: [String: String]
    private let tables: SQLiteRollupTables
    private var seriesIndex: SQLiteSeriesIndex
    /// Series by position; `positions` maps the series id to it, so the per-row work is
    /// one dictionary lookup and in-place updates.
    private var series: [Series] = []
    private var positions: [String: Int] = [:]
    private(set) var rowCount = 0
    private(set) var runCount = 0
    private(set) var skipped = 0
    /// The programme's runs stored before, by time: a row at one of these times may be stored already.
    private var storedRuns: [Int64: Int64] = [:]
    private var lastTime = Int64.min
    private var currentRun: RunCount?
    /// The local day of the current time.
    private var dayNumber = 0
    private let insertSnapshot: SQLiteStatement

    private init(db: Database, programme: Programme) throws {
        self.db = db
        self.programme = programme.series.id
        days = LocalDayOfTime(timeZone: programme.series.timeZone)
        streams = ImportRules.streamIDs(programme)
        tables = try SQLiteRollupTables(db: db)
        seriesIndex = try SQLiteSeriesIndex(db: db, programme: programme.series.id)
        let runs = try Row.fetchCursor(db, sql: "SELECT started_at, id FROM run WHERE programme = ?", arguments: [programme.series.id])
        while let row = try runs.next() { storedRuns[row[0]] = row[1] }
        insertSnapshot = try SQLiteStatement(db, """
            INSERT INTO snapshot (series_id, run_id, observed_at, value, outcome, detail, attempts) VALUES (?, ?, ?, ?, ?, NULL, 1)
            """)
    }

    private mutating func add(_ row: SnapshotRow) throws {
        rowCount += 1
        guard row.observedAt >= lastTime else {
            throw ImportRules.outOfOrder(line: rowCount + 1)
        }
        if row.observedAt != lastTime { try startRun(at: row.observedAt) }
        lastTime = row.observedAt
        guard var run = currentRun else { return }
        let index = try position(event: row.event, channel: row.channel)
        if run.existing, try isStored(row, seriesID: series[index].id, runID: run.id) {
            skipped += 1
            return
        }
        try insertSnapshot.run(series[index].id, run.id, row.observedAt, row.value, row.value == nil ? "absent" : "ok")
        if row.value == nil { run.absent += 1 } else { run.ok += 1 }
        currentRun = run
        let snapshot = SeriesRollup.Snapshot(runID: run.id, observedAt: row.observedAt, value: row.value,
                                             outcome: row.value == nil ? .absent : .ok, detail: nil)
        if let drop = series[index].rollup.fold(snapshot) {
            try tables.saveCorrection(seriesID: series[index].id, runID: run.id, drop)
        }
        if let value = row.value {
            if series[index].day != dayNumber {
                try flushDay(series[index])
                series[index].day = dayNumber
            }
            series[index].dayValue = value
            series[index].dayTime = row.observedAt
        }
    }

    /// Whether the run holds this row already with the same count; a different count is a
    /// conflict that stops the import.
    private func isStored(_ row: SnapshotRow, seriesID: Int64, runID: Int64) throws -> Bool {
        guard let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, outcome FROM snapshot WHERE run_id = ? AND series_id = ?"),
                                            arguments: [runID, seriesID]) else { return false }
        let value: Int64? = stored[0]
        let outcome: String = stored[1]
        if let conflict = ImportRules.conflict(row, line: rowCount + 1, storedValue: value, storedOutcome: outcome) { throw conflict }
        return true
    }

    private mutating func finish() throws {
        try closeRun()
        for entry in series {
            try flushDay(entry)
            try tables.save(entry.rollup, seriesID: entry.id)
        }
    }

    private mutating func startRun(at time: Int64) throws {
        try closeRun()
        dayNumber = days.day(of: time)
        if let stored = storedRuns[time] {
            currentRun = RunCount(id: stored, existing: true)
            return
        }
        try db.execute(sql: """
            INSERT INTO run (programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day)
            VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?)
            """, arguments: [programme, time, time, dayNumber])
        currentRun = RunCount(id: db.lastInsertedRowID, existing: false)
        runCount += 1
    }

    /// Adds the run's rows to its counts (a stored run may have had some before).
    private mutating func closeRun() throws {
        guard let run = currentRun else { return }
        try db.cachedStatement(sql: """
            UPDATE run SET series_count = series_count + ?, ok_count = ok_count + ?, absent_count = absent_count + ? WHERE id = ?
            """).execute(arguments: [run.ok + run.absent, run.ok, run.absent, run.id])
        currentRun = nil
    }

    private mutating func position(event: String, channel: String) throws -> Int {
        let key = ImportRules.seriesKey(event, channel)
        if let existing = positions[key] { return existing }
        let id = try seriesIndex.id(event: event, channel: channel, stream: streams[key] ?? "", updateStream: false)
        // Continue from what the database already holds, so a drop across the boundary is a correction too.
        series.append(Series(id: id, rollup: try tables.load(seriesID: id) ?? SeriesRollup()))
        positions[key] = series.count - 1
        return series.count - 1
    }

    private func flushDay(_ entry: Series) throws {
        guard let day = entry.day else { return }
        try tables.saveDay(seriesID: entry.id, day: day, value: entry.dayValue, observedAt: entry.dayTime)
    }
}
