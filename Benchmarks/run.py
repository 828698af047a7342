#!/usr/bin/env python3
"""`make bench` (SIZE=small) and `make bench SIZE=full`: measures streamreach (release
build) side by side with the tool a user would otherwise reach for, in one run, on the same
data, and writes the table to BENCHMARKS.md. Generated data goes to .build-bench/ (ignored)."""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "streamreach")
LIVEBENCH = os.path.join(ROOT, ".build", "release", "streamreach-livebench")
WORK = os.path.join(ROOT, ".build-bench")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402
import board_bench  # noqa: E402
import planner_bench  # noqa: E402

# Histories: (name, series, snapshots, minutes between snapshots). The 3-million one has the
# shape of an independent check (1,200 series on a 15-minute grid); the 10-million one spans
# 30 weeks hourly. Both in Europe/Berlin, so the summer-time change falls into week 1.
SIZES = {
    "small": dict(collect=500, collect_rss=2000, histories=[("100k", 200, 500, 60)], small_snapshots=5, runs=5, big_runs=3,
                  network=("100k", 200, 500, 60), live_cycles=100, soak_cycles=1000),
    "full": dict(collect=2000, collect_rss=10000, histories=[("3m", 1200, 2600, 15), ("10m", 2000, 5000, 60)],
                 small_snapshots=5, runs=5, big_runs=3, network=("100k", 200, 500, 60), live_cycles=1000, soak_cycles=10000),
}
ZONE = "Europe/Berlin"
SECTION_NAMES = ["startup", "planning", "collection", "ingest", "reports", "postgres", "live", "board", "planner"]
LATENCY_MS = 20
CONCURRENCY = 64
results = []  # (section, what, value, goal, verdict)


def path(name):
    return os.path.join(WORK, name)


def sh(command, **kwargs):
    return subprocess.run(command, shell=True, check=True, capture_output=True, text=True, **kwargs)


def hyperfine(commands, runs, prepare=None, name="h"):
    """Median seconds of each command, measured in one hyperfine run."""
    return [median for median, _ in hyperfine_full(commands, runs, prepare, name)]


def hyperfine_full(commands, runs, prepare=None, name="h"):
    """Median wall seconds and mean user+sys CPU seconds of each command, in one hyperfine run."""
    out = path(f"{name}.json")
    args = ["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", "1", "--export-json", out]
    if prepare:
        args += ["--prepare", prepare]
    subprocess.run(args + commands, check=True, capture_output=True, text=True)
    with open(out) as f:
        return [(r["median"], r["user"] + r["system"]) for r in json.load(f)["results"]]


def alternating(commands, runs):
    """Median wall seconds and mean user+sys CPU seconds of each command (argument lists, run
    without a shell), the commands taking turns run by run (ABAB…, the order reversed every
    other round) after one warm-up round each.

    hyperfine runs all of one command's runs before the next command's, so anything that drifts
    over a minute (another guest on the host, the server's own state) lands on one side of the
    ratio. The collection goals are ratios a few per cent wide, so they are measured taking
    turns, as the issue measured them. (Back to back against the Python server, 30 runs each:
    blocks 1.078x and 1.064x, taking turns 1.052x and 1.072x. Two measurements of one kind
    differ as much as the kinds do; taking turns removes a bias, not the noise.)"""
    def once(command):
        # stderr into a file, not a pipe: nothing reads a pipe until wait4 returns, so a child
        # writing more than the pipe holds would never exit.
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
            if os.waitstatus_to_exitcode(status) != 0:
                errors.seek(0)
                raise RuntimeError(f"{' '.join(command)} failed: {errors.read().decode()[-500:]}")
        return wall, usage.ru_utime + usage.ru_stime

    for command in commands:
        once(command)
    timings = [[] for _ in commands]
    for round_number in range(runs):
        order = range(len(commands)) if round_number % 2 == 0 else reversed(range(len(commands)))
        for index in order:
            timings[index].append(once(commands[index]))
    return [(statistics.median(wall for wall, _ in runs_of), statistics.mean(cpu for _, cpu in runs_of))
            for runs_of in timings]


