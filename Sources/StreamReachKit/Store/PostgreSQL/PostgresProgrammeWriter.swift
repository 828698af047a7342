import Foundation
import Logging
import PostgresNIO

/// Writes one programme's snapshots and rollups inside the caller's transaction, for
/// collect runs and imports alike: the PostgreSQL counterpart of `SQLiteRunWriter`'s
/// sample writer and `SQLiteRollupTables`.
///
/// The rules are ``SeriesRollup/fold(_:)``'s; this type keeps the programme's series and
/// rollups in memory, sends snapshots with COPY in batches, and saves the changed rollups
/// once at the end (their rows as arrays, one upsert per table), so a run costs a few
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
    private var days = DayRows()
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
        if !days.seriesIDs.isEmpty {
            try await saveDays()
        }
        try await saveRollups()
    }

    /// The day rows, and the week rows they move, in one statement. The rows go as arrays,
    /// not through a temporary table: creating one cost every run's session a few catalog
    /// writes (and its removal at the end), as much server time as the week rows.
    private mutating func saveDays() async throws {
        let binds = PostgresBindings(programmeID, days.seriesIDs, days.days, days.mondays, days.values, days.observedAts)
        days = DayRows()
        // The last count of a series on a local day: a later reading of the same day replaces
        // it. The week's row follows its latest day: a later day replaces it, and within one
        // day a later reading (PostgresMigrations.v6).
        try await connection.run(PostgresQuery(unsafeSQL: """
            WITH d (series_id, day, monday, value, observed_at) AS (
                SELECT * FROM unnest($2::bigint[], $3::integer[], $4::integer[], $5::bigint[], $6::bigint[])),
            day_rows AS (
                INSERT INTO series_day (programme_id, series_id, day, value, observed_at)
                SELECT $1, series_id, day, value, observed_at FROM d
                ON CONFLICT (programme_id, series_id, day) DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
                WHERE excluded.observed_at >= series_day.observed_at)
            INSERT INTO series_week (programme_id, series_id, monday, day, value, observed_at)
            SELECT DISTINCT ON (series_id, monday) $1, series_id, monday, day, value, observed_at FROM d
            ORDER BY series_id, monday, day DESC, observed_at DESC
            ON CONFLICT (programme_id, series_id, monday) DO UPDATE SET
                day = excluded.day, value = excluded.value, observed_at = excluded.observed_at
            WHERE excluded.day > series_week.day OR (excluded.day = series_week.day AND excluded.observed_at >= series_week.observed_at)
            """, binds: binds), logger: logger)
    }

    /// Every changed rollup in one upsert, its rows sent as arrays (see `saveDays`). Arrays
    /// cannot hold NULL here (PostgresNIO encodes no optional elements), so a missing count
    /// or time goes as `Int64.min`, which no count or time can be, a missing outcome as '',
    /// which no outcome is, and a detail with a flag of its own: '' is a detail.
    private mutating func saveRollups() async throws {
        guard !touched.isEmpty else { return }
        var rows = LatestRows()
        for seriesID in touched.sorted() {
            guard let rollup = rollups[seriesID], let lastRun = rollup.lastRunID else { continue }
            rows.seriesIDs.append(seriesID)
            rows.values.append(rollup.value ?? .min)
            rows.observedAts.append(rollup.observedAt ?? .min)
            rows.lastRunIDs.append(lastRun)
            rows.outcomes.append(rollup.lastOutcome?.rawValue ?? "")
            rows.details.append(rollup.lastDetail ?? "")
            rows.hasDetail.append(rollup.lastDetail != nil)
            rows.okRuns.append(Int32(rollup.okRuns))
            rows.absentRuns.append(Int32(rollup.absentRuns))
            rows.failedRuns.append(Int32(rollup.failedRuns))
            rows.corrections.append(Int32(rollup.corrections))
            rows.correctedViews.append(rollup.correctedViews)
        }
        touched = []
        guard !rows.seriesIDs.isEmpty else { return }
        let binds = PostgresBindings(programmeID, rows.seriesIDs, rows.values, rows.observedAts, rows.lastRunIDs, rows.outcomes,
                                     rows.details, rows.hasDetail, rows.okRuns, rows.absentRuns, rows.failedRuns, rows.corrections,
                                     rows.correctedViews, Int64.min)
        try await connection.run(PostgresQuery(unsafeSQL: """
            INSERT INTO series_latest (programme_id, series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                       ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            SELECT $1, series_id, NULLIF(value, $14), NULLIF(observed_at, $14), last_run_id, NULLIF(outcome, ''),
                   CASE WHEN has_detail THEN detail END, ok_runs, absent_runs, failed_runs, corrections, corrected_views
            FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::boolean[],
                        $9::integer[], $10::integer[], $11::integer[], $12::integer[], $13::bigint[])
                AS l (series_id, value, observed_at, last_run_id, outcome, detail, has_detail,
                      ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            ON CONFLICT (programme_id, series_id) DO UPDATE SET
                value = excluded.value, observed_at = excluded.observed_at, last_run_id = excluded.last_run_id,
                last_outcome = excluded.last_outcome, last_detail = excluded.last_detail, ok_runs = excluded.ok_runs,
                absent_runs = excluded.absent_runs, failed_runs = excluded.failed_runs, corrections = excluded.corrections,
                corrected_views = excluded.corrected_views
            """, binds: binds), logger: logger)
    }

    private mutating func addDay(_ seriesID: Int64, _ open: (day: Int, value: Int64, observedAt: Int64)) {
        days.seriesIDs.append(seriesID)
        days.days.append(Int32(open.day))
        days.mondays.append(Int32(LocalDate(dayNumber: open.day).mondayOfWeek.dayNumber))
        days.values.append(open.value)
        days.observedAts.append(open.observedAt)
    }

    private static func key(_ event: String, _ channel: String) -> String { event + "\u{0}" + channel }
}

/// Day rows waiting to be saved, a column each: they are sent as arrays.
private struct DayRows {
    var seriesIDs: [Int64] = []
    var days: [Int32] = []
    var mondays: [Int32] = []
    var values: [Int64] = []
    var observedAts: [Int64] = []
}

/// Rollups waiting to be saved, a column each.
private struct LatestRows {
    var seriesIDs: [Int64] = []
    var values: [Int64] = []
    var observedAts: [Int64] = []
    var lastRunIDs: [Int64] = []
    var outcomes: [String] = []
    var details: [String] = []
    var hasDetail: [Bool] = []
    var okRuns: [Int32] = []
    var absentRuns: [Int32] = []
    var failedRuns: [Int32] = []
    var corrections: [Int32] = []
    var correctedViews: [Int64] = []
}
