import NIOCore
import StreamReachKit

/// The board's style sheets and its one script, compiled in: no file is ever read from a
/// path a URL names. Served from `/assets/…` because the board's policy
/// (`default-src 'self'`) refuses inline styles and scripts.
enum BoardAssets {
    /// An asset as it is sent: its bytes and tag made once, not per request.
    struct Asset: Sendable {
        let contentType: String
        let body: ByteBuffer
        let etag: String

        init(contentType: String, body: String) {
            self.contentType = contentType
            self.body = ByteBuffer(string: body)
            etag = BoardSite.etag(body)
        }
    }

    static let all: [String: Asset] = [
        "report.css": Asset(contentType: "text/css; charset=utf-8", body: HTMLReportRenderer.style),
        "programme.css": Asset(contentType: "text/css; charset=utf-8", body: ProgrammePageExporter.style),
        "board.css": Asset(contentType: "text/css; charset=utf-8", body: boardStyle),
        "live.js": Asset(contentType: "text/javascript; charset=utf-8", body: liveScript),
        "icon.svg": Asset(contentType: "image/svg+xml", body: icon),
    ]

    /// The head lines every page of the board carries: its sheet and its icon (without an
    /// icon the browser asks for /favicon.ico on every page).
    static let headLinks = "<link rel=\"stylesheet\" href=\"/assets/board.css\">\n<link rel=\"icon\" href=\"/assets/icon.svg\">"

    /// A bar chart rising to a target line.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d2430"/>\
        <rect x="3" y="9" width="2.5" height="4" fill="#3a7bd5"/><rect x="6.75" y="6" width="2.5" height="7" fill="#3a7bd5"/>\
        <rect x="10.5" y="4" width="2.5" height="9" fill="#2f9e77"/><rect x="2" y="3" width="12" height="1" fill="#e6e9ef"/></svg>
        """

    /// The navigation bar on every page, and the board's own pages (overview, live).
    static let boardStyle = """
        nav.board{font:14px/1.4 system-ui,sans-serif;display:flex;flex-wrap:wrap;gap:.3rem .9rem;padding:.5rem 0;margin:0 0 1rem;\
        border-bottom:1px solid #d8dde6}nav.board a{color:#2f5fb3;text-decoration:none}nav.board a:hover{text-decoration:underline}\
        nav.board .here{font-weight:600;color:#1d2430}\
        body.board{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;max-width:960px;margin:1rem auto;padding:0 1rem}\
        body.board h1{font-size:1.5rem;margin:.2rem 0}body.board h2{font-size:1.15rem;margin:1.4rem 0 .3rem}\
        .card{border:1px solid #e1e5ec;border-radius:8px;padding:.8rem 1rem;margin:0 0 1rem}.card h2{margin:0 0 .2rem}\
        .glance{margin:.4rem 0}.glance p{margin:.3rem 0}.big{font-size:2.6rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}\
        .total{font-size:1.1rem;margin:.2rem 0}.progress{width:100%;height:12px;margin:.4rem 0;display:block}.standing{color:#3b4454}\
        .meta,.asof{color:#5b6575;font-size:.9rem}.warn{color:#8a4b00}.ok{color:#2f7d5b}ul.plain{list-style:none;padding:0;margin:.3rem 0}\
        ul.plain li{margin:.2rem 0}ul.weeks{display:flex;flex-wrap:wrap;gap:.3rem .8rem;list-style:none;padding:0}\
        .stream{border-top:1px solid #e6e9ef;padding:.6rem 0}.stream h3{margin:0;font-size:1.05rem}\
        .stream table{border-collapse:collapse;margin:.3rem 0}.stream td{padding:.1rem .8rem .1rem 0}.num{text-align:right;font-variant-numeric:tabular-nums}\
        svg.spark{width:100%;max-width:360px;height:48px;display:block}\
        @media (max-width:600px){.big{font-size:2.2rem}body.board{margin:.5rem auto}}
        """

    /// Replaces the live figures when the server sends new ones. The browser reconnects by
    /// itself when the stream ends (a restart): the server's `retry` says when.
    static let liveScript = """
        (function () {
          var box = document.getElementById('live');
          if (!box || !window.EventSource) { return; }
          var source = new EventSource(box.getAttribute('data-events'));
          source.addEventListener('live', function (event) { box.innerHTML = event.data; });
        })();
        """
}
