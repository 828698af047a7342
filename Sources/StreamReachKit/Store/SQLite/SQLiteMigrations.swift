import GRDB

/// The store's schema history. Migrations are named and ordered, plain SQL, and never
/// edited once landed: a change is a new migration. None calls application code, so a later
/// change to the rollup rules cannot change what an old migration does (GRDB's own advice).
enum SQLiteMigrations {
    /// The migration that adds `series_week`: a reader may do without it (SQLiteStore.existing).
    static let weekRows = "v6: the last count of each week"

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
        migrator.registerMigration("v2: rollups, corrections and hand-entered reach") { db in
            try db.execute(sql: v2Rollups)
        }
        migrator.registerMigration("v3: snapshots keyed by run") { db in
            try db.execute(sql: v3SnapshotsByRun)
        }
        migrator.registerMigration("v4: views and viewers apart") { db in
            try db.execute(sql: v4ViewsAndViewersApart)
        }
        migrator.registerMigration("v5: donations") { db in
            try db.execute(sql: v5Donations)
        }
        migrator.registerMigration(weekRows) { db in
            try db.execute(sql: v6SeriesWeek)
        }
        return migrator
    }
}

extension SQLiteMigrations {
    /// v2: what reports read, kept up to date as each run is stored, so a report's cost
    /// follows the number of series and weeks, never the number of snapshots. Existing
    /// snapshots are folded in by the rules of v2, written out here in SQL (v1 had no local
    /// day: the UTC day stands in).
    static let v2Rollups = """
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

        -- Snapshots in the order they are folded: by time, then run.
        INSERT INTO correction (series_id, run_id, previous_value, value)
        SELECT series_id, run_id, previous, value FROM (
            SELECT series_id, run_id, value,
                   LAG(value) OVER (PARTITION BY series_id ORDER BY observed_at, run_id) AS previous
            FROM snapshot WHERE value IS NOT NULL)
        WHERE value < previous;

        INSERT INTO series_day (series_id, day, value, observed_at)
        SELECT series_id, day, value, observed_at FROM (
            SELECT series_id, observed_at / 86400 AS day, value, observed_at,
                   ROW_NUMBER() OVER (PARTITION BY series_id, observed_at / 86400 ORDER BY observed_at DESC, run_id DESC) AS newest
            FROM snapshot WHERE value IS NOT NULL)
        WHERE newest = 1;

        INSERT INTO series_latest (series_id, value, observed_at, last_run_id, last_outcome, last_detail,
                                   ok_runs, absent_runs, failed_runs, corrections, corrected_views)
        SELECT counted.series_id, latest_value.value, latest_value.observed_at,
               last.run_id, last.outcome, last.detail, counted.ok, counted.absent, counted.failed,
               COALESCE(dropped.n, 0), COALESCE(dropped.views, 0)
        FROM (SELECT series_id, SUM(outcome = 'ok') AS ok, SUM(outcome = 'absent') AS absent,
                     SUM(outcome NOT IN ('ok', 'absent')) AS failed
              FROM snapshot GROUP BY series_id) AS counted
        JOIN (SELECT series_id, run_id, outcome, detail,
                     ROW_NUMBER() OVER (PARTITION BY series_id ORDER BY observed_at DESC, run_id DESC) AS newest
              FROM snapshot) AS last ON last.series_id = counted.series_id AND last.newest = 1
        LEFT JOIN (SELECT series_id, value, observed_at,
                          ROW_NUMBER() OVER (PARTITION BY series_id ORDER BY observed_at DESC, run_id DESC) AS newest
                   FROM snapshot WHERE value IS NOT NULL) AS latest_value
               ON latest_value.series_id = counted.series_id AND latest_value.newest = 1
        LEFT JOIN (SELECT series_id, COUNT(*) AS n, SUM(previous_value - value) AS views
                   FROM correction GROUP BY series_id) AS dropped ON dropped.series_id = counted.series_id;
        """
}

extension SQLiteMigrations {
    /// v3: snapshots keyed by (run, series) instead of (series, run). Runs and imports write
    /// in time order, so new rows now append to the end of the table instead of landing on
    /// one page per series (a 2,000-series run touched hundreds of pages; a 10-million-row
    /// import touched a different page with every row). Everything that reads snapshots
    /// reads them by run; reports read the rollups. The by-run index is the key now.
    ///
    /// The outcome check is spelled as a chain of comparisons: SQLite builds a temporary
    /// index for an `IN (…)` list each time the statement runs, which was a fifth of the
    /// cost of every insert.
    static let v3SnapshotsByRun = """
        CREATE TABLE snapshot_v3 (
            series_id INTEGER NOT NULL REFERENCES series(id),
            run_id INTEGER NOT NULL REFERENCES run(id),
            observed_at INTEGER NOT NULL,
            value INTEGER CHECK ((outcome = 'ok') = (value IS NOT NULL)),
            outcome TEXT NOT NULL CHECK (outcome = 'ok' OR outcome = 'absent' OR outcome = 'transient'
                                         OR outcome = 'quota' OR outcome = 'auth' OR outcome = 'permanent'),
            detail TEXT,
            attempts INTEGER NOT NULL,
            PRIMARY KEY (run_id, series_id)
        ) WITHOUT ROWID;
        INSERT INTO snapshot_v3 (series_id, run_id, observed_at, value, outcome, detail, attempts)
        SELECT series_id, run_id, observed_at, value, outcome, detail, attempts FROM snapshot ORDER BY run_id, series_id;
        DROP INDEX snapshot_by_run;
        DROP TABLE snapshot;
        ALTER TABLE snapshot_v3 RENAME TO snapshot;
        """

