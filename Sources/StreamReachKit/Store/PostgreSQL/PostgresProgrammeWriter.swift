import Foundation
import Logging
import PostgresNIO

/// Writes one programme's snapshots and rollups inside the caller's transaction, for
/// collect runs and imports alike: the PostgreSQL counterpart of `SQLiteRunWriter`'s
/// sample writer and `SQLiteRollupTables`.
///
/// The rules are ``SeriesRollup/fold(_:)``'s; this type keeps the programme's series and
/// rollups in memory, sends snapshots with COPY in batches, and saves the changed rollups
/// once at the end (a COPY into a temporary table, then one upsert), so a run costs a few
/// round trips, not a few per series.
struct PostgresProgrammeWriter {
    let connection: PostgresConnection
    let logger: Logger
    let programmeID: Int32
    private var series: [String: (id: Int64, stream: String)] = [:]
    private(set) var rollups: [Int64: SeriesRollup] = [:]
    private var touched: Set<Int64> = []
    private var snapshots = CopyTextBuffer()
    private var corrections = CopyTextBuffer()
    private var days = CopyTextBuffer()
    /// The day a series is being read on, written when it moves on to a later day, so an
    /// import writes one row per series and day, not one per count.
    private var openDays: [Int64: (day: Int, value: Int64, observedAt: Int64)] = [:]

    /// The programme's id (made on its first run) with its series and rollups loaded.
    static func open(_ connection: PostgresConnection, programme: String, logger: Logger) async throws -> PostgresProgrammeWriter {
        let id = try await programmeID(connection, programme: programme, logger: logger)
        var writer = PostgresProgrammeWriter(connection: connection, logger: logger, programmeID: id)
        let rows = try await connection.run("""
            SELECT series.id, series.event_id, series.channel_id, series.stream_id,
                   l.value, l.observed_at, l.last_run_id, l.last_outcome, l.last_detail,
                   l.ok_runs, l.absent_runs, l.failed_runs, l.corrections, l.corrected_views
            FROM series LEFT JOIN series_latest l ON l.programme_id = series.programme_id AND l.series_id = series.id
            WHERE series.programme_id = \(id)
            """, logger: logger)
        for try await row in rows {
            let (seriesID, event, channel, stream, value, observedAt, lastRun, outcome, detail, ok, absent, failed, corrections, corrected)
                = try row.decode((Int64, String, String, String, Int64?, Int64?, Int64?, String?, String?,
                                  Int32?, Int32?, Int32?, Int32?, Int64?).self)
            writer.series[key(event, channel)] = (seriesID, stream)
            guard let lastRun else { continue }
            var rollup = SeriesRollup()
            rollup.value = value
            rollup.observedAt = observedAt
            rollup.lastRunID = lastRun
            rollup.lastOutcome = outcome.flatMap(SampleOutcome.init(rawValue:))
            rollup.lastDetail = detail
            rollup.okRuns = Int(ok ?? 0)
            rollup.absentRuns = Int(absent ?? 0)
            rollup.failedRuns = Int(failed ?? 0)
            rollup.corrections = Int(corrections ?? 0)
            rollup.correctedViews = corrected ?? 0
            writer.rollups[seriesID] = rollup
        }
        return writer
    }

    /// The programme's id; the first run of a programme adds it.
    static func programmeID(_ connection: PostgresConnection, programme: String, logger: Logger) async throws -> Int32 {
        let rows = try await connection.run("""
            WITH added AS (INSERT INTO programme (name) VALUES (\(programme)) ON CONFLICT (name) DO NOTHING RETURNING id)
            SELECT id FROM added UNION ALL SELECT id FROM programme WHERE name = \(programme)
            """, logger: logger)
        for try await id in rows.decode(Int32.self) { return id }
        throw StoreError.postgres("the programme \(programme) could not be added")
    }

