"""The served board (`streamreach serve`), for Benchmarks/run.py --only board.

Page: a weekly report page under 200 concurrent connections (wrk), against nginx serving
the same bytes as a static file; rounds alternate between the two, medians compared.

Live: 1,000 clients hold /live/events open. The real `streamreach live` poller reads a
stand-in YouTube API that answers a new viewer figure each poll and notes when it
answered; each client notes when that figure reached it. Latency is arrival minus the
platform's answer (the poller's store and the board's notice included), over every client
and figure; the server's resident memory is read meanwhile."""
import asyncio
import datetime
import http.server
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import threading
import time

PAGE_CONNECTIONS = 200
SSE_CLIENTS = 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url_port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", url_port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {url_port}")


def live_programme(file):
    """One event that started ten minutes ago (UTC), on YouTube: live now."""
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=10)
    with open(file, "w") as f:
        f.write(f"""series: {{id: board-live, title: Live bench, time-zone: UTC, first-day: {start:%Y-%m-%d}, weeks: 1}}
slots: {{days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00"}}
stages: [{{id: hall}}]
channels: [{{id: yt, platform: youtube}}]
events:
  - {{id: now, title: Concert now, kind: concert, start: "{start:%Y-%m-%d %H:%M}", duration: 2h, stage: hall, streams: {{yt: v1}}}}
""")


class StandInYouTube(http.server.BaseHTTPRequestHandler):
    """Answers every request with a new viewer figure (101, 102, …) and notes when."""
    answered = {}
    counter = [100]
    lock = threading.Lock()

    def do_GET(self):
        with self.lock:
            self.counter[0] += 1
            value = self.counter[0]
        body = ('{"items":[{"id":"v1","statistics":{"viewCount":"900"},'
                f'"liveStreamingDetails":{{"concurrentViewers":"{value}"}}}}]}}').encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.answered[value] = time.time()

    def log_message(self, *args):
        pass


