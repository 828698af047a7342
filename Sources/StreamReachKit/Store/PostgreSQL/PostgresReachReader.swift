import Foundation
import Logging
import PostgresNIO

/// ``ReachReading`` on one connection inside a `REPEATABLE READ READ ONLY` transaction:
/// every read of a report sees the same committed state while venues write, the
/// counterpart of SQLite's WAL snapshot. The same queries as `SQLiteReachReader`, ordered
/// the same way (text columns collate as "C", byte by byte, as SQLite does), so both stores
/// give byte-identical reports.
struct PostgresReachReader: ReachReading, @unchecked Sendable {
    // PostgresConnection is used by one report at a time, inside `PostgresStore.read`.
    let connection: PostgresConnection
    let logger: Logger
    /// What this read has looked up already: a report asks for the same programme dozens of
    /// times (once per week's end), and each lookup was a round trip.
    private let looked = LookedUp()

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Whether the database has week rows (PostgresMigrations.v6). Reading commands never
    /// migrate (their role may not), so they may read a database that no collect of this
    /// version has written yet: its week ends are then read from the day rows.
    private func keepsWeekRows() async throws -> Bool {
        if let known = looked.keepsWeekRows { return known }
        var found = false
        for try await exists in try await connection.run("SELECT to_regclass('series_week') IS NOT NULL", logger: logger).decode(Bool.self) {
            found = exists
        }
        looked.keepsWeekRows = found
        return found
    }

    /// The programme's id, or nil when the store has never seen it.
    private func programmeID(_ programme: String) async throws -> Int32? {
        if let known = looked[programme] { return known }
        var found: Int32?
        for try await id in try await connection.run("SELECT id FROM programme WHERE name = \(programme)", logger: logger).decode(Int32.self) {
            found = id
        }
        looked[programme] = .some(found)
        return found
    }

    func seriesStates(programme: String) async throws -> [SeriesState] {
        guard let id = try await programmeID(programme) else { return [] }
        var states: [SeriesState] = []
        let rows = try await connection.run("""
            SELECT series.id, series.event_id, series.channel_id, l.value, l.observed_at, l.last_outcome, l.last_detail,
                   l.ok_runs, l.absent_runs, l.failed_runs, l.corrections, l.corrected_views
            FROM series JOIN series_latest l ON l.programme_id = series.programme_id AND l.series_id = series.id
            WHERE series.programme_id = \(id) ORDER BY series.event_id, series.channel_id
            """, logger: logger)
        for try await row in rows {
            let (seriesID, event, channel, value, observedAt, outcome, detail, ok, absent, failed, corrections, corrected) = try row.decode(
                (Int64, String, String, Int64?, Int64?, String, String?, Int32, Int32, Int32, Int32, Int64).self)
            states.append(SeriesState(
                seriesID: seriesID, eventID: event, channelID: channel, value: value,
                observedAt: observedAt.map { Date(timeIntervalSince1970: Double($0)) },
                lastOutcome: SampleOutcome(rawValue: outcome) ?? .permanent, lastDetail: detail,
                okRuns: Int(ok), absentRuns: Int(absent), failedRuns: Int(failed), corrections: Int(corrections),
                correctedViews: corrected))
        }
        return states
    }

    func values(programme: String, atEndOf day: LocalDate) async throws -> [Int64: Int64] {
        guard let id = try await programmeID(programme) else { return [:] }
        var values: [Int64: Int64] = [:]
        // One index lookup per series, as in SQLite: the last week or day on or before `day`.
        // The table check is a round trip: made only for a week's end.
        let lookup = DayEndLookup(day, weekRows: DayEndLookup.endsWeek(day) ? try await keepsWeekRows() : false)
        let rows = try await connection.run(PostgresQuery(unsafeSQL: """
            SELECT series.id, last.value FROM series
            JOIN LATERAL (SELECT value FROM \(lookup.table) AS r
                          WHERE r.programme_id = series.programme_id AND r.series_id = series.id AND r.\(lookup.key) <= $1
                          ORDER BY r.\(lookup.key) DESC LIMIT 1) AS last ON true
            WHERE series.programme_id = $2
            """, binds: PostgresBindings(Int32(lookup.bound), id)), logger: logger)
        for try await (seriesID, value) in rows.decode((Int64, Int64).self) { values[seriesID] = value }
        return values
    }

