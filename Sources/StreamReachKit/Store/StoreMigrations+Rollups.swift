import GRDB

extension StoreMigrations {
    /// v2: what reports read, kept up to date as each run is stored, so a report's cost
    /// follows the number of series and weeks, never the number of snapshots.
    static func registerRollups(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: rollups, corrections and hand-entered reach") { db in
            try db.execute(sql: """
                -- The programme-local day of the run (days since 1970-01-01).
                ALTER TABLE run ADD COLUMN local_day INTEGER;
                UPDATE run SET local_day = started_at / 86400;

                CREATE TABLE series_latest (
                    series_id INTEGER PRIMARY KEY REFERENCES series(id),
                    value INTEGER,                 -- latest count read (NULL until one)
                    observed_at INTEGER,           -- when that count was read
                    last_run_id INTEGER NOT NULL REFERENCES run(id),
                    last_outcome TEXT NOT NULL,
                    last_detail TEXT,
                    ok_runs INTEGER NOT NULL DEFAULT 0,
                    absent_runs INTEGER NOT NULL DEFAULT 0,
                    failed_runs INTEGER NOT NULL DEFAULT 0,
                    corrections INTEGER NOT NULL DEFAULT 0,
                    corrected_views INTEGER NOT NULL DEFAULT 0   -- views removed by the platform
                );
                -- The last count of each series on each local day it was read.
                CREATE TABLE series_day (
                    series_id INTEGER NOT NULL REFERENCES series(id),
                    day INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    observed_at INTEGER NOT NULL,
                    PRIMARY KEY (series_id, day)
                ) WITHOUT ROWID;
                -- A count lower than the one before: a platform correction, never a reset.
                CREATE TABLE correction (
                    series_id INTEGER NOT NULL REFERENCES series(id),
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    previous_value INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    PRIMARY KEY (series_id, run_id)
                ) WITHOUT ROWID;
                -- Reach of broadcast channels without an API, entered by hand with its source.
                CREATE TABLE manual_reach (
                    programme TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    channel_id TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    figure INTEGER NOT NULL CHECK (figure >= 0),
                    source TEXT NOT NULL CHECK (length(trim(source)) > 0),
                    entered_at INTEGER NOT NULL,
                    PRIMARY KEY (programme, event_id, channel_id, day)
                );
                """)
            // Existing snapshots, replayed in order (v1 had no local day: the UTC day stands in).
            let rows = try Row.fetchAll(db, sql: """
                SELECT series_id, run_id, observed_at, value, outcome, detail FROM snapshot ORDER BY observed_at, run_id
                """)
            for row in rows {
                let observedAt: Int64 = row["observed_at"]
                try RollupWriter.apply(db, seriesID: row["series_id"], runID: row["run_id"], observedAt: observedAt,
                                       day: Int(observedAt / 86400), value: row["value"],
                                       outcome: SampleOutcome(rawValue: row["outcome"]) ?? .permanent, detail: row["detail"])
            }
        }
    }
}
