#!/usr/bin/env python3
"""The ingest peer: Python's sqlite3.executemany, one transaction, into the same schema that
`streamreach` migrated (an empty database made by `streamreach runs`-free setup: see
run.py). It reads the same CSV and writes the same run, series and snapshot rows, but no
rollups (StreamReach also builds those). Prints rows per second."""
import csv
import sqlite3
import sys
import time

database, path, programme = sys.argv[1], sys.argv[2], sys.argv[3]
started = time.perf_counter()
db = sqlite3.connect(database, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("BEGIN")
runs, series = {}, {}


def rows():
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for observed_at, event, channel, value in reader:
            t = int(observed_at)
            run = runs.get(t)
            if run is None:
                run = db.execute(
                    "INSERT INTO run (programme, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day) "
                    "VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?)", (programme, t, t, t // 86400)).lastrowid
                runs[t] = run
            key = (event, channel)
            sid = series.get(key)
            if sid is None:
                sid = db.execute("INSERT INTO series (programme, event_id, channel_id, stream_id) VALUES (?, ?, ?, '')",
                                 (programme, event, channel)).lastrowid
                series[key] = sid
            yield (sid, run, t, int(value) if value else None, "ok" if value else "absent")


db.executemany("INSERT INTO snapshot (series_id, run_id, observed_at, value, outcome, detail, attempts) VALUES (?, ?, ?, ?, ?, NULL, 1)", rows())
count = db.execute("SELECT COUNT(*) FROM snapshot").fetchone()[0]
db.execute("COMMIT")
elapsed = time.perf_counter() - started
print(f"{count} rows in {elapsed:.2f} s: {count / elapsed:.0f} rows/s")