    func corrections(programme: String, from: LocalDate?, to: LocalDate?) async throws -> [CorrectionRecord] {
        guard let id = try await programmeID(programme) else { return [] }
        var records: [CorrectionRecord] = []
        let rows = try await connection.run("""
            SELECT series.event_id, series.channel_id, run.id, run.started_at, run.local_day, correction.previous_value, correction.value
            FROM correction
            JOIN series ON series.programme_id = correction.programme_id AND series.id = correction.series_id
            JOIN run ON run.programme_id = correction.programme_id AND run.id = correction.run_id
            WHERE correction.programme_id = \(id) AND run.local_day BETWEEN \(from?.dayNumber ?? Int(Int32.min)) AND \(to?.dayNumber ?? Int(Int32.max))
            ORDER BY run.started_at, series.event_id, series.channel_id
            """, logger: logger)
        for try await (event, channel, runID, startedAt, day, previous, value) in rows.decode((String, String, Int64, Int64, Int32, Int64, Int64).self) {
            records.append(CorrectionRecord(event: event, channel: channel, runID: runID, at: Date(timeIntervalSince1970: Double(startedAt)),
                                            day: LocalDate(dayNumber: Int(day)), previousValue: previous, value: value))
        }
        return records
    }

    func correctionTotals(programme: String, to: LocalDate) async throws -> (count: Int, views: Int64) {
        guard let id = try await programmeID(programme) else { return (0, 0) }
        let rows = try await connection.run("""
            SELECT COUNT(*), COALESCE(SUM(correction.previous_value - correction.value), 0)::bigint
            FROM correction JOIN run ON run.programme_id = correction.programme_id AND run.id = correction.run_id
            WHERE correction.programme_id = \(id) AND run.local_day <= \(to.dayNumber)
            """, logger: logger)
        for try await (count, views) in rows.decode((Int64, Int64).self) { return (Int(count), views) }
        return (0, 0)
    }

    func runDays(programme: String) async throws -> [RunDay] {
        guard let id = try await programmeID(programme) else { return [] }
        var days: [RunDay] = []
        let rows = try await connection.run("""
            SELECT id, started_at, local_day, series_count, failed_count FROM run WHERE programme_id = \(id) ORDER BY started_at, id
            """, logger: logger)
        for try await (runID, startedAt, day, series, failed) in rows.decode((Int64, Int64, Int32, Int32, Int32).self) {
            days.append(RunDay(runID: runID, startedAt: Date(timeIntervalSince1970: Double(startedAt)), day: LocalDate(dayNumber: Int(day)),
                               seriesCount: Int(series), failedCount: Int(failed)))
        }
        return days
    }

    func donations(programme: String) async throws -> [Donation] {
        guard let id = try await programmeID(programme) else { return [] }
        var donations: [Donation] = []
        let rows = try await connection.run("""
            SELECT day, amount, currency, reference, event_id, source, occurrence FROM donation WHERE programme_id = \(id)
            ORDER BY day, event_id, currency, amount, reference, source, occurrence
            """, logger: logger)
        for try await (day, amount, currency, reference, event, source, occurrence) in rows.decode((Int32, Int64, String, String, String, String, Int32).self) {
            donations.append(Donation(date: LocalDate(dayNumber: Int(day)), amount: amount, currency: currency, reference: reference,
                                      event: event.isEmpty ? nil : event, source: source, occurrence: Int(occurrence)))
        }
        return donations
    }

