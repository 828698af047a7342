#!/usr/bin/env python3
"""The second stand-in platform (beside latency_server.js): Python's asyncio, standard
library only. Answers every GET after a fixed delay (default 20 ms) with a PeerTube-shaped
body, or a YouTube- or Twitch-shaped one on their paths (as latency_server.js), keep-alive on. Prints its port on stdout, then serves until killed.

A second implementation, so a result that holds only against Node's HTTP server (its
timers, its way of writing responses) is caught: the collector is measured against both."""
import asyncio
import json
import signal
import sys
from urllib.parse import parse_qs, urlsplit

DELAY = float(sys.argv[1] if len(sys.argv) > 1 else 20) / 1000
served = 0


def answer(target, served):
    views, viewers = 1000 + served % 5000, 10 + served % 300
    url = urlsplit(target)
    query = parse_qs(url.query)
    if url.path.endswith("/youtube/v3/videos"):
        ids = [i for i in query.get("id", [""])[0].split(",") if i]
        return {"items": [{"id": i, "statistics": {"viewCount": str(views)},
                           "liveStreamingDetails": {"concurrentViewers": str(viewers)}} for i in ids]}
    if url.path.endswith("/helix/streams"):
        return {"data": [{"user_login": login, "viewer_count": viewers} for login in query.get("user_login", [])]}
    if url.path.endswith("/helix/videos"):
        return {"data": [{"id": i, "view_count": views} for i in query.get("id", [])]}
    return {"views": views, "viewers": viewers}


async def handle(reader, writer):
    global served
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip() or 0)
            if length:
                await reader.readexactly(length)
            await asyncio.sleep(DELAY)
            served += 1
            target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
            body = json.dumps(answer(target, served)).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                         b"Connection: keep-alive\r\n\r\n%s" % (len(body), body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
