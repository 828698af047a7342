import Foundation
import GRDB

/// ``ReachReading`` on one SQLite view (a WAL snapshot): rollups only, never a scan of all
/// snapshots. Each call is one short synchronous read; the view keeps them consistent.
struct SQLiteReachReader: ReachReading {
    let database: any DatabaseReader
    let path: String

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.unsafeReentrantRead(body)
        } catch {
            throw StoreError(path: path, error)
        }
    }

    func seriesStates(programme: String) async throws -> [SeriesState] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT series.id, series.event_id, series.channel_id, l.value, l.observed_at, l.last_outcome, l.last_detail,
                       l.ok_runs, l.absent_runs, l.failed_runs, l.corrections, l.corrected_views
                FROM series JOIN series_latest l ON l.series_id = series.id
                WHERE series.programme = ? ORDER BY series.event_id, series.channel_id
                """, arguments: [programme]).map { row in
                // Columns by position: GRDB finds a name by lower-casing and comparing each
                // column's, a tenth of a report's time on a large programme.
                SeriesState(
                    seriesID: row[0], eventID: row[1], channelID: row[2], value: row[3],
                    observedAt: (row[4] as Int64?).map { Date(timeIntervalSince1970: Double($0)) },
                    lastOutcome: SampleOutcome(rawValue: row[5]) ?? .permanent, lastDetail: row[6],
                    okRuns: row[7], absentRuns: row[8], failedRuns: row[9], corrections: row[10], correctedViews: row[11])
            }
        }
    }

    /// Each series' count at the end of `day` (its last count on or before it); series
    /// with no count by then are left out. One index lookup per series: into the week rows
    /// when `day` ends a week (a report's week ends), else into the day rows. A file read
    /// before its owner's collect added the week rows has only day rows (SQLiteStore.existing).
    func values(programme: String, atEndOf day: LocalDate) async throws -> [Int64: Int64] {
        try read { db in
            let lookup = DayEndLookup(day, weekRows: DayEndLookup.endsWeek(day) ? try db.tableExists("series_week") : false)
            var values: [Int64: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT series.id,
                       (SELECT value FROM \(lookup.table) WHERE series_id = series.id AND \(lookup.key) <= ?
                        ORDER BY \(lookup.key) DESC LIMIT 1) AS value
                FROM series WHERE programme = ?
                """, arguments: [lookup.bound, programme])
            while let row = try rows.next() {
                if let value: Int64 = row[1] { values[row[0]] = value }
            }
            return values
        }
    }

    /// Corrections of runs on local days `from` through `to` (all, without bounds).
    func corrections(programme: String, from: LocalDate?, to: LocalDate?) async throws -> [CorrectionRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT series.event_id, series.channel_id, run.id AS run_id, run.started_at, run.local_day,
                       correction.previous_value, correction.value
                FROM correction JOIN series ON series.id = correction.series_id JOIN run ON run.id = correction.run_id
                WHERE series.programme = ? AND run.local_day BETWEEN ? AND ?
                ORDER BY run.started_at, series.event_id, series.channel_id
                """, arguments: [programme, from?.dayNumber ?? Int.min, to?.dayNumber ?? Int.max]).map { row in
                CorrectionRecord(
                    event: row[0], channel: row[1], runID: row[2], at: Date(timeIntervalSince1970: Double(row[3] as Int64)),
                    day: LocalDate(dayNumber: row[4]), previousValue: row[5], value: row[6])
            }
        }
    }

    /// How many corrections up to `to`, and how many views they removed: counted by SQLite,
    /// so a report does not load a long history's corrections to sum them.
    func correctionTotals(programme: String, to: LocalDate) async throws -> (count: Int, views: Int64) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(correction.previous_value - correction.value), 0) AS views
                FROM correction JOIN series ON series.id = correction.series_id JOIN run ON run.id = correction.run_id
                WHERE series.programme = ? AND run.local_day <= ?
                """, arguments: [programme, to.dayNumber])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    func runDays(programme: String) async throws -> [RunDay] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, started_at, local_day, series_count, failed_count FROM run WHERE programme = ? ORDER BY started_at, id
                """, arguments: [programme]).map { row in
                RunDay(runID: row[0], startedAt: Date(timeIntervalSince1970: Double(row[1] as Int64)),
                       day: LocalDate(dayNumber: row[2]), seriesCount: row[3], failedCount: row[4])
            }
        }
    }

    func donations(programme: String) async throws -> [Donation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT day, amount, currency, reference, event_id, source, occurrence FROM donation WHERE programme = ?
                ORDER BY day, event_id, currency, amount, reference, source, occurrence
                """, arguments: [programme]).map { row in
                let event: String = row["event_id"]
                return Donation(date: LocalDate(dayNumber: row["day"]), amount: row["amount"], currency: row["currency"], reference: row["reference"],
                                event: event.isEmpty ? nil : event, source: row["source"], occurrence: row["occurrence"])
            }
        }
    }

    func manualReach(programme: String) async throws -> [ManualReach] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT event_id, channel_id, day, figure, source FROM manual_reach WHERE programme = ? ORDER BY day, event_id, channel_id
                """, arguments: [programme]).map { row in
                ManualReach(event: row["event_id"], channel: row["channel_id"], date: LocalDate(dayNumber: row["day"]),
                            figure: row["figure"], source: row["source"])
            }
        }
    }

    func lastRun(programme: String) async throws -> RunSummary? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run WHERE programme = ? ORDER BY started_at DESC, id DESC LIMIT 1", arguments: [programme])
                .map(RunSummary.init(row:))
        }
    }

    func lastSuccessfulRunStart(programme: String) async throws -> Date? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(started_at) FROM run WHERE programme = ? AND exit_status = 0", arguments: [programme])
                .map { Date(timeIntervalSince1970: Double($0)) }
        }
    }

    func outcomeCounts(runID: Int64) async throws -> [SampleOutcome: Int] {
        try read { db in
            var counts: [SampleOutcome: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n FROM snapshot WHERE run_id = ? GROUP BY outcome", arguments: [runID]) {
                if let outcome = SampleOutcome(rawValue: row["outcome"]) { counts[outcome] = row["n"] }
            }
            return counts
        }
    }

    func seriesWithUnseparatedFigures(programme: String, channels: Set<String>) async throws -> Set<Int64> {
        guard !channels.isEmpty else { return [] }
        return try read { db in
            Set(try Int64.fetchAll(db, sql: """
                SELECT DISTINCT snapshot.series_id FROM snapshot
                JOIN series ON series.id = snapshot.series_id JOIN run ON run.id = snapshot.run_id
                WHERE series.programme = ? AND run.figures_apart = 0 AND series.channel_id IN (SELECT value FROM json_each(?))
                """, arguments: [programme, SQLiteJSON.array(channels.sorted())]))
        }
    }

    func runsBeforeFiguresApart(programme: String) async throws -> Set<Int64> {
        try read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE programme = ? AND figures_apart = 0", arguments: [programme]))
        }
    }

    func audience(programme: String) async throws -> [AudienceSample] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT series.event_id, series.channel_id, series.stream_id, a.observed_at, a.viewers, a.origin
                FROM audience_sample a JOIN series ON series.id = a.series_id
                WHERE series.programme = ? ORDER BY series.event_id, series.channel_id, a.observed_at
                """, arguments: [programme]).map { row in
                AudienceSample(eventID: row[0], channelID: row[1], streamID: row[2],
                               observedAt: Date(timeIntervalSince1970: Double(row[3] as Int64)),
                               viewers: row[4], origin: AudienceSample.Origin(rawValue: row[5]) ?? .live)
            }
        }
    }
}