    func manualReach(programme: String) async throws -> [ManualReach] {
        guard let id = try await programmeID(programme) else { return [] }
        var entries: [ManualReach] = []
        let rows = try await connection.run("""
            SELECT event_id, channel_id, day, figure, source FROM manual_reach WHERE programme_id = \(id) ORDER BY day, event_id, channel_id
            """, logger: logger)
        for try await (event, channel, day, figure, source) in rows.decode((String, String, Int32, Int64, String).self) {
            entries.append(ManualReach(event: event, channel: channel, date: LocalDate(dayNumber: Int(day)), figure: figure, source: source))
        }
        return entries
    }

    func lastRun(programme: String) async throws -> RunSummary? {
        guard let id = try await programmeID(programme) else { return nil }
        return try await PostgresRunRows.summaries(connection, logger: logger, """
            SELECT \(unescaped: PostgresRunRows.columns), \(programme) FROM run WHERE programme_id = \(id) ORDER BY started_at DESC, id DESC LIMIT 1
            """).first
    }

    func lastSuccessfulRunStart(programme: String) async throws -> Date? {
        guard let id = try await programmeID(programme) else { return nil }
        let rows = try await connection.run("SELECT MAX(started_at) FROM run WHERE programme_id = \(id) AND exit_status = 0", logger: logger)
        for try await started in rows.decode(Int64?.self) { return started.map { Date(timeIntervalSince1970: Double($0)) } }
        return nil
    }

    func outcomeCounts(runID: Int64) async throws -> [SampleOutcome: Int] {
        var counts: [SampleOutcome: Int] = [:]
        let rows = try await connection.run("""
            SELECT outcome, COUNT(*) FROM snapshot
            WHERE programme_id = (SELECT programme_id FROM run WHERE id = \(runID)) AND run_id = \(runID) GROUP BY outcome
            """, logger: logger)
        for try await (outcome, count) in rows.decode((String, Int64).self) {
            if let outcome = SampleOutcome(rawValue: outcome) { counts[outcome] = Int(count) }
        }
        return counts
    }

    func seriesWithUnseparatedFigures(programme: String, channels: Set<String>) async throws -> Set<Int64> {
        guard !channels.isEmpty, let id = try await programmeID(programme) else { return [] }
        var found: Set<Int64> = []
        for try await seriesID in try await connection.run("""
            SELECT DISTINCT s.series_id FROM snapshot s
            JOIN series ON series.programme_id = s.programme_id AND series.id = s.series_id
            JOIN run ON run.programme_id = s.programme_id AND run.id = s.run_id
            WHERE s.programme_id = \(id) AND NOT run.figures_apart AND series.channel_id = ANY(\(channels.sorted()))
            """, logger: logger).decode(Int64.self) {
            found.insert(seriesID)
        }
        return found
    }

    func runsBeforeFiguresApart(programme: String) async throws -> Set<Int64> {
        guard let id = try await programmeID(programme) else { return [] }
        var runs: Set<Int64> = []
        for try await runID in try await connection.run("SELECT id FROM run WHERE programme_id = \(id) AND NOT figures_apart",
                                                        logger: logger).decode(Int64.self) {
            runs.insert(runID)
        }
        return runs
    }

    func quotaUse(since day: LocalDate) async throws -> [QuotaUse] {
        var uses: [QuotaUse] = []
        for try await (dayNumber, job, units) in try await connection.run("""
            SELECT day, job, units FROM quota_ledger WHERE day >= \(Int32(day.dayNumber)) ORDER BY day, job COLLATE "C"
            """, logger: logger).decode((Int32, String, Int32).self) {
            if let job = QuotaJob(rawValue: job) { uses.append(QuotaUse(day: LocalDate(dayNumber: Int(dayNumber)), job: job, units: Int(units))) }
        }
        return uses
    }