def peak_rss_mb(command, runs=3, prepare=None):
    values = []
    for _ in range(runs):
        if prepare:
            sh(prepare)
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", command], capture_output=True, text=True)
        values.append(int(r.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(values)


def record(section, what, value, goal="", ok=None):
    verdict = "" if ok is None else ("met" if ok else "MISSED")
    results.append((section, what, value, goal, verdict))
    print(f"{section:12} {what:58} {value:>16} {goal:>18} {verdict}")


SERVERS = {
    "Node": lambda: ["node", os.path.join(ROOT, "Benchmarks", "latency_server.js"), str(LATENCY_MS)],
    "Python asyncio": lambda: ["python3", os.path.join(ROOT, "Benchmarks", "latency_server.py"), str(LATENCY_MS)],
}


def collect_setup(port, count, concurrency, tag):
    generate.programme(path(f"collect-{count}.yaml"), count, weeks=30)
    sources = path(f"sources-{tag}.yaml")
    with open(sources, "w") as f:
        f.write(f"settings: {{concurrency: {concurrency}, connections-per-host: {concurrency}, timeout: 30s, max-attempts: 1}}\n")
        f.write(f"sources:\n  tube: {{platform: peertube, base-url: \"http://127.0.0.1:{port}\"}}\n")
    urls = path(f"urls-{tag}.txt")
    with open(urls, "w") as f:
        for i in range(count):
            f.write(f"url = \"http://127.0.0.1:{port}/api/v1/videos/v{i}\"\noutput = \"/dev/null\"\n")
    db = path(f"collect-{tag}.sqlite")
    command = [BIN, "collect", path(f"collect-{count}.yaml"), "--sources", sources, "--now", "2020-12-31T00:00:00Z", "--db", db]
    # A nightly run writes into the database of the nights before: made once, untimed.
    sh(f"rm -f {db}*")
    subprocess.run(command, check=True, capture_output=True)
    return command, urls


def bench_collection(size):
    n, n_rss = size["collect"], size["collect_rss"]
    for server_name, server_command in SERVERS.items():
        server = subprocess.Popen(server_command(), stdout=subprocess.PIPE, text=True)
        port = int(server.stdout.readline())
        tag = server_name.split()[0].lower()
        try:
            # Sequential: one request at a time, against curl reading the same URLs one by one.
            ours, urls = collect_setup(port, 100, 1, f"{tag}-c1")
            (mine, _), (theirs, _) = alternating([ours, ["curl", "--silent", "-K", urls]], size["runs"])
            record("collection", f"[{server_name}] concurrency 1, 100 series: streamreach {mine:.3f} s, curl -K {theirs:.3f} s",
                   f"{mine / theirs:.3f}x", "<= 1.05x", mine / theirs <= 1.05)
            # Parallel: the nightly job's real shape.
            ours, urls = collect_setup(port, n, CONCURRENCY, f"{tag}-c{CONCURRENCY}")
            curl = ["curl", "--silent", "--parallel", "--parallel-max", str(CONCURRENCY), "-K", urls]
            # Six times the runs: the two are within a few per cent, one run's wall time varies
            # by ~3 % (σ), and medians of 10 runs still moved the ratio by ±0.02 between
            # sections; 30 runs bring its standard error to about 0.01.
            (mine, my_cpu), (theirs, their_cpu) = alternating([ours, curl], 6 * size["runs"])
            limit = n * LATENCY_MS / 1000 / CONCURRENCY
            record("collection", f"[{server_name}] concurrency {CONCURRENCY}, {n} series: streamreach {mine:.3f} s, "
                   f"curl --parallel {theirs:.3f} s", f"{mine / theirs:.3f}x", "<= 1.05x", mine / theirs <= 1.05)
            curl_share = limit / theirs
            record("collection", f"[{server_name}] share of the physical limit {limit:.3f} s (N x {LATENCY_MS} ms / {CONCURRENCY}); "
                   f"curl: {100 * curl_share:.0f} %", f"{100 * limit / mine:.0f} %", ">= 90 % where curl is",
                   limit / mine >= 0.9 if curl_share >= 0.9 else None)
            record("collection", f"[{server_name}] user+sys CPU, {n} series: streamreach vs curl",
                   f"{my_cpu * 1000:.0f} ms / {their_cpu * 1000:.0f} ms")
            if server_name == "Node":
                rss = peak_rss_mb(shlex.join(ours))
                record("collection", f"peak RSS streamreach, {n} series (curl: {peak_rss_mb(shlex.join(curl)):.0f} MB)", f"{rss:.0f} MB")
                db = path("collect-rss.sqlite")
                big = f"{BIN} collect {path(f'collect-{n_rss}.yaml')} --sources {path(f'sources-{tag}-c{CONCURRENCY}.yaml')} --db {db} --now 2020-12-31T00:00:00Z"
                generate.programme(path(f"collect-{n_rss}.yaml"), n_rss, weeks=30)
                rss_big = peak_rss_mb(big, prepare=f"rm -f {db}*")
                record("collection", f"peak RSS streamreach, {n_rss} series", f"{rss_big:.0f} MB", "<= 100 MB", rss_big <= 100)
        finally:
            server.terminate()
            server.wait()


def live_urls(port, streams, file):
    """The requests of one live cycle over `streams` streams, as the poller makes them (40 %
    YouTube 50 ids a call, 40 % Twitch 100 logins a call, 20 % PeerTube one each), for curl."""
    youtube, twitch = streams * 2 // 5, streams * 2 // 5
    base = f"http://127.0.0.1:{port}"
    urls = [f"{base}/youtube/v3/videos?part=statistics,liveStreamingDetails&id=" + ",".join(f"v{i}" for i in range(s, min(s + 50, youtube)))
            + "&key=bench-key" for s in range(0, youtube, 50)]
    urls += [f"{base}/helix/streams?first=100&" + "&".join(f"user_login=venue{i}" for i in range(s, min(s + 100, twitch)))
             for s in range(0, twitch, 100)]
    urls += [f"{base}/api/v1/videos/p{i}" for i in range(youtube + twitch, streams)]
    with open(file, "w") as f:
        for url in urls:
            f.write(f"url = \"{url}\"\noutput = \"/dev/null\"\n")
    return len(urls)


def bench_live(size):
    """The live poller (issue 13): 5,000 streams polled every second, 15 times the goal's
    rate (every 15 s), so 1,000 cycles fit in 17 minutes and any drift has less room to
    hide; against both stand-in servers. Then 500 streams over a compressed day on a
    simulated clock: CPU per cycle (its share of a 60 s interval) and resident memory."""
    streams, cycles, interval = 5000, size["live_cycles"], 1.0
    for server_name, server_command in SERVERS.items():
        server = subprocess.Popen(server_command(), stdout=subprocess.PIPE, text=True)
        port = int(server.stdout.readline())
        tag = server_name.split()[0].lower()
        try:
            out = path(f"live-grid-{tag}.json")
            sh(f"{LIVEBENCH} grid http://127.0.0.1:{port} {streams} {cycles} {interval} {out}")
            with open(out) as f:
                grid = json.load(f)
            urls = path(f"live-urls-{tag}.txt")
            requests = live_urls(port, streams, urls)
            (curl,) = hyperfine([f"curl --silent --parallel --parallel-max {CONCURRENCY} -K {urls}"], size["runs"], name=f"live-curl-{tag}")
            cycle = grid["cycleSeconds"]
            record("live", f"[{server_name}] {streams} streams every {interval:.0f} s, {grid['cycles']} cycles: cycle p99 "
                   f"(p50 {cycle['p50']:.2f} s, max {cycle['max']:.2f} s)", f"{cycle['p99']:.2f} s", "<= 1 s", cycle["p99"] <= 1.0)
            late = grid["latenessSeconds"]
            record("live", f"[{server_name}] start of cycles against their grid: drift p99 (max {1000 * late['max']:.1f} ms)",
                   f"{1000 * late['p99']:.1f} ms", "< 250 ms", late["p99"] < 0.25)
            record("live", f"[{server_name}] one cycle ({requests} requests, {grid['samples'] // max(1, grid['cycles'])} samples stored) "
                   f"against curl --parallel fetching the same URLs ({curl:.3f} s)", f"{cycle['p50'] / curl:.2f}x")
            record("live", f"[{server_name}] user+sys CPU per cycle; failed polls", f"{1000 * grid['cpuSecondsPerCycle']:.0f} ms; {grid['failedPolls']}")
            if server_name == "Node":
                out = path("live-soak.json")
                sh(f"{LIVEBENCH} soak http://127.0.0.1:{port} 500 {size['soak_cycles']} 8.64 {out}")
                with open(out) as f:
                    soak = json.load(f)
                share = soak["cpuSecondsPerCycle"] / 60
                record("live", f"500 streams every 60 s: CPU per cycle {1000 * soak['cpuSecondsPerCycle']:.1f} ms, as a share of one core",
                       f"{100 * share:.2f} %", "< 2 %", share < 0.02)
                rss = soak["rssKB"]  # [cycle, VmRSS, RssAnon, RssFile] every 100 cycles
                growth = (rss[-1][1] - rss[0][1]) / 1024
                record("live", f"500 streams, {soak['cycles']} cycles (simulated clock): resident memory from cycle {rss[0][0]} "
                       f"to {rss[-1][0]} ({rss[0][1] / 1024:.1f} to {rss[-1][1] / 1024:.1f} MB; own memory {rss[0][2] / 1024:.1f} to "
                       f"{rss[-1][2] / 1024:.1f} MB)", f"{growth:+.2f} MB", "< 5 MB", growth < 5)
        finally:
            server.terminate()
            server.wait()


def history_files(name, series, snapshots, minutes):
    """The history CSV and its programme, made once per size (deterministic)."""
    folder = path(f"history-{name}")
    os.makedirs(folder, exist_ok=True)
    csv_path, programme = os.path.join(folder, "history.csv"), os.path.join(folder, "programme.yaml")
    if not os.path.exists(csv_path):
        print(f"generating the {name} history …", flush=True)
        generate.history(csv_path, series, snapshots, spacing_minutes=minutes)
    generate.programme(programme, series, weeks=30, zone=ZONE)
    rows = sum(1 for _ in open(csv_path)) - 1
    return folder, csv_path, programme, rows


def bench_ingest(size):
    for name, series, snapshots, minutes in size["histories"]:
        folder, csv_path, programme, rows = history_files(name, series, snapshots, minutes)
        ours_db, peer_db = os.path.join(folder, "ours.sqlite"), os.path.join(folder, "peer.sqlite")
        ours = f"{BIN} import-snapshots {programme} {csv_path} --db {ours_db}"
        peer = f"python3 {os.path.join(ROOT, 'Benchmarks', 'python_ingest.py')} {peer_db} {csv_path}"
        prepare = f"rm -f {ours_db}* {peer_db}*"
        mine, theirs = hyperfine([ours, peer], size["big_runs"], prepare=prepare, name=f"ingest-{name}")
        record("ingest", f"{rows:,} rows: streamreach import-snapshots (+ rollups) {rows / mine:,.0f} rows/s; "
               f"Python executemany, natural key, same pragmas and cache {rows / theirs:,.0f} rows/s",
               f"{theirs / mine:.2f}x", ">= 1.0x", theirs / mine >= 1.0)
        # Leave both databases for the report section.
        sh(prepare)
        sh(ours)
        sh(peer)


def week_bounds(weeks):
    """Each programme week's end (Monday 00:00 of the next week, Europe/Berlin) in Unix seconds."""
    from zoneinfo import ZoneInfo
    first = datetime.datetime(2020, 3, 23, tzinfo=ZoneInfo(ZONE))
    return [(w, int((first + datetime.timedelta(days=7 * w)).timestamp())) for w in range(1, weeks + 1)]


def bench_reports(size):
    import duckdb
    for name, series, snapshots, minutes in size["histories"]:
        folder, csv_path, programme, rows = history_files(name, series, snapshots, minutes)
        ours_db, peer_db = os.path.join(folder, "ours.sqlite"), os.path.join(folder, "peer.sqlite")
        if not (os.path.exists(ours_db) and os.path.exists(peer_db)):
            sh(f"rm -f {ours_db}* {peer_db}* && {BIN} import-snapshots {programme} {csv_path} --db {ours_db}")
            sh(f"python3 {os.path.join(ROOT, 'Benchmarks', 'python_ingest.py')} {peer_db} {csv_path}")
        span_weeks = (snapshots * minutes) // (7 * 24 * 60)
        week = max(1, span_weeks)
        bounds = ", ".join(f"({w}, {t})" for w, t in week_bounds(week))
        # The tuned peer: per series and week end, one seek through the natural key.
        seek_sql = (f"WITH bounds(week, t) AS (VALUES {bounds}) "
                    "SELECT b.week, SUM((SELECT value FROM snapshot s WHERE s.event = x.event AND s.channel = x.channel "
                    "AND s.observed_at < b.t AND s.value IS NOT NULL ORDER BY s.observed_at DESC LIMIT 1)) "
                    "FROM bounds b CROSS JOIN series x GROUP BY b.week ORDER BY b.week;")
        with open(os.path.join(folder, "seek.sql"), "w") as f:
            f.write(seek_sql + "\n")
        duck_db = os.path.join(folder, "history.duckdb")
        if not os.path.exists(duck_db):
            c = duckdb.connect(duck_db)
            c.execute(f"CREATE TABLE snapshot AS SELECT * FROM read_csv('{csv_path}', header=true, "
                      "columns={'observed_at':'BIGINT','event':'VARCHAR','channel':'VARCHAR','value':'BIGINT'})")
            c.execute("CREATE TABLE series AS SELECT DISTINCT event, channel FROM snapshot")
            c.close()
        duck_sql = (f"WITH bounds(week, t) AS (VALUES {bounds}) "
                    "SELECT b.week, SUM(s.value) FROM (SELECT * FROM series CROSS JOIN bounds) b "
                    "ASOF JOIN (SELECT * FROM snapshot WHERE value IS NOT NULL) s "
                    "ON b.event = s.event AND b.channel = s.channel AND b.t > s.observed_at "
                    "GROUP BY b.week ORDER BY b.week")
        duck_script = os.path.join(folder, "weekly_duckdb.py")
        with open(duck_script, "w") as f:
            f.write("import sys, time, duckdb\n"
                    f"c = duckdb.connect({duck_db!r}, read_only=True)\nq = {duck_sql!r}\n"
                    "if len(sys.argv) > 1:\n"
                    "    times = []\n"
                    "    for _ in range(int(sys.argv[1])):\n"
                    "        t = time.perf_counter(); c.execute(q).fetchall(); times.append(time.perf_counter() - t)\n"
                    "    print(sorted(times)[len(times) // 2])\n"
                    "else:\n"
                    "    for row in c.execute(q).fetchall(): print(*row)\n")
        report = f"{BIN} report {programme} --db {ours_db} --week {week} --format json"
        sqlite_cmd = f"sqlite3 {peer_db} < {os.path.join(folder, 'seek.sql')}"
        duck_cmd = f"python3 {duck_script}"
        # The same totals, or the comparison means nothing.
        ours_weeks = {p["week"]: p["cumulative"] for p in json.loads(sh(report).stdout)["pacing"]["weeks"]}
        sqlite_weeks = {int(a): int(b) for a, b in (line.split("|") for line in sh(sqlite_cmd).stdout.split())}
        duck_weeks = {int(a): int(b) for a, b in (line.split() for line in sh(duck_cmd).stdout.strip().splitlines())}
        agree = all(ours_weeks.get(w) == sqlite_weeks.get(w) == duck_weeks.get(w) for w in range(1, week + 1))
        record("reports", f"{rows:,} rows: weekly totals of weeks 1-{week} agree (streamreach, sqlite3 seek, DuckDB ASOF)",
               "yes" if agree else "NO", "same totals", agree)
        mine, sqlite_time, duck_time = hyperfine([report, sqlite_cmd, duck_cmd], size["runs"], name=f"report-{name}")
        duck_query = float(sh(f"{duck_cmd} 7").stdout.strip())
        record("reports", f"{rows:,} rows: streamreach report --week {week} (whole process, whole report) {mine * 1000:.0f} ms; "
               f"sqlite3 CLI seek query {sqlite_time * 1000:.0f} ms", f"{mine / sqlite_time:.2f}x", "<= 1.5x", mine / sqlite_time <= 1.5)
        record("reports", f"{rows:,} rows: DuckDB ASOF query alone {duck_query * 1000:.0f} ms (whole process {duck_time * 1000:.0f} ms); "
               f"streamreach {mine * 1000:.0f} ms", f"{duck_query / mine:.2f}x faster" if mine < duck_query else f"{mine / duck_query:.2f}x slower",
               "faster than the query", mine < duck_query)
        if name == size["histories"][-1][0]:
            # The same weeks with 1,000 times fewer snapshots: the report's cost must follow
            # series and weeks, not the length of the history.
            small_csv, small_db = os.path.join(folder, "small.csv"), os.path.join(folder, "small.sqlite")
            generate.history(small_csv, series, size["small_snapshots"], spacing_minutes=minutes * snapshots // size["small_snapshots"])
            sh(f"rm -f {small_db}* && {BIN} import-snapshots {programme} {small_csv} --db {small_db}")
            report_small = f"{BIN} report {programme} --db {small_db} --week {week} --format json"
            big, small = hyperfine([report, report_small], size["runs"], name=f"report-small-{name}")
            record("reports", f"report --week {week}: {rows:,} snapshots {big * 1000:.0f} ms, "
                   f"{series * size['small_snapshots']:,} over the same weeks {small * 1000:.0f} ms", f"{big / small:.2f}x", "<= 2x", big / small <= 2)
            rss = peak_rss_mb(report)
            record("reports", f"peak RSS streamreach report, {rows:,} snapshots", f"{rss:.0f} MB", "<= 100 MB", rss <= 100)


class Cluster:
    """A throwaway PostgreSQL 15 cluster (Tests/postgres/cluster.sh), the same for streamreach
    and for psql, removed at the end."""

    def __enter__(self):
        self.folder = f"/tmp/streamreach-bench-pg-{os.getpid()}"
        self.admin = sh(f"{ROOT}/Tests/postgres/cluster.sh start {self.folder}").stdout.strip()
        self.base = self.admin.rsplit("/", 1)[0]
        return self

    def __exit__(self, *args):
        subprocess.run([f"{ROOT}/Tests/postgres/cluster.sh", "stop", self.folder], check=False)

    def url(self, database):
        return f"{self.base}/{database}?sslmode=disable"

    def psql(self, database, sql):
        return sh(f"psql -X -q -tA -v ON_ERROR_STOP=1 '{self.url(database)}' -c \"{sql}\"").stdout.strip()

    def settle(self, *databases):
        """VACUUM (ANALYZE) after a bulk load, as PostgreSQL's documentation advises. Without
        it, autovacuum of the 10 M-row tables ran through the timed steps that followed
        (seen: 10 s of the eight-writer step's 25 s), for streamreach and its peer alike."""
        for database in databases:
            self.psql(database, "VACUUM (ANALYZE)")

    def reset(self, database):
        return (f"psql -X -q '{self.url('postgres')}' -c 'DROP DATABASE IF EXISTS {database} WITH (FORCE)' "
                f"-c 'CREATE DATABASE {database}'")


def renamed_programme(source, target, programme_id, stream_prefix=""):
    with open(source) as f:
        text = f.read().replace("id: bench,", f"id: {programme_id},", 1)
    if stream_prefix:
        text = text.replace("{tube: v", "{tube: " + stream_prefix + "v")
    with open(target, "w") as f:
        f.write(text)
    return target


def bench_postgres(size):
    with Cluster() as pg:
        for name, series, snapshots, minutes in size["histories"]:
            big = name == size["histories"][-1][0]
            folder, csv_path, programme, rows = history_files(name, series, snapshots, minutes)
            # Ingest: import-snapshots (COPY, rollups included) against psql \copy of the same
            # CSV into a plain table keyed by the natural key.
            db = f"ingest_{name}"
            ours = f"{BIN} import-snapshots {programme} {csv_path} --db '{pg.url(db)}'"
            peer_sql = ("CREATE TABLE raw (observed_at bigint, event text COLLATE \\\"C\\\", channel text COLLATE \\\"C\\\", value bigint, "
                        "PRIMARY KEY (event, channel, observed_at))")
            peer = f"psql -X -q '{pg.url('peer_' + db)}' -c \"\\\\copy raw FROM '{csv_path}' WITH (FORMAT csv, HEADER true)\""
            prepare = f"{pg.reset(db)} && {pg.reset('peer_' + db)} && psql -X -q '{pg.url('peer_' + db)}' -c \"{peer_sql}\""
            mine, theirs = hyperfine([ours, peer], size["big_runs"], prepare=prepare, name=f"pg-ingest-{name}")
            record("postgres", f"{rows:,} rows into PostgreSQL: import-snapshots (+ rollups) {rows / mine:,.0f} rows/s; "
                   f"psql \\copy into a table with the natural key {rows / theirs:,.0f} rows/s",
                   f"{theirs / mine:.2f}x", ">= 0.5x", theirs / mine >= 0.5)
            sh(prepare)
            sh(ours)
            sh(peer)
            sh(f"psql -X -q '{pg.url('peer_' + db)}' -c 'CREATE TABLE series AS SELECT DISTINCT event, channel FROM raw' -c 'ANALYZE'")
            pg.settle(db, "peer_" + db)
            # Reports: the whole report against a hand-written weekly-totals query over the raw
            # snapshots in psql (one index seek per series and week end).
            week = max(1, (snapshots * minutes) // (7 * 24 * 60))
            bounds = ", ".join(f"({w}, {t})" for w, t in week_bounds(week))
            seek = (f"WITH bounds(week, t) AS (VALUES {bounds}) SELECT b.week, SUM(v.value) FROM bounds b CROSS JOIN series x "
                    "CROSS JOIN LATERAL (SELECT value FROM raw s WHERE s.event = x.event AND s.channel = x.channel "
                    "AND s.observed_at < b.t AND s.value IS NOT NULL ORDER BY s.observed_at DESC LIMIT 1) v GROUP BY b.week ORDER BY b.week")
            seek_file = os.path.join(folder, "seek-pg.sql")
            with open(seek_file, "w") as f:
                f.write(seek + ";\n")
            report = f"{BIN} report {programme} --db '{pg.url(db)}' --week {week} --format json"
            peer_report = f"psql -X -q -tA -F ' ' '{pg.url('peer_' + db)}' -f {seek_file}"
            ours_weeks = {p["week"]: p["cumulative"] for p in json.loads(sh(report).stdout)["pacing"]["weeks"]}
            peer_weeks = {int(a): int(b) for a, b in (line.split() for line in sh(peer_report).stdout.strip().splitlines())}
            agree = all(ours_weeks.get(w) == peer_weeks.get(w) for w in range(1, week + 1))
            record("postgres", f"{rows:,} rows: weekly totals of weeks 1-{week} agree (streamreach, psql seek query)",
                   "yes" if agree else "NO", "same totals", agree)
            mine, theirs = hyperfine([report, peer_report], size["runs"], name=f"pg-report-{name}")
            # The goal is set for the 10-million-snapshot history; the smaller one is shown as measured.
            record("postgres", f"{rows:,} rows: report --week {week} (whole process) {mine * 1000:.0f} ms; "
                   f"psql weekly-totals query {theirs * 1000:.0f} ms", f"{theirs / mine:.2f}x faster" if mine < theirs else f"{mine / theirs:.2f}x slower",
                   "faster" if big else "", (mine < theirs) if big else None)
            if big:
                small_csv, small_db = os.path.join(folder, "small.csv"), "report_small"
                generate.history(small_csv, series, size["small_snapshots"], spacing_minutes=minutes * snapshots // size["small_snapshots"])
                sh(f"{pg.reset(small_db)} && {BIN} import-snapshots {programme} {small_csv} --db '{pg.url(small_db)}'")
                pg.settle(small_db)
                report_small = f"{BIN} report {programme} --db '{pg.url(small_db)}' --week {week} --format json"
                large, small = hyperfine([report, report_small], size["runs"], name=f"pg-report-small-{name}")
                record("postgres", f"report --week {week} in PostgreSQL: {rows:,} snapshots {large * 1000:.0f} ms, "
                       f"{series * size['small_snapshots']:,} {small * 1000:.0f} ms", f"{large / small:.2f}x", "<= 2x", large / small <= 2)
        bench_network_report(size, pg)
        bench_many_writers(size, pg)


def bench_network_report(size, pg):
    """report --network over 10 programmes against one programme's whole-series report."""
    name, series, snapshots, minutes = size["network"]
    folder, csv_path, programme, rows = history_files(name, series, snapshots, minutes)
    db = "network"
    sh(pg.reset(db))
    files = []
    for index in range(10):
        venue = renamed_programme(programme, os.path.join(folder, f"venue{index}.yaml"), f"venue{index}")
        sh(f"{BIN} import-snapshots {venue} {csv_path} --db '{pg.url(db)}'")
        files.append(venue)
    pg.settle(db)
    single = f"{BIN} report {files[0]} --db '{pg.url(db)}' --all --format json"
    network = f"{BIN} report --network {' '.join(files)} --db '{pg.url(db)}' --format json"
    one, ten = hyperfine([single, network], size["runs"], name="pg-network")
    record("postgres", f"report --network, 10 programmes x {rows:,} snapshots {ten * 1000:.0f} ms; one programme's "
           f"report --all {one * 1000:.0f} ms", f"{ten / one:.2f}x", "<= 3x", ten / one <= 3)


def bench_many_writers(size, pg):
    """8 collect processes (8 programmes) at once into one PostgreSQL, against one alone."""
    count = size["collect"]
    server = subprocess.Popen(SERVERS["Node"](), stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline())
    try:
        base = path(f"collect-{count}.yaml")
        generate.programme(base, count, weeks=30)
        sources = path("sources-pg.yaml")
        with open(sources, "w") as f:
            f.write(f"settings: {{concurrency: {CONCURRENCY}, connections-per-host: {CONCURRENCY}, timeout: 30s, max-attempts: 1}}\n")
            f.write(f"sources:\n  tube: {{platform: peertube, base-url: \"http://127.0.0.1:{port}\"}}\n")
        db = "writers"
        sh(pg.reset(db))
        venues = [renamed_programme(base, path(f"writer{index}.yaml"), f"writer{index}", f"w{index}-") for index in range(8)]
        commands = [f"{BIN} collect {venue} --sources {sources} --db '{pg.url(db)}' --now 2020-12-31T00:00:00Z" for venue in venues]
        for command in commands:
            sh(command)  # the nights before: series and rollups exist, as on a real night
        script = path("eight-writers.sh")
        with open(script, "w") as f:
            f.write("#!/bin/sh\nstatus=0\npids=''\n" + "".join(f"{c} & pids=\"$pids $!\"\n" for c in commands)
                    + "for pid in $pids; do wait $pid || status=1; done\nexit $status\n")
        before = int(pg.psql(db, "SELECT count(*) FROM snapshot"))
        runs_before = int(pg.psql(db, "SELECT count(*) FROM run"))
        # Three times the runs: with 5, the ratio moved between 1.43x and 1.58x from one
        # section to the next on an unchanged build.
        writer_runs = 3 * size["runs"]
        alone, eight = hyperfine([commands[0], f"sh {script}"], writer_runs, name="pg-writers")
        after = int(pg.psql(db, "SELECT count(*) FROM snapshot"))
        runs = int(pg.psql(db, "SELECT count(*) FROM run")) - runs_before
        expected_runs = (writer_runs + 1) * 9  # warm-up + runs; one collect alone, then eight at once
        complete = runs == expected_runs and after - before == runs * count
        failed = int(pg.psql(db, "SELECT count(*) FROM run WHERE exit_status <> 0"))
        record("postgres", f"8 collect processes x {count:,} series at once into one PostgreSQL: {runs} runs, "
               f"{after - before:,} snapshots, {failed} failed runs", "all stored" if complete and failed == 0 else "NO",
               "every snapshot", complete and failed == 0)
        record("postgres", f"8 collects at once {eight:.2f} s; one alone {alone:.2f} s ({LATENCY_MS} ms server, concurrency {CONCURRENCY} each)",
               f"{eight / alone:.2f}x", "<= 1.5x", eight / alone <= 1.5)
    finally:
        server.terminate()
        server.wait()


def bench_planning(size):
    generate.programme(path("plan-1k.yaml"), 1000)
    generate.programme(path("plan-10k.yaml"), 10000)
    # plan check exits 1 when it finds clashes (the generated programmes have some).
    small, big = hyperfine([f"{BIN} plan check {path('plan-1k.yaml')} > /dev/null || true",
                            f"{BIN} plan check {path('plan-10k.yaml')} > /dev/null || true"], size["runs"], name="plan")
    record("planning", "plan check, 1,000 events", f"{small * 1000:.0f} ms")
    record("planning", "plan check, 10,000 events", f"{big * 1000:.0f} ms", "< 200 ms", big < 0.2)
    record("planning", "time ratio 10k / 1k", f"{big / small:.1f}x", "<= 15x", big / small <= 15)


def bench_startup(size):
    schedule = os.path.join(ROOT, "Schedules", "fruchthalle-2020.yaml")
    helptime, check = hyperfine([f"{BIN} --help", f"{BIN} plan check {schedule}"], max(10, size["runs"]), name="startup")
    record("start-up", "streamreach --help", f"{helptime * 1000:.1f} ms", "< 50 ms", helptime < 0.05)
    record("start-up", "plan check Schedules/fruchthalle-2020.yaml", f"{check * 1000:.1f} ms", "< 50 ms", check < 0.05)


def bench_planner(size):
    planner_bench.run(BIN, WORK, record, hyperfine, "full" if size is SIZES["full"] else "small")


def bench_board(size):
    board_bench.run(BIN, WORK, record, "full" if size is SIZES["full"] else "small")


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) // 1024 // 1024
    swift = sh("swift --version 2>&1 | head -1").stdout.strip()
    return f"{os.cpu_count()} cores ({model}), {memory} GiB, {platform.system()} {platform.release()}; {swift}"


def section_times(size_name):
    """When each section in the table was measured, from its saved results."""
    times = []
    for name in SECTION_NAMES:
        saved = path(f"results-{size_name}-{name}.json")
        if os.path.exists(saved):
            with open(saved) as f:
                times.append(f"{name} {json.load(f)['measured']}")
    return ", ".join(times)


def write_markdown(size_name, started, elapsed):
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench{'' if size_name == 'small' else ' SIZE=full'}` on {started:%Y-%m-%d %H:%M} UTC "
        f"(sections may come from earlier runs of `Benchmarks/run.py --only SECTION`; "
        f"measured: {section_times(size_name)} UTC). Machine of this run: {machine()}; "
        "where earlier sections ran on another, NOTES below says so.", "",
        "Release build; every time is the median of hyperfine runs (at least 5, after a warm-up), "
        "each peer measured in the same hyperfine run as streamreach, on the same data; the collection "
        "section's instead take turns with their peer run by run (see below). Peak RSS is the "
        "median of 3 runs of `/usr/bin/time -f %M`. Inputs are made by `Benchmarks/generate.py` in "
        "`.build-bench/` (not committed). Commands: `Benchmarks/run.py`.", "",
        "| area | measure | result | goal | |", "| --- | --- | ---: | ---: | --- |",
    ]
    for section, what, value, goal, verdict in results:
        lines.append(f"| {section} | {what} | {value} | {goal} | {verdict} |")
    lines += ["", "How each is measured:", "",
              f"- **Collection**: two servers on 127.0.0.1, Node's `http` (`latency_server.js`) and Python's asyncio "
              f"(`latency_server.py`), each answer every request after {LATENCY_MS} ms. `streamreach collect` reads "
              "N PeerTube-shaped series and stores them into the database of the nights before; at concurrency 1 "
              "against `curl -K urls.txt` (one by one), at concurrency 64 against `curl --parallel --parallel-max 64 "
              "-K urls.txt`, same URLs, bodies to /dev/null. The two take turns, run by run (the order reversed every "
              "other round, one warm-up each), so a drift of the machine or the server over the minutes of a section "
              "falls on both sides of the ratio; hyperfine runs one command's runs all before the other's. Times are "
              "medians, CPU the mean user+sys of each child (`wait4`).",
              "- **Ingest**: the same CSV (Europe/Berlin programme, summer-time change in week 1): `streamreach "
              "import-snapshots` (which also builds the rollups) against `Benchmarks/python_ingest.py`: csv + "
              "`sqlite3.executemany` in one transaction into a table keyed by its natural primary key (event, channel, "
              "observed_at), with the same pragmas (WAL, 256 MiB page cache).",
              "- **Reports**: `streamreach report --week N --format json` (the whole report) as a whole process against "
              "the weekly totals of weeks 1..N computed from the raw snapshots by the `sqlite3` CLI with a query that "
              "seeks through the natural key once per series and week end (`seek.sql`), and by DuckDB with an ASOF join "
              "(table preloaded, untimed), timed both as a whole Python process and as the query alone (median of 7 in "
              "one process). Week ends are Monday 00:00 Europe/Berlin. The run first checks that all three give the same totals.",
              "- **PostgreSQL**: a throwaway PostgreSQL 15 cluster on the same machine (`Tests/postgres/cluster.sh`, "
              "fsync off for both sides). Ingest: `import-snapshots` into PostgreSQL (COPY, rollups and ANALYZE included) "
              "against `psql \\copy` of the same CSV into a plain table keyed by (event, channel, observed_at). Reports: "
              "`report --week N --format json` as a whole process against `psql` running a hand-written weekly-totals "
              "query over the raw snapshots (one index seek per series and week end, LATERAL), totals checked equal first; "
              "and against its own time on 10,000 snapshots over the same weeks. Network: `report --network` of 10 "
              "programmes (the 100k history imported under 10 ids) against one programme's `report --all`. Many "
              "writers: 8 `collect` processes of 2,000 series each (8 programmes) started at once against the Node "
              "server (20 ms), against one such collect alone; afterwards every run and snapshot is counted.",
              "- **Board**: `streamreach serve` (release build) on the demo's store. Page: `wrk -t2 -c200` for 10 s "
              "on week 8's report page, against nginx (Debian; 2 workers, sendfile, no access log) serving the same bytes "
              "as a static file; three rounds each, alternating, medians. Live: 1,000 clients hold `/live/events` open "
              "(Python asyncio); the real `streamreach live` poller reads a stand-in YouTube API once a second, which "
              "answers a new viewer figure each time and notes when; latency is from that answer to the figure's arrival "
              "at each client (poller's store and the board's notice included), over every client and figure. "
              "Resident memory from /proc every 0.2 s (Benchmarks/board_bench.py).",
              "- **Planning / start-up**: `plan check` on generated programmes, and `--help`.",
              "- **Planner**: `streamreach plan fill --dry-run --format json` as a whole process (hyperfine) against "
              "OR-Tools CP-SAT (2 workers, the machine's cores) solving an exact model of the same rules "
              "(`Benchmarks/planner_model.py`, which reads the same programme and pool files): most acts placed first, "
              "least wish cost second (one lexicographic objective); re-plan: most added acts placed, then fewest moves, "
              "then cost. The model also checks every StreamReach plan against the hard rules and counts its cost "
              "itself. Instances (`Benchmarks/planner_bench.py`, seeded): small two-stage seasons (CP-SAT proves its "
              "optimum), the 2020 series' 30 acts with generated availability and wishes, and a year of a four-stage "
              "series with 800 acts (setups, channel windows, shared performers) with a complete placement hidden "
              "in it; CP-SAT gets 60 s. \"Time to StreamReach's quality\" is when CP-SAT's first plan at least as good "
              "arrived (or its whole run, marked >, when none did).", ""]
    notes = os.path.join(ROOT, "Benchmarks", "NOTES.md")
    if os.path.exists(notes):
        with open(notes) as f:
            lines += [f.read()]
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
        f.write("\n".join(lines))


def seed_from_committed(size_name):
    """A fresh checkout has no saved results: the sections not run now keep their rows from
    the committed BENCHMARKS.md (when it was written for this size), so that
    `--only SECTION` does not drop the rest of the table."""
    committed = os.path.join(ROOT, "BENCHMARKS.md")
    if not os.path.exists(committed):
        return
    with open(committed) as f:
        text = f.read()
    header = text.split("\n")[2] if text.count("\n") > 2 else ""
    if ("`make bench SIZE=full`" in header) != (size_name == "full") or "measured:" not in header:
        return
    measured = dict(re.findall(r"(\w+) (\d{4}-\d\d-\d\d \d\d:\d\d)", header.split("measured:", 1)[1]))
    labels = {"start-up": "startup"}  # the one section whose rows carry another name
    rows = {}
    for line in text.split("How each is measured:")[0].split("\n"):
        if line.startswith("| ") and not line.startswith(("| area", "| ---")):
            cells = [cell.strip() for cell in line.strip()[2:-2].split(" | ")]
            if len(cells) == 5:
                rows.setdefault(labels.get(cells[0], cells[0]), []).append(cells)
    for name in SECTION_NAMES:
        saved = path(f"results-{size_name}-{name}.json")
        if name in rows and name in measured and not os.path.exists(saved):
            with open(saved, "w") as f:
                json.dump({"measured": measured[name], "rows": rows[name]}, f)
            print(f"{name}: kept the committed rows ({measured[name]} UTC)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--only", choices=SECTION_NAMES, default=None)
    args = parser.parse_args()
    size = SIZES[args.size]
    os.makedirs(WORK, exist_ok=True)
    seed_from_committed(args.size)
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.time()
    sections = {"startup": bench_startup, "planning": bench_planning, "collection": bench_collection,
                "ingest": bench_ingest, "reports": bench_reports, "postgres": bench_postgres, "live": bench_live,
                "board": bench_board, "planner": bench_planner}
    assert list(sections) == SECTION_NAMES
    for name, run in sections.items():
        if args.only in (None, name):
            before = len(results)
            run(size)
            # Each section's results are kept, so BENCHMARKS.md can be completed section by section.
            with open(path(f"results-{args.size}-{name}.json"), "w") as f:
                json.dump({"measured": started.strftime("%Y-%m-%d %H:%M"), "rows": results[before:]}, f)
    merged = []
    for name in sections:
        saved = path(f"results-{args.size}-{name}.json")
        if os.path.exists(saved):
            with open(saved) as f:
                merged += [tuple(row) for row in json.load(f)["rows"]]
    results[:] = merged
    write_markdown(args.size, started, time.time() - t0)
    missed = [r for r in results if r[4] == "MISSED"]
    print(f"{len(results) - len(missed)} passed, {len(missed)} failed" if missed else "all goals met")


if __name__ == "__main__":
    main()