    /// The ids of these series, adding the ones seen for the first time in one statement;
    /// `updateStream` records a changed stream id (a collect run reads the programme's
    /// current one; an import keeps what is stored).
    mutating func prepareSeries(_ wanted: [(event: String, channel: String, stream: String)], updateStream: Bool) async throws {
        var missing: [(String, String, String)] = []
        var changed: [(Int64, String)] = []
        var seen: Set<String> = []
        for entry in wanted {
            let key = Self.key(entry.event, entry.channel)
            if let known = series[key] {
                if updateStream && known.stream != entry.stream {
                    changed.append((known.id, entry.stream))
                    series[key] = (known.id, entry.stream)
                }
            } else if seen.insert(key).inserted {
                missing.append(entry)
            }
        }
        if !missing.isEmpty {
            let rows = try await connection.run("""
                INSERT INTO series (programme_id, event_id, channel_id, stream_id)
                SELECT \(programmeID), * FROM unnest(\(missing.map(\.0))::text[], \(missing.map(\.1))::text[], \(missing.map(\.2))::text[])
                RETURNING id, event_id, channel_id, stream_id
                """, logger: logger)
            for try await (id, event, channel, stream) in rows.decode((Int64, String, String, String).self) {
                series[Self.key(event, channel)] = (id, stream)
            }
        }
        if !changed.isEmpty {
            try await connection.run("""
                UPDATE series SET stream_id = changed.stream
                FROM unnest(\(changed.map(\.0))::bigint[], \(changed.map(\.1))::text[]) AS changed (id, stream)
                WHERE series.programme_id = \(programmeID) AND series.id = changed.id
                """, logger: logger)
        }
    }

    /// The id of a series that ``prepareSeries(_:updateStream:)`` saw.
    func seriesID(event: String, channel: String) -> Int64? {
        series[Self.key(event, channel)]?.id
    }

    /// Adds one snapshot and folds it into the series' rollups.
    mutating func add(seriesID: Int64, runID: Int64, day: Int, _ snapshot: SeriesRollup.Snapshot, attempts: Int) {
        snapshots.add(programmeID)
        snapshots.add(runID)
        snapshots.add(seriesID)
        snapshots.add(snapshot.observedAt)
        snapshots.add(snapshot.value)
        snapshots.add(snapshot.outcome.rawValue)
        snapshots.add(snapshot.detail)
        snapshots.add(attempts)
        snapshots.endRow()
        var rollup = rollups[seriesID] ?? SeriesRollup()
        if let drop = rollup.fold(snapshot) {
            corrections.add(programmeID)
            corrections.add(seriesID)
            corrections.add(runID)
            corrections.add(drop.previousValue)
            corrections.add(drop.value)
            corrections.endRow()
        }
        rollups[seriesID] = rollup
        touched.insert(seriesID)
        guard let value = snapshot.value else { return }
        if let open = openDays[seriesID], open.day != day { addDay(seriesID, open) }
        if let open = openDays[seriesID], open.day == day, open.observedAt > snapshot.observedAt { return }
        openDays[seriesID] = (day, value, snapshot.observedAt)
    }

    /// Bytes of snapshots waiting to be sent.
    var pendingBytes: Int { snapshots.byteCount }

    /// Sends the snapshots added so far.
    mutating func sendSnapshots() async throws {
        guard !snapshots.isEmpty else { return }
        try await connection.copy(snapshots.take(), into: "snapshot",
                                  columns: ["programme_id", "run_id", "series_id", "observed_at", "value", "outcome", "detail", "attempts"],
                                  logger: logger)
    }