    /// v4: a viewer count (people watching now) is not a view count. Runs stored before this
    /// were collected when the Twitch, Owncast and Facebook-live presets, and any generic
    /// source, could store viewers as views: they are marked (`figures_apart = 0`), and the
    /// next collect of their programme moves those readings into `audience_sample`
    /// (``ReachStore/separateFigures(programme:channels:)``), which needs the programme to
    /// know each channel's platform. Runs stored from now on hold views only.
    static let v4ViewsAndViewersApart = """
        ALTER TABLE run ADD COLUMN figures_apart INTEGER NOT NULL DEFAULT 1 CHECK (figures_apart = 0 OR figures_apart = 1);
        UPDATE run SET figures_apart = 0;
        CREATE TABLE audience_sample (
            series_id INTEGER NOT NULL REFERENCES series(id),
            observed_at INTEGER NOT NULL,            -- Unix seconds
            viewers INTEGER NOT NULL CHECK (viewers >= 0),
            origin TEXT NOT NULL CHECK (origin = 'live' OR origin = 'moved'),
            PRIMARY KEY (series_id, observed_at)
        ) WITHOUT ROWID;
        -- The view count read right after a live stream ended: what came later is replay.
        CREATE TABLE live_end_views (
            series_id INTEGER PRIMARY KEY REFERENCES series(id),
            observed_at INTEGER NOT NULL,
            views INTEGER NOT NULL CHECK (views >= 0)
        );
        -- Units of the YouTube quota spent per quota day (Pacific) and job, shared by every
        -- programme of the store: one API project's budget.
        CREATE TABLE quota_ledger (
            day INTEGER NOT NULL,                    -- days since 1970-01-01, Pacific time
            job TEXT NOT NULL CHECK (job = 'nightly' OR job = 'live'),
            units INTEGER NOT NULL CHECK (units >= 0),
            PRIMARY KEY (day, job)
        );
        """

    /// v5: donations entered by hand, kept apart from reach. An entry is one line of a
    /// statement: identical lines are told apart by their occurrence (the second €10 with
    /// the same reference that day), so importing a statement twice stores it once.
    static let v5Donations = """
        CREATE TABLE donation (
            programme TEXT NOT NULL,
            day INTEGER NOT NULL,                    -- days since 1970-01-01: the booking date
            amount INTEGER NOT NULL CHECK (amount <> 0), -- minor units (cents); negative: given back
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            reference TEXT NOT NULL,
            event_id TEXT NOT NULL,                  -- '': given to the series, not to one event
            source TEXT NOT NULL CHECK (length(trim(source)) > 0),
            occurrence INTEGER NOT NULL CHECK (occurrence >= 1),
            entered_at INTEGER NOT NULL,
            PRIMARY KEY (programme, day, amount, currency, reference, event_id, source, occurrence)
        ) WITHOUT ROWID;
        """

    /// v6: the last count of each series in each week (Monday to Sunday, in local days), as
    /// `series_day` holds it for the latest day of that week. A report looks up every
    /// series at every week end; on a 30-week history of 2,000 series those seeks went
    /// into 418,000 day rows instead of 60,000 week rows, and the report's cost grew with
    /// the length of the history rather than with its series and weeks. A week's row is
    /// the one of its latest day, and within that day the latest reading: the same rule as
    /// `series_day`'s, so a week end read here equals the same day read there.
    /// `monday` is the day number of the week's Monday (1970-01-01 was a Thursday).
    static let v6SeriesWeek = """
        CREATE TABLE series_week (
            series_id INTEGER NOT NULL REFERENCES series(id),
            monday INTEGER NOT NULL,
            day INTEGER NOT NULL,
            value INTEGER NOT NULL,
            observed_at INTEGER NOT NULL,
            PRIMARY KEY (series_id, monday)
        ) WITHOUT ROWID;
        INSERT INTO series_week (series_id, monday, day, value, observed_at)
        SELECT series_id, monday, day, value, observed_at FROM (
            SELECT series_id, day - ((day + 3) % 7 + 7) % 7 AS monday, day, value, observed_at,
                   ROW_NUMBER() OVER (PARTITION BY series_id, day - ((day + 3) % 7 + 7) % 7 ORDER BY day DESC) AS newest
            FROM series_day)
        WHERE newest = 1;
        """
}
