// The benchmark's stand-in platform: answers every GET after a fixed delay (default 20 ms)
// with a PeerTube-shaped body, or a YouTube- or Twitch-shaped one on their paths (ids from
// the query, every stream live: the live poller's benchmark). Keep-alive on. Prints its port on stdout, then serves until
// killed. Node, because one event loop serves thousands of requests a second on one core,
// leaving the other core to the client being measured.
const http = require("http");
const delay = Number(process.argv[2] || 20);
let served = 0;
const server = http.createServer((request, response) => {
  setTimeout(() => {
    served += 1;
    const body = JSON.stringify(answer(new URL(request.url, "http://x"), served));
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    response.end(body);
  }, delay);
});
function answer(url, served) {
  const views = 1000 + (served % 5000), viewers = 10 + (served % 300);
  if (url.pathname.endsWith("/youtube/v3/videos")) {
    const ids = (url.searchParams.get("id") || "").split(",").filter((id) => id);
    return { items: ids.map((id) => ({ id, statistics: { viewCount: String(views) }, liveStreamingDetails: { concurrentViewers: String(viewers) } })) };
  }
  if (url.pathname.endsWith("/helix/streams")) {
    return { data: url.searchParams.getAll("user_login").map((login) => ({ user_login: login, viewer_count: viewers })) };
  }
  if (url.pathname.endsWith("/helix/videos")) {
    return { data: url.searchParams.getAll("id").map((id) => ({ id, view_count: views })) };
  }
  return { views, viewers };
}

server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => {
  console.log(server.address().port);
});
process.on("SIGTERM", () => process.exit(0));