    /// Sends what is left and saves every changed rollup.
    mutating func finish() async throws {
        try await sendSnapshots()
        for (seriesID, open) in openDays { addDay(seriesID, open) }
        openDays = [:]
        if !corrections.isEmpty {
            try await connection.copy(corrections.take(), into: "correction",
                                      columns: ["programme_id", "series_id", "run_id", "previous_value", "value"], logger: logger)
        }
        if !days.isEmpty {
            try await connection.run("""
                CREATE TEMPORARY TABLE IF NOT EXISTS day_in (series_id bigint, day integer, monday integer, value bigint, observed_at bigint)
                ON COMMIT DELETE ROWS
                """, logger: logger)
            try await connection.copy(days.take(), into: "day_in", logger: logger)
            // The last count of a series on a local day: a later reading of the same day replaces it.
            try await connection.run("""
                INSERT INTO series_day (programme_id, series_id, day, value, observed_at)
                SELECT \(programmeID), series_id, day, value, observed_at FROM day_in
                ON CONFLICT (programme_id, series_id, day) DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
                WHERE excluded.observed_at >= series_day.observed_at
                """, logger: logger)
            // The week's row follows its latest day: a later day replaces it, and within one
            // day a later reading, as above (PostgresMigrations.v6).
            try await connection.run("""
                INSERT INTO series_week (programme_id, series_id, monday, day, value, observed_at)
                SELECT DISTINCT ON (series_id, monday) \(programmeID), series_id, monday, day, value, observed_at FROM day_in
                ORDER BY series_id, monday, day DESC, observed_at DESC
                ON CONFLICT (programme_id, series_id, monday) DO UPDATE SET
                    day = excluded.day, value = excluded.value, observed_at = excluded.observed_at
                WHERE excluded.day > series_week.day OR (excluded.day = series_week.day AND excluded.observed_at >= series_week.observed_at)
                """, logger: logger)
        }
        try await saveRollups()
    }

    private mutating func saveRollups() async throws {
        guard !touched.isEmpty else { return }
        var latest = CopyTextBuffer()
        for seriesID in touched.sorted() {
            guard let rollup = rollups[seriesID], let lastRun = rollup.lastRunID else { continue }
            latest.add(seriesID)
            latest.add(rollup.value)
            latest.add(rollup.observedAt)
            latest.add(lastRun)
            latest.add(rollup.lastOutcome?.rawValue)
            latest.add(rollup.lastDetail)
            latest.add(rollup.okRuns)
            latest.add(rollup.absentRuns)
            latest.add(rollup.failedRuns)
            latest.add(rollup.corrections)
            latest.add(rollup.correctedViews)
            latest.endRow()
        }
        touched = []
        try await connection.run("""
            CREATE TEMPORARY TABLE IF NOT EXISTS latest_in (
                series_id bigint, value bigint, observed_at bigint, last_run_id bigint, last_outcome text, last_detail text,
                ok_runs integer, absent_runs integer, failed_runs integer, corrections integer, corrected_views bigint)
            ON COMMIT DELETE ROWS
            """, logger: logger)
        try await connection.copy(latest.take(), into: "latest_in", logger: logger)
        try await connection.run("""
            INSERT INTO series_latest (programme_id, series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                       ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            SELECT \(programmeID), * FROM latest_in
            ON CONFLICT (programme_id, series_id) DO UPDATE SET
                value = excluded.value, observed_at = excluded.observed_at, last_run_id = excluded.last_run_id,
                last_outcome = excluded.last_outcome, last_detail = excluded.last_detail, ok_runs = excluded.ok_runs,
                absent_runs = excluded.absent_runs, failed_runs = excluded.failed_runs, corrections = excluded.corrections,
                corrected_views = excluded.corrected_views
            """, logger: logger)
    }

    private mutating func addDay(_ seriesID: Int64, _ open: (day: Int, value: Int64, observedAt: Int64)) {
        days.add(seriesID)
        days.add(open.day)
        days.add(LocalDate(dayNumber: open.day).mondayOfWeek.dayNumber)
        days.add(open.value)
        days.add(open.observedAt)
        days.endRow()
    }

    private static func key(_ event: String, _ channel: String) -> String { event + "\u{0}" + channel }
}