extension SQLiteReachReader {
    func quotaUse(since day: LocalDate) async throws -> [QuotaUse] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT day, job, units FROM quota_ledger WHERE day >= ? ORDER BY day, job",
                             arguments: [day.dayNumber]).compactMap { row in
                QuotaJob(rawValue: row[1]).map { QuotaUse(day: LocalDate(dayNumber: row[0]), job: $0, units: row[2]) }
            }
        }
    }

    func liveEndViews(programme: String) async throws -> [LiveEndViews] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT series.event_id, series.channel_id, series.stream_id, e.observed_at, e.views
                FROM live_end_views e JOIN series ON series.id = e.series_id
                WHERE series.programme = ? ORDER BY series.event_id, series.channel_id
                """, arguments: [programme]).map { row in
                LiveEndViews(eventID: row[0], channelID: row[1], streamID: row[2],
                             observedAt: Date(timeIntervalSince1970: Double(row[3] as Int64)), views: row[4])
            }
        }
    }

    func movedViewerReadings(programme: String) async throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT series.channel_id, COUNT(*) FROM audience_sample a JOIN series ON series.id = a.series_id
                WHERE series.programme = ? AND a.origin = 'moved' GROUP BY series.channel_id
                """, arguments: [programme]) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}

/// A list of texts as a JSON array, for `json_each(?)`: one bound parameter however many
/// values, instead of SQL built with a placeholder per value.
enum SQLiteJSON {
    static func array(_ values: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: values)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