    func liveEndViews(programme: String) async throws -> [LiveEndViews] {
        guard let id = try await programmeID(programme) else { return [] }
        var views: [LiveEndViews] = []
        for try await (event, channel, stream, observedAt, count) in try await connection.run("""
            SELECT series.event_id, series.channel_id, series.stream_id, e.observed_at, e.views
            FROM live_end_views e JOIN series ON series.programme_id = e.programme_id AND series.id = e.series_id
            WHERE e.programme_id = \(id) ORDER BY series.event_id, series.channel_id
            """, logger: logger).decode((String, String, String, Int64, Int64).self) {
            views.append(LiveEndViews(eventID: event, channelID: channel, streamID: stream,
                                      observedAt: Date(timeIntervalSince1970: Double(observedAt)), views: count))
        }
        return views
    }

    func movedViewerReadings(programme: String) async throws -> [String: Int] {
        guard let id = try await programmeID(programme) else { return [:] }
        var counts: [String: Int] = [:]
        for try await (channel, count) in try await connection.run("""
            SELECT series.channel_id, count(*)::bigint FROM audience_sample a
            JOIN series ON series.programme_id = a.programme_id AND series.id = a.series_id
            WHERE a.programme_id = \(id) AND a.origin = 'moved' GROUP BY series.channel_id
            """, logger: logger).decode((String, Int64).self) {
            counts[channel] = Int(count)
        }
        return counts
    }

    func audience(programme: String) async throws -> [AudienceSample] {
        guard let id = try await programmeID(programme) else { return [] }
        var samples: [AudienceSample] = []
        for try await (event, channel, stream, observedAt, viewers, origin) in try await connection.run("""
            SELECT series.event_id, series.channel_id, series.stream_id, a.observed_at, a.viewers, a.origin
            FROM audience_sample a JOIN series ON series.programme_id = a.programme_id AND series.id = a.series_id
            WHERE a.programme_id = \(id) ORDER BY series.event_id, series.channel_id, a.observed_at
            """, logger: logger).decode((String, String, String, Int64, Int64, String).self) {
            samples.append(AudienceSample(eventID: event, channelID: channel, streamID: stream,
                                          observedAt: Date(timeIntervalSince1970: Double(observedAt)), viewers: viewers,
                                          origin: AudienceSample.Origin(rawValue: origin) ?? .live))
        }
        return samples
    }
}

/// Reads `run` rows (with the programme's name last) into ``RunSummary``.
enum PostgresRunRows {
    /// Named, not `run.*`: rows are decoded by position, and a column a migration adds
    /// (v3's `figures_apart`) moved the programme's name out of its place.
    static let columns = "run.id, run.started_at, run.finished_at, run.series_count, run.ok_count, run.absent_count, run.failed_count, run.exit_status"

    static func summaries(_ connection: PostgresConnection, logger: Logger, _ query: PostgresQuery) async throws -> [RunSummary] {
        var summaries: [RunSummary] = []
        for try await row in try await connection.run(query, logger: logger) {
            // `columns`, then the name.
            let (id, started, finished, series, ok, absent, failed, exit, programme) = try row.decode(
                (Int64, Int64, Int64, Int32, Int32, Int32, Int32, Int32, String).self)
            summaries.append(RunSummary(
                id: id, programme: programme, startedAt: Date(timeIntervalSince1970: Double(started)),
                finishedAt: Date(timeIntervalSince1970: Double(finished)), seriesCount: Int(series), okCount: Int(ok),
                absentCount: Int(absent), failedCount: Int(failed), exitStatus: exit))
        }
        return summaries
    }
}

/// What ``PostgresReachReader`` found: each programme name's id (nil inside: not in the
/// store), and whether the database has week rows.
private final class LookedUp: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: Int32?] = [:]
    private var weekRows: Bool?

    subscript(name: String) -> Int32?? {
        get { lock.withLock { ids[name] } }
        set { lock.withLock { ids[name] = newValue } }
    }

    var keepsWeekRows: Bool? {
        get { lock.withLock { weekRows } }
        set { lock.withLock { weekRows = newValue } }
    }
}
