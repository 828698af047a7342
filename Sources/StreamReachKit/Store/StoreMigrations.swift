import GRDB

/// The store's schema history. Migrations are named and ordered, and never edited once
/// landed: a change is a new migration.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, series and snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    programme TEXT NOT NULL,
                    started_at INTEGER NOT NULL,          -- Unix seconds
                    finished_at INTEGER NOT NULL,
                    series_count INTEGER NOT NULL,
                    ok_count INTEGER NOT NULL,
                    absent_count INTEGER NOT NULL,
                    failed_count INTEGER NOT NULL,
                    exit_status INTEGER NOT NULL
                );
                -- One series is one event on one channel: the unit views are counted in.
                CREATE TABLE series (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    programme TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    channel_id TEXT NOT NULL,
                    stream_id TEXT NOT NULL,
                    UNIQUE (programme, event_id, channel_id)
                );
                -- A series is read at most once per run, so a run can never count twice.
                CREATE TABLE snapshot (
                    series_id INTEGER NOT NULL REFERENCES series(id),
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    observed_at INTEGER NOT NULL,
                    value INTEGER CHECK ((outcome = 'ok') = (value IS NOT NULL)),
                    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'absent', 'transient', 'quota', 'auth', 'permanent')),
                    detail TEXT,
                    attempts INTEGER NOT NULL,
                    PRIMARY KEY (series_id, run_id)
                ) WITHOUT ROWID;
                CREATE INDEX snapshot_by_run ON snapshot(run_id);
                """)
        }
        registerRollups(&migrator)
        return migrator
    }
}
