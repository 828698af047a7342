#!/usr/bin/env python3
"""`make bench` (SIZE=small) and `make bench SIZE=full`: measures streamreach (release
build) side by side with the tool a user would otherwise reach for, in one run, on the same
data, and writes the table to BENCHMARKS.md. Generated data goes to .build-bench/ (ignored)."""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "streamreach")
WORK = os.path.join(ROOT, ".build-bench")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

SIZES = {
    "small": dict(collect=500, collect_rss=2000, series=200, snapshots=500, small_snapshots=5, runs=5, big_runs=5),
    "full": dict(collect=2000, collect_rss=10000, series=2000, snapshots=5000, small_snapshots=5, runs=5, big_runs=5),
}
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
    command = f"{BIN} collect {path(f'collect-{count}.yaml')} --sources {sources} --now 2020-12-31T00:00:00Z --db {db}"
    # A nightly run writes into the database of the nights before: made once, untimed.
    sh(f"rm -f {db}* && {command}")
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
            (mine, _), (theirs, _) = hyperfine_full([ours, f"curl --silent -K {urls}"], size["runs"], name=f"collect-{tag}-c1")
            record("collection", f"[{server_name}] concurrency 1, 100 series: streamreach {mine:.3f} s, curl -K {theirs:.3f} s",
                   f"{mine / theirs:.3f}x", "<= 1.05x", mine / theirs <= 1.05)
            # Parallel: the nightly job's real shape.
            ours, urls = collect_setup(port, n, CONCURRENCY, f"{tag}-c{CONCURRENCY}")
            curl = f"curl --silent --parallel --parallel-max {CONCURRENCY} -K {urls}"
            (mine, my_cpu), (theirs, their_cpu) = hyperfine_full([ours, curl], size["runs"], name=f"collect-{tag}-c64")
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
                rss = peak_rss_mb(ours)
                record("collection", f"peak RSS streamreach, {n} series (curl: {peak_rss_mb(curl):.0f} MB)", f"{rss:.0f} MB")
                db = path("collect-rss.sqlite")
                big = f"{BIN} collect {path(f'collect-{n_rss}.yaml')} --sources {path(f'sources-{tag}-c{CONCURRENCY}.yaml')} --db {db} --now 2020-12-31T00:00:00Z"
                generate.programme(path(f"collect-{n_rss}.yaml"), n_rss, weeks=30)
                rss_big = peak_rss_mb(big, prepare=f"rm -f {db}*")
                record("collection", f"peak RSS streamreach, {n_rss} series", f"{rss_big:.0f} MB", "<= 100 MB", rss_big <= 100)
        finally:
            server.terminate()
            server.wait()


