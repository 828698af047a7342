import GRDB

/// Keeps `series_latest`, `series_day` and `correction` in step with each stored snapshot.
enum RollupWriter {
    static func apply(_ db: Database, seriesID: Int64, runID: Int64, observedAt: Int64, day: Int,
                      value: Int64?, outcome: SampleOutcome, detail: String?) throws {
        // Cached statements: this runs for every series of every run, and compiling the SQL
        // each time cost more than executing it.
        let previous = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, observed_at FROM series_latest WHERE series_id = ?"),
                                        arguments: [seriesID])
        let previousValue: Int64? = previous?["value"]
        let previousTime: Int64? = previous?["observed_at"]
        // A run stored out of order (a replay of an older night) must not become "latest".
        let isNewest = previousTime.map { observedAt >= $0 } ?? true
        let okDelta = outcome == .ok ? 1 : 0
        let absentDelta = outcome == .absent ? 1 : 0
        let failedDelta = outcome.isFailure ? 1 : 0
        var correctionDelta = 0
        var correctedViews: Int64 = 0
        if let value, isNewest, let previousValue, value < previousValue {
            correctionDelta = 1
            correctedViews = previousValue - value
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO correction (series_id, run_id, previous_value, value) VALUES (?, ?, ?, ?)")
                .execute(arguments: [seriesID, runID, previousValue, value])
        }
        try db.cachedStatement(sql: """
            INSERT INTO series_latest (series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                       ok_runs, absent_runs, failed_runs, corrections, corrected_views)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (series_id) DO UPDATE SET
                value = CASE WHEN ?12 AND excluded.value IS NOT NULL THEN excluded.value ELSE value END,
                observed_at = CASE WHEN ?12 AND excluded.value IS NOT NULL THEN excluded.observed_at ELSE observed_at END,
                last_run_id = CASE WHEN ?12 THEN excluded.last_run_id ELSE last_run_id END,
                last_outcome = CASE WHEN ?12 THEN excluded.last_outcome ELSE last_outcome END,
                last_detail = CASE WHEN ?12 THEN excluded.last_detail ELSE last_detail END,
                ok_runs = ok_runs + excluded.ok_runs,
                absent_runs = absent_runs + excluded.absent_runs,
                failed_runs = failed_runs + excluded.failed_runs,
                corrections = corrections + excluded.corrections,
                corrected_views = corrected_views + excluded.corrected_views
            """).execute(arguments: [seriesID, value, value == nil ? nil : observedAt, runID, outcome.rawValue, detail,
                             okDelta, absentDelta, failedDelta, correctionDelta, correctedViews, isNewest])
        if let value {
            try db.cachedStatement(sql: """
                INSERT INTO series_day (series_id, day, value, observed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (series_id, day) DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
                WHERE excluded.observed_at >= series_day.observed_at
                """).execute(arguments: [seriesID, day, value, observedAt])
        }
    }
}
