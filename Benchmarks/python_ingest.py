#!/usr/bin/env python3
"""The ingest peer, in its best honest setup: Python's csv + sqlite3.executemany in one
transaction into a plain table keyed by its natural primary key (event, channel,
observed_at), with the same pragmas as `streamreach import-snapshots` (WAL, a 256 MiB page
cache). It builds no rollups; a small series table is kept for the report peer's seeks.
Prints rows per second."""
import csv
import sqlite3
import sys
import time

database, path = sys.argv[1], sys.argv[2]
started = time.perf_counter()
db = sqlite3.connect(database, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA cache_size=-262144")
db.executescript("""
    CREATE TABLE IF NOT EXISTS snapshot (
        event TEXT NOT NULL, channel TEXT NOT NULL, observed_at INTEGER NOT NULL, value INTEGER,
        PRIMARY KEY (event, channel, observed_at)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS series (event TEXT NOT NULL, channel TEXT NOT NULL, PRIMARY KEY (event, channel)) WITHOUT ROWID;
""")
db.execute("BEGIN")
series = set()


def rows():
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for observed_at, event, channel, value in reader:
            series.add((event, channel))
            yield (event, channel, int(observed_at), int(value) if value else None)


db.executemany("INSERT INTO snapshot (event, channel, observed_at, value) VALUES (?, ?, ?, ?)", rows())
db.executemany("INSERT OR IGNORE INTO series (event, channel) VALUES (?, ?)", sorted(series))
db.execute("COMMIT")
elapsed = time.perf_counter() - started
print(f"rows in {elapsed:.2f} s")
