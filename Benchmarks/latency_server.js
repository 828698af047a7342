// The benchmark's stand-in platform: answers every GET after a fixed delay (default 20 ms)
// with a PeerTube-shaped body. Keep-alive on. Prints its port on stdout, then serves until
// killed. Node, because one event loop serves thousands of requests a second on one core,
// leaving the other core to the client being measured.
const http = require("http");
const delay = Number(process.argv[2] || 20);
let served = 0;
const server = http.createServer((request, response) => {
  setTimeout(() => {
    served += 1;
    const body = JSON.stringify({ views: 1000 + (served % 5000), viewers: 0 });
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    response.end(body);
  }, delay);
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => {
  console.log(server.address().port);
});
process.on("SIGTERM", () => process.exit(0));
