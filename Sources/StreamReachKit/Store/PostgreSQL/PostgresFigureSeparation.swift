import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL counterpart of `SQLiteFigureSeparation`, inside the caller's transaction:
/// readings of runs stored before views and viewers were told apart move to the audience
/// samples, and the rollups of the series touched are folded again from what remains.
/// Rare and small (a few channels, once), so plain statements rather than COPY.
struct PostgresFigureSeparation {
    let connection: PostgresConnection
    let logger: Logger

    func run(programme: String, channels: Set<String>) async throws -> [FigureSeparation] {
        let programmeID = try await PostgresProgrammeWriter.programmeID(connection, programme: programme, logger: logger)
        var results: [FigureSeparation] = []
        for channel in channels.sorted() {
            var seriesIDs: [Int64] = []
            for try await id in try await connection.run("""
                SELECT DISTINCT s.series_id FROM snapshot s
                JOIN series ON series.programme_id = s.programme_id AND series.id = s.series_id
                JOIN run ON run.programme_id = s.programme_id AND run.id = s.run_id
                WHERE s.programme_id = \(programmeID) AND series.channel_id = \(channel) AND NOT run.figures_apart
                ORDER BY 1
                """, logger: logger).decode(Int64.self) {
                seriesIDs.append(id)
            }
            guard !seriesIDs.isEmpty else { continue }
            var moved = 0, removed = 0
            for seriesID in seriesIDs {
                for try await count in try await connection.run("""
                    WITH added AS (
                        INSERT INTO audience_sample (programme_id, series_id, observed_at, viewers, origin)
                        SELECT s.programme_id, s.series_id, s.observed_at, s.value, 'moved'
                        FROM snapshot s JOIN run ON run.programme_id = s.programme_id AND run.id = s.run_id
                        WHERE s.programme_id = \(programmeID) AND s.series_id = \(seriesID) AND NOT run.figures_apart
                          AND s.outcome = 'ok' AND s.value >= 0
                        ON CONFLICT DO NOTHING RETURNING 1)
                    SELECT count(*)::bigint FROM added
                    """, logger: logger).decode(Int64.self) {
                    moved += Int(count)
                }
                for try await count in try await connection.run("""
                    WITH gone AS (
                        DELETE FROM snapshot s USING run
                        WHERE s.programme_id = \(programmeID) AND s.series_id = \(seriesID)
                          AND run.programme_id = s.programme_id AND run.id = s.run_id AND NOT run.figures_apart
                        RETURNING 1)
                    SELECT count(*)::bigint FROM gone
                    """, logger: logger).decode(Int64.self) {
                    removed += Int(count)
                }
                try await refold(programmeID, seriesID)
            }
            results.append(FigureSeparation(channel: channel, moved: moved, removed: removed - moved))
        }
        if !results.isEmpty {
            // A run's counts say what its snapshots hold: the moved readings are no longer its series.
            try await connection.run("""
                UPDATE run SET series_count = c.n, ok_count = c.ok, absent_count = c.absent, failed_count = c.n - c.ok - c.absent
                FROM (SELECT run.id, count(s.series_id)::integer AS n,
                             (count(*) FILTER (WHERE s.outcome = 'ok'))::integer AS ok,
                             (count(*) FILTER (WHERE s.outcome = 'absent'))::integer AS absent
                      FROM run LEFT JOIN snapshot s ON s.programme_id = run.programme_id AND s.run_id = run.id
                      WHERE run.programme_id = \(programmeID) AND NOT run.figures_apart GROUP BY run.id) c
                WHERE run.programme_id = \(programmeID) AND run.id = c.id
                """, logger: logger)
        }
        return results
    }

    /// The series' rollups again, from the snapshots it has left, by the one fold.
    private func refold(_ programmeID: Int32, _ seriesID: Int64) async throws {
        for table in ["series_latest", "series_day", "series_week", "correction"] {
            try await connection.run(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE programme_id = $1 AND series_id = $2",
                                                   binds: PostgresBindings(programmeID, seriesID)), logger: logger)
        }
        var rollup = SeriesRollup()
        var any = false
        var days: [Int: (value: Int64, observedAt: Int64)] = [:]
        for try await (runID, observedAt, value, outcome, detail, day) in try await connection.run("""
            SELECT s.run_id, s.observed_at, s.value, s.outcome, s.detail, run.local_day
            FROM snapshot s JOIN run ON run.programme_id = s.programme_id AND run.id = s.run_id
            WHERE s.programme_id = \(programmeID) AND s.series_id = \(seriesID) ORDER BY s.observed_at, s.run_id
            """, logger: logger).decode((Int64, Int64, Int64?, String, String?, Int32).self) {
            any = true
            let snapshot = SeriesRollup.Snapshot(runID: runID, observedAt: observedAt, value: value,
                                                 outcome: SampleOutcome(rawValue: outcome) ?? .permanent, detail: detail)
            if let drop = rollup.fold(snapshot) {
                try await connection.run("""
                    INSERT INTO correction (programme_id, series_id, run_id, previous_value, value)
                    VALUES (\(programmeID), \(seriesID), \(runID), \(drop.previousValue), \(drop.value))
                    """, logger: logger)
            }
            // The last count of each local day, as the collect's fold keeps it.
            if let value, observedAt >= days[Int(day)]?.observedAt ?? .min { days[Int(day)] = (value, observedAt) }
        }
        for (day, entry) in days.sorted(by: { $0.key < $1.key }) {
            try await connection.run("""
                INSERT INTO series_day (programme_id, series_id, day, value, observed_at)
                VALUES (\(programmeID), \(seriesID), \(Int32(day)), \(entry.value), \(entry.observedAt))
                """, logger: logger)
        }
        // Each week's row is its latest day's.
        let weeks = Dictionary(grouping: days, by: { LocalDate(dayNumber: $0.key).mondayOfWeek.dayNumber })
        for (monday, weekDays) in weeks.sorted(by: { $0.key < $1.key }) {
            guard let (day, entry) = weekDays.max(by: { $0.key < $1.key }) else { continue }
            try await connection.run("""
                INSERT INTO series_week (programme_id, series_id, monday, day, value, observed_at)
                VALUES (\(programmeID), \(seriesID), \(Int32(monday)), \(Int32(day)), \(entry.value), \(entry.observedAt))
                """, logger: logger)
        }
        guard any, let lastRun = rollup.lastRunID else { return }
        try await connection.run("""
            INSERT INTO series_latest (programme_id, series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                       ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            VALUES (\(programmeID), \(seriesID), \(rollup.value), \(rollup.observedAt), \(lastRun), \(rollup.lastOutcome?.rawValue),
                    \(rollup.lastDetail), \(Int32(rollup.okRuns)), \(Int32(rollup.absentRuns)), \(Int32(rollup.failedRuns)),
                    \(Int32(rollup.corrections)), \(rollup.correctedViews))
            """, logger: logger)
    }
}
