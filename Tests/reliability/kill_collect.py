#!/usr/bin/env python3
"""Kills `streamreach collect` with SIGKILL at random moments against a slow loopback
server, then checks that the database is intact, that every stored run is complete, and
that the next run works. Also starts two collects at once and checks that exactly one
runs. Prints one line per check and a closing `N passed, N failed` line.

    python3 Tests/reliability/kill_collect.py --binary .build/debug/streamreach --kills 50
"""
import argparse
import http.server
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


class SlowHandler(http.server.BaseHTTPRequestHandler):
    delay = 0.02

    def do_GET(self):
        time.sleep(self.delay)
        body = json.dumps({"views": random.randint(100, 10_000)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A killed client leaves broken pipes behind: expected here, not worth a traceback.
        pass


def write_files(folder, port, events):
    programme = os.path.join(folder, "programme.yaml")
    sources = os.path.join(folder, "sources.yaml")
    with open(programme, "w") as f:
        f.write("series: {id: kill, title: Kill test, time-zone: UTC, first-day: 2020-03-23, weeks: 4}\n")
        f.write("stages: [{id: hall}]\nchannels: [{id: tube, platform: peertube}]\nevents:\n")
        for i in range(events):
            day = 23 + i % 7
            f.write(f"  - {{id: e{i}, title: E{i}, kind: talk, start: \"2020-03-{day} {i % 24:02d}:00\", streams: {{tube: v{i}}}}}\n")
    with open(sources, "w") as f:
        f.write("settings: {concurrency: 8, timeout: 5s, max-attempts: 1}\n")
        f.write(f"sources:\n  tube: {{platform: peertube, base-url: \"http://127.0.0.1:{port}\"}}\n")
    return programme, sources


def has_schema(db):
    """A run killed while its first open was migrating leaves a file without tables: the
    migration's transaction never committed, and the next run makes them. That is intact."""
    return db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'run'").fetchone()[0] == 1


def check_database(path):
    """Problems found, or [] when the file is intact and every run is whole."""
    if not os.path.exists(path):
        return []
    db = sqlite3.connect(path)
    try:
        problems = []
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        if not has_schema(db):
            return problems
        for run_id, expected, got in db.execute(
            "SELECT run.id, run.series_count, COUNT(snapshot.run_id) FROM run "
            "LEFT JOIN snapshot ON snapshot.run_id = run.id GROUP BY run.id"
        ):
            if expected != got:
                problems.append(f"run {run_id} has {got} snapshots, expected {expected}")
        orphans = db.execute("SELECT COUNT(*) FROM snapshot WHERE run_id NOT IN (SELECT id FROM run)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} snapshots without their run")
        return problems
    finally:
        db.close()


def run_count(path):
    if not os.path.exists(path):
        return 0
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM run").fetchone()[0] if has_schema(db) else 0
    finally:
        db.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--events", type=int, default=240)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    random.seed(seed)

    server = QuietServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = tempfile.mkdtemp(prefix="streamreach-kill-")
    programme, sources = write_files(folder, server.server_address[1], args.events)
    database = os.path.join(folder, "reach.sqlite")
    command = [args.binary, "collect", programme, "--sources", sources, "--db", database, "--now", "2020-04-20T02:00:00Z"]
    passed = failed = 0
    killed_mid_run = 0
    print(f"seed {seed}, {args.events} series, database {database}")

    for attempt in range(1, args.kills + 1):
        before = run_count(database)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(random.uniform(0.0, 1.2))
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait()
        after = run_count(database)
        problems = check_database(database)
        if not finished:
            killed_mid_run += 1
            # A killed run is stored whole or not at all: at most one new run.
            if after - before not in (0, 1):
                problems.append(f"run count went from {before} to {after}")
        if problems:
            failed += 1
            print(f"kill {attempt}: FAILED: {'; '.join(problems)}")
        else:
            passed += 1

    # The next night works, whatever the kills left behind (a stale lock included).
    final = subprocess.run(command, capture_output=True, text=True)
    if final.returncode == 0 and not check_database(database):
        passed += 1
        print("run after the kills: ok")
    else:
        failed += 1
        print(f"run after the kills: FAILED (exit {final.returncode}) {final.stderr.strip()}")

    # Two runs started together: one runs, the other exits 75 at once; one new run stored.
    before = run_count(database)
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Start the second once the first holds the lock (it writes its pid into the lock
    # file): a fixed pause was too short on a loaded machine, and both then ran in turn.
    lock_note = database + ".lock"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and first.poll() is None:
        try:
            with open(lock_note) as f:
                if f"pid {first.pid} " in f.read():
                    break
        except OSError:
            pass
        time.sleep(0.01)
    second = subprocess.run(command, capture_output=True, text=True)
    first.wait()
    if first.returncode == 0 and second.returncode == 75 and "another collect run holds" in second.stderr and run_count(database) == before + 1:
        passed += 1
        print("two runs at once: one ran, the other exited 75")
    else:
        failed += 1
        print(f"two runs at once: FAILED (exits {first.returncode}, {second.returncode}; runs {before} -> {run_count(database)})")

    print(f"{killed_mid_run} of {args.kills} runs were killed mid-run; {run_count(database)} runs stored")
    print(f"{passed} passed, {failed} failed")
    server.shutdown()
    # Kept when something failed, for a look at the database; every test run left one before.
    if failed:
        print(f"files kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