def wrk(url, seconds):
    out = subprocess.run(["wrk", "-t2", f"-c{PAGE_CONNECTIONS}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0


def nginx(root, port, work):
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
daemon off;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000;
  types {{ text/html html; }}
  client_body_temp_path {work}/nginx-body; proxy_temp_path {work}/nginx-proxy;
  fastcgi_temp_path {work}/nginx-fastcgi; uwsgi_temp_path {work}/nginx-uwsgi; scgi_temp_path {work}/nginx-scgi;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    return subprocess.Popen(["nginx", "-c", conf, "-p", work], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def sse_clients(port, count, seen, connected):
    """Opens `count` event streams; notes (client, figure) → first time seen."""
    pattern = re.compile(rb'id="live-total">([\d,]+)<')

    async def one(index, gate):
        async with gate:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /live/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
            await writer.drain()
            connected.append(index)
        buffer = b""
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            now = time.time()
            buffer += chunk
            for match in pattern.finditer(buffer):
                value = int(match.group(1).replace(b",", b""))
                seen.setdefault((index, value), now)
            buffer = buffer[-200:]

    gate = asyncio.Semaphore(100)
    await asyncio.gather(*(one(i, gate) for i in range(count)), return_exceptions=True)


def run(bin_path, work, record, size):
    resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))
    os.makedirs(work, exist_ok=True)
    demo = os.path.join(work, "board-demo")
    subprocess.run([bin_path, "demo", "--output", demo], check=True, capture_output=True)
    db = os.path.join(demo, "streamreach.sqlite")
    programme = os.path.join(work, "board-live.yaml")
    live_programme(programme)
    schedule = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Schedules", "fruchthalle-2020.yaml")
    port = free_port()
    server = subprocess.Popen([bin_path, "serve", schedule, programme, "--db", db, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes = [server]
    try:
        wait_for(port)
        page_path = "/p/fruchthalle-2020/week/8"
        page = subprocess.run(["curl", "-sf", f"http://127.0.0.1:{port}{page_path}"], capture_output=True, check=True).stdout
        root = os.path.join(work, "nginx-root")
        os.makedirs(root, exist_ok=True)
        with open(os.path.join(root, "week-8.html"), "wb") as f:
            f.write(page)
        nginx_port = free_port()
        processes.append(nginx(root, nginx_port, work))
        wait_for(nginx_port)
        seconds = 10 if size == "full" else 5
        ours, theirs = [], []
        for _ in range(3):
            ours.append(wrk(f"http://127.0.0.1:{port}{page_path}", seconds))
            theirs.append(wrk(f"http://127.0.0.1:{nginx_port}/week-8.html", seconds))
        ours_rps, theirs_rps = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in theirs)
        ratio = ours_rps / theirs_rps
        record("board", f"weekly report page ({len(page):,} B), {PAGE_CONNECTIONS} connections: requests/s",
               f"{ours_rps:,.0f} vs nginx {theirs_rps:,.0f}", "", None)
        record("board", "weekly report page: requests/s against nginx serving the same file", f"{ratio:.2f}×", "≥ 0.5×", ratio >= 0.5)
        record("board", "weekly report page: p99 latency (streamreach vs nginx)",
               f"{statistics.median(r[1] for r in ours):.1f} vs {statistics.median(r[1] for r in theirs):.1f} ms", "reported", None)
        errors = sum(r[2] for r in ours)
        record("board", "weekly report page: answers other than 2xx/3xx", str(errors), "0", errors == 0)
        processes.pop().terminate()

        # Live: the real poller, a stand-in YouTube, 1,000 clients on the event stream.
        youtube = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInYouTube)
        threading.Thread(target=youtube.serve_forever, daemon=True).start()
        sources = os.path.join(work, "board-sources.yaml")
        with open(sources, "w") as f:
            f.write(f'sources:\n  yt: {{platform: youtube, api-key: bench-key, base-url: "http://127.0.0.1:{youtube.server_address[1]}"}}\n')
        seen, connected = {}, []
        rss = []

        async def measure():
            clients = asyncio.ensure_future(sse_clients(port, SSE_CLIENTS, seen, connected))
            while len(connected) < SSE_CLIENTS:
                await asyncio.sleep(0.1)
            await asyncio.sleep(1)
            first_value = StandInYouTube.counter[0] + 1
            poller = subprocess.Popen([bin_path, "live", programme, "--sources", sources, "--db", db,
                                       "--interval", "1s", "--edge-interval", "1s"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            processes.append(poller)
            polls = 20 if size == "full" else 8
            while StandInYouTube.counter[0] < first_value + polls:
                await asyncio.sleep(0.2)
                rss.append(rss_mb(server.pid))
            await asyncio.sleep(2)
            rss.append(rss_mb(server.pid))
            poller.send_signal(signal.SIGTERM)
            poller.wait()
            # Its last figure was stored as it stopped: give the board time to send it.
            await asyncio.sleep(1.5)
            clients.cancel()
            return first_value

        first_value = asyncio.run(measure())
        youtube.shutdown()
        # Every figure the poller stored after the clients were connected, at every client.
        values = [v for v in StandInYouTube.answered if v >= first_value]
        latencies, missing = [], 0
        for value in values:
            for client in range(SSE_CLIENTS):
                at = seen.get((client, value))
                if at is None:
                    missing += 1
                else:
                    latencies.append((at - StandInYouTube.answered[value]) * 1000)
        if missing:
            by_value = {v: sum(1 for c in range(SSE_CLIENTS) if (c, v) not in seen) for v in values}
            clients_missing = sorted({c for c in range(SSE_CLIENTS) for v in values if (c, v) not in seen})
            print(f"missing by figure: {by_value}; clients missing any: {len(clients_missing)}; "
                  f"answered gaps: {[round(StandInYouTube.answered[v] - StandInYouTube.answered.get(v - 1, 0), 2) for v in values]}")
        latencies.sort()
        p50 = latencies[len(latencies) // 2] if latencies else float("nan")
        p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
        record("board", f"{SSE_CLIENTS:,} live clients, {len(values)} figures: platform answer → on every client, p50",
               f"{p50:.0f} ms", "", None)
        record("board", f"{SSE_CLIENTS:,} live clients: platform answer → on every client, p99", f"{p99:.0f} ms", "≤ 500 ms",
               bool(latencies) and p99 <= 500 and missing == 0)
        record("board", f"{SSE_CLIENTS:,} live clients: figures that did not arrive", str(missing), "0", missing == 0)
        peak = max(rss) if rss else 0
        record("board", f"{SSE_CLIENTS:,} live clients: server's resident memory, peak", f"{peak:.0f} MB", "< 150 MB", peak < 150)
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