def bench_ingest(size):
    series, snapshots = size["series"], size["snapshots"]
    rows = series * snapshots
    csv_big, csv_small = path("history.csv"), path("history-small.csv")
    print(f"generating {rows:,} snapshots …", flush=True)
    generate.history(csv_big, series, snapshots)
    generate.programme(path("report.yaml"), series, weeks=30)
    rows_written = sum(1 for _ in open(csv_big)) - 1
    template = path("empty.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(template + suffix):
            os.remove(template + suffix)
    with open(path("empty.csv"), "w") as f:
        f.write("observed_at,event,channel,value\n")
    sh(f"{BIN} import-snapshots {path('report.yaml')} {path('empty.csv')} --db {template}")
    sh(f"sqlite3 {template} 'PRAGMA wal_checkpoint(TRUNCATE)'")

    ours_db, py_db = path("ours.sqlite"), path("python.sqlite")
    ours = f"{BIN} import-snapshots {path('report.yaml')} {csv_big} --db {ours_db}"
    python = f"python3 {os.path.join(ROOT, 'Benchmarks', 'python_ingest.py')} {py_db} {csv_big} bench"
    prepare = f"rm -f {ours_db}* {py_db}* && cp {template} {py_db}"
    mine, theirs = hyperfine([ours, python], size["big_runs"], prepare=prepare, name="ingest")
    record("ingest", f"streamreach import-snapshots, {rows_written:,} rows (+ rollups)", f"{rows_written / mine:,.0f} rows/s")
    record("ingest", "Python sqlite3.executemany, one transaction, same schema", f"{rows_written / theirs:,.0f} rows/s")
    record("ingest", "rows/s ratio streamreach / Python", f"{theirs / mine:.2f}x", ">= 1.0x", theirs / mine >= 1.0)
    sh(prepare)
    sh(ours)


def bench_reports(size):
    series, snapshots = size["series"], size["snapshots"]
    csv_big, csv_small = path("history.csv"), path("history-small.csv")
    ours_db = path("ours.sqlite")
    generate.programme(path("report.yaml"), series, weeks=30)
    if not os.path.exists(csv_big) or not os.path.exists(ours_db):
        # Reuse the ingest section's database when it is there; otherwise make it, untimed.
        print(f"generating {series * snapshots:,} snapshots …", flush=True)
        generate.history(csv_big, series, snapshots)
        sh(f"rm -f {ours_db}* && {BIN} import-snapshots {path('report.yaml')} {csv_big} --db {ours_db}")
    rows_written = sum(1 for _ in open(csv_big)) - 1
    # The small history spans the same weeks with 1,000 times fewer snapshots: the same
    # report, so any difference in its cost comes from the length of the history.
    generate.history(csv_small, series, size["small_snapshots"], spacing_hours=snapshots // size["small_snapshots"])
    small_db = path("small.sqlite")
    sh(f"rm -f {small_db}* && {BIN} import-snapshots {path('report.yaml')} {csv_small} --db {small_db}")
    small_rows = series * size["small_snapshots"]

    # Peers compute the same weekly totals from the raw snapshots.
    weekly_sql = (
        "SELECT week, SUM(value) FROM (SELECT (observed_at - 1584921600) / 604800 + 1 AS week, value, "
        "ROW_NUMBER() OVER (PARTITION BY series_id, (observed_at - 1584921600) / 604800 ORDER BY observed_at DESC) AS rn "
        "FROM snapshot WHERE value IS NOT NULL) WHERE rn = 1 GROUP BY week ORDER BY week;")
    with open(path("weekly.sql"), "w") as f:
        f.write(weekly_sql + "\n")
    duck_db = path("history.duckdb")
    if os.path.exists(duck_db):
        os.remove(duck_db)
    sh(f"python3 -c \"import duckdb; c = duckdb.connect('{duck_db}'); "
       f"c.execute(\\\"CREATE TABLE snapshot AS SELECT s.column0 AS observed_at, s.column3 AS value, s.column1 || '/' || s.column2 AS series_id "
       f"FROM read_csv('{csv_big}', header=true, columns={{'column0':'BIGINT','column1':'VARCHAR','column2':'VARCHAR','column3':'BIGINT'}}) s\\\")\"")
    # DuckDB's / divides as decimals; // is its integer division.
    duck_query = weekly_sql.replace("/ 604800", "// 604800")
    with open(path("weekly_duckdb.py"), "w") as f:
        f.write(f"import duckdb\nc = duckdb.connect({duck_db!r}, read_only=True)\nfor row in c.execute({duck_query!r}).fetchall():\n    print(*row)\n")

    week = 29 if snapshots >= 4900 else max(1, snapshots // 168)
    report = f"{BIN} report {path('report.yaml')} --db {ours_db} --week {week} --format json"
    report_small = f"{BIN} report {path('report.yaml')} --db {small_db} --week {week} --format json"
    sqlite_cmd = f"sqlite3 {ours_db} < {path('weekly.sql')}"
    duck_cmd = f"python3 {path('weekly_duckdb.py')}"
    # The same totals, or the comparison means nothing.
    ours_json = json.loads(sh(report).stdout)
    ours_weeks = {p["week"]: p["cumulative"] for p in ours_json["pacing"]["weeks"]}
    sqlite_weeks = {int(a): int(b) for a, b in (line.split("|") for line in sh(sqlite_cmd).stdout.split())}
    duck_weeks = {int(a): int(b) for a, b in (line.split() for line in sh(duck_cmd).stdout.strip().splitlines())}
    agree = all(ours_weeks[w] == sqlite_weeks.get(w) == duck_weeks.get(w) for w in ours_weeks)
    record("reports", f"weekly totals of weeks 1-{week} agree across the three tools", "yes" if agree else "NO", "same totals", agree)
    timings = hyperfine([report, sqlite_cmd, duck_cmd, report_small], size["runs"], name="report")
    mine, sqlite_time, duck_time, mine_small = timings
    record("reports", f"streamreach report --week {week}, {rows_written:,} snapshots", f"{mine * 1000:.0f} ms")
    record("reports", "sqlite3 CLI, hand-written weekly-totals query", f"{sqlite_time * 1000:.0f} ms")
    record("reports", "DuckDB (Python), same query, table preloaded", f"{duck_time * 1000:.0f} ms")
    record("reports", "speed-up vs sqlite3 / vs DuckDB", f"{sqlite_time / mine:.1f}x / {duck_time / mine:.1f}x", "> 1x both",
           mine < sqlite_time and mine < duck_time)
    record("reports", f"streamreach report --week {week}, {small_rows:,} snapshots over the same weeks", f"{mine_small * 1000:.0f} ms")
    record("reports", "time ratio big history / small history", f"{mine / mine_small:.2f}x", "<= 2x", mine / mine_small <= 2)
    rss = peak_rss_mb(report)
    record("reports", f"peak RSS streamreach report, {rows_written:,} snapshots", f"{rss:.0f} MB", "<= 100 MB", rss <= 100)


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


def write_markdown(size_name, started, elapsed):
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench{'' if size_name == 'small' else ' SIZE=full'}` on {started:%Y-%m-%d %H:%M} UTC "
        f"(sections may come from earlier runs of `Benchmarks/run.py --only SECTION` on the same day and machine). "
        f"Machine: {machine()}.", "",
        "Release build; every time is the median of hyperfine runs (at least 5, after a warm-up), "
        "each peer measured in the same hyperfine run as streamreach, on the same data. Peak RSS is the "
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
              "-K urls.txt`, same URLs, bodies to /dev/null. CPU is hyperfine's mean user+sys.",
              "- **Ingest**: the same CSV into the same schema: `streamreach import-snapshots` (which also builds "
              "the rollups) against `Benchmarks/python_ingest.py` (csv + `sqlite3.executemany`, one transaction).",
              "- **Reports**: `streamreach report --week N --format json` on the imported database against the "
              "weekly totals computed from the raw snapshots by the `sqlite3` CLI and by DuckDB (the rows preloaded "
              "into a DuckDB table, untimed); the run first checks that all three give the same totals.",
              "- **Planning / start-up**: `plan check` on generated programmes, and `--help`.", ""]
    notes = os.path.join(ROOT, "Benchmarks", "NOTES.md")
    if os.path.exists(notes):
        with open(notes) as f:
            lines += [f.read()]
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--only", choices=["startup", "planning", "collection", "ingest", "reports"], default=None)
    args = parser.parse_args()
    size = SIZES[args.size]
    os.makedirs(WORK, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.time()
    sections = {"startup": bench_startup, "planning": bench_planning, "collection": bench_collection,
                "ingest": bench_ingest, "reports": bench_reports}
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
