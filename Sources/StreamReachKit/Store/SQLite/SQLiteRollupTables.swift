import GRDB

/// Loads and saves ``SeriesRollup`` state in `series_latest`, `series_day`, `series_week` and `correction`:
/// the one place their SQL lives, used by collect runs and imports alike. The rules
/// themselves are ``SeriesRollup/fold(_:)``'s; this type only stores what it decided.
struct SQLiteRollupTables {
    let db: Database
    private let saveLatest: SQLiteStatement
    private let saveDayValue: SQLiteStatement
    private let saveWeekValue: SQLiteStatement
    private let saveDrop: SQLiteStatement

    init(db: Database) throws {
        self.db = db
        saveLatest = try SQLiteStatement(db, """
            INSERT OR REPLACE INTO series_latest (series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                                  ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // The last count of a series on a local day: a later reading of the same day replaces it.
        saveDayValue = try SQLiteStatement(db, """
            INSERT INTO series_day (series_id, day, value, observed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (series_id, day) DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
            WHERE excluded.observed_at >= series_day.observed_at
            """)
        // The week's row follows its latest day: a later day replaces it, and within one day
        // a later reading, as above (SQLiteMigrations.v6SeriesWeek).
        saveWeekValue = try SQLiteStatement(db, """
            INSERT INTO series_week (series_id, monday, day, value, observed_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (series_id, monday) DO UPDATE SET day = excluded.day, value = excluded.value, observed_at = excluded.observed_at
            WHERE excluded.day > series_week.day OR (excluded.day = series_week.day AND excluded.observed_at >= series_week.observed_at)
            """)
        saveDrop = try SQLiteStatement(db, "INSERT OR REPLACE INTO correction (series_id, run_id, previous_value, value) VALUES (?, ?, ?, ?)")
    }

    func load(programme: String) throws -> [Int64: SeriesRollup] {
        var rollups: [Int64: SeriesRollup] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT l.series_id, \(Self.columns) FROM series_latest l JOIN series ON series.id = l.series_id WHERE series.programme = ?
            """, arguments: [programme])
        while let row = try rows.next() { rollups[row[0]] = Self.rollup(row, from: 1) }
        return rollups
    }

    func load(seriesID: Int64) throws -> SeriesRollup? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.columns) FROM series_latest WHERE series_id = ?"), arguments: [seriesID])
            .map { Self.rollup($0, from: 0) }
    }

    func save(_ rollup: SeriesRollup, seriesID: Int64) throws {
        try saveLatest.run(seriesID, rollup.value, rollup.observedAt, rollup.lastRunID, rollup.lastOutcome?.rawValue, rollup.lastDetail,
                           rollup.okRuns, rollup.absentRuns, rollup.failedRuns, rollup.corrections, rollup.correctedViews)
    }

    func saveDay(seriesID: Int64, day: Int, value: Int64, observedAt: Int64) throws {
        try saveDayValue.run(seriesID, day, value, observedAt)
        try saveWeekValue.run(seriesID, LocalDate(dayNumber: day).mondayOfWeek.dayNumber, day, value, observedAt)
    }

    func saveCorrection(seriesID: Int64, runID: Int64, _ drop: SeriesRollup.Drop) throws {
        try saveDrop.run(seriesID, runID, drop.previousValue, drop.value)
    }

    private static let columns = """
        value, observed_at, last_run_id, last_outcome, last_detail, ok_runs, absent_runs, failed_runs, corrections, corrected_views
        """

    /// By position, not by name: GRDB looks a name up column by column, and this runs for
    /// every series of a run.
    private static func rollup(_ row: Row, from first: Int) -> SeriesRollup {
        var rollup = SeriesRollup()
        rollup.value = row[first]
        rollup.observedAt = row[first + 1]
        rollup.lastRunID = row[first + 2]
        rollup.lastOutcome = (row[first + 3] as String?).flatMap(SampleOutcome.init(rawValue:))
        rollup.lastDetail = row[first + 4]
        rollup.okRuns = row[first + 5]
        rollup.absentRuns = row[first + 6]
        rollup.failedRuns = row[first + 7]
        rollup.corrections = row[first + 8]
        rollup.correctedViews = row[first + 9]
        return rollup
    }
}

/// The ids of a programme's series, loaded once; a series seen for the first time is added.
struct SQLiteSeriesIndex {
    let db: Database
    let programme: String
    private var known: [String: (id: Int64, stream: String)] = [:]

    init(db: Database, programme: String) throws {
        self.db = db
        self.programme = programme
        let rows = try Row.fetchCursor(db, sql: "SELECT id, event_id, channel_id, stream_id FROM series WHERE programme = ?", arguments: [programme])
        while let row = try rows.next() {
            known[Self.key(row[1], row[2])] = (row[0], row[3])
        }
    }

    /// The series' id; `updateStream` records a changed stream id (a collect run reads the
    /// programme's current one; an import keeps what is stored).
    mutating func id(event: String, channel: String, stream: String, updateStream: Bool) throws -> Int64 {
        let key = Self.key(event, channel)
        if let entry = known[key] {
            if updateStream, entry.stream != stream {
                try db.cachedStatement(sql: "UPDATE series SET stream_id = ? WHERE id = ?").execute(arguments: [stream, entry.id])
                known[key] = (entry.id, stream)
            }
            return entry.id
        }
        try db.cachedStatement(sql: "INSERT INTO series (programme, event_id, channel_id, stream_id) VALUES (?, ?, ?, ?)")
            .execute(arguments: [programme, event, channel, stream])
        let id = db.lastInsertedRowID
        known[key] = (id, stream)
        return id
    }

    private static func key(_ event: String, _ channel: String) -> String { event + "\u{0}" + channel }
}
