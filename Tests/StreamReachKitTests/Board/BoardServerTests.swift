import Foundation
import Testing
@testable import StreamReachBoard
@testable import StreamReachKit

/// `streamreach serve` over real HTTP: every page, its headers, the cache and conditional
/// GET, escaping, the live event stream, the limits and who may look.
@Suite struct BoardServerTests {
    /// The history's first event plays 17:00–18:00 on 2020-03-24 (Berlin); at 17:30 it is live.
    static let evening = TimeZoneConverter(identifier: "Europe/Berlin").instant(LocalDateTime(text: "2020-03-24 17:30")!)

    private func board(_ history: History, clock: any WallClock = SimulatedWallClock(start: evening),
                       configure: (inout BoardSettings) -> Void = { _ in }) async throws -> BoardUnderTest {
        try await BoardUnderTest.start([history.programme], store: history.store, clock: clock, configure: configure)
    }

    @Test func everyPageAnswersWithItsTypeAndStrictHeaders() async throws {
        let history = try await History.standard()
        let board = try await board(history)
        defer { Task { await board.stop() } }
        let pages: [(String, Int, String)] = [
            ("/", 200, "text/html"), ("/live", 200, "text/html"), ("/p/hist", 200, "text/html"),
            ("/p/hist/reports", 200, "text/html"), ("/p/hist/week/1", 200, "text/html"), ("/p/hist/all", 200, "text/html"),
            ("/metrics", 200, "text/plain; version=0.0.4"), ("/p/hist/calendar.ics", 200, "text/calendar"),
            ("/p/hist/schedule.json", 200, "application/json"), ("/p/hist/schedule.xml", 200, "application/xml"),
            ("/assets/report.css", 200, "text/css"), ("/assets/live.js", 200, "text/javascript"),
            ("/p/hist/week/9", 404, "text/html"), ("/p/other", 404, "text/html"), ("/assets/../Package.swift", 404, "text/plain"),
            ("/etc/passwd", 404, "text/plain"),
        ]
        for (path, status, type) in pages {
            let response = try await board.get(path)
            #expect(response.status == status, "\(path)")
            #expect(response.headers["content-type"]?.hasPrefix(type) == true, "\(path): \(response.headers["content-type"] ?? "none")")
            #expect(response.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true, "\(path)")
            #expect(response.headers["x-content-type-options"] == "nosniff", "\(path)")
            #expect(response.headers["referrer-policy"] == "no-referrer", "\(path)")
        }
        // The pages link their style: an inline one would be refused under the policy.
        for path in ["/", "/live", "/p/hist", "/p/hist/week/1"] {
            let page = try await board.text(path)
            #expect(!page.contains("<style"), "\(path)")
            #expect(!page.contains(" style="), "\(path)")
            #expect(!page.contains("<script>"), "\(path): only scripts from the server")
        }
    }

    /// One source of truth: below the board's navigation, a weekly report page is the page
    /// `report --format html` writes.
    @Test func aWeeklyReportIsTheReportCommandsOwnPage() async throws {
        let history = try await History.standard()
        let board = try await board(history)
        defer { Task { await board.stop() } }
        let served = try await board.text("/p/hist/week/2")
        let file = try ReportRendering.render(try await history.report(.week(2)), as: .html, programme: history.programme)
        func body(_ page: String) -> Substring? { page.range(of: "<header>").map { page[$0.lowerBound...] } }
        #expect(body(served) != nil && body(served) == body(file))
        #expect(served.contains("<nav class=\"board\""))
        // And the programme page is plan export's page, with the feeds to subscribe to.
        let programme = try await board.text("/p/hist")
        let exported = ProgrammePageExporter(programme: history.programme).export()
        #expect(body(programme) == body(exported))
        #expect(programme.contains("href=\"/p/hist/calendar.ics\""))
    }

    /// Either store: SQLite's change mark is its files', PostgreSQL's its log position.
    @Test(arguments: StoreUnderTest.allCases)
    func aPageIsServedFromTheCacheUntilTheStoreChanges(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        let history = try await History.standard(store: store)
        let board = try await board(history)
        // The board's connections close before the store goes (PostgreSQL drops no
        // database in use).
        defer { Task { await board.stop(); await remove() } }
        let first = try await board.get("/")
        let etag = try #require(first.headers["etag"])
        let modified = try #require(first.headers["last-modified"])
        #expect(first.headers["cache-control"] == "no-cache")
        #expect(try await board.get("/", headers: [HTTPHeader("If-None-Match", etag)]).status == 304)
        #expect(try await board.get("/", headers: [HTTPHeader("If-Modified-Since", modified)]).status == 304)
        #expect(try await board.get("/", headers: [HTTPHeader("If-None-Match", "\"other\"")]).status == 200)

        // A new night's run: the board notices within its watch interval and renders again.
        try await history.run("2020-04-12", ["a/yt": 5_000, "a/fb": 99, "b/yt": 470, "b/fb": 66, "c/yt": 7])
        var changed: HTTPResponse?
        for _ in 0..<50 {
            let response = try await board.get("/", headers: [HTTPHeader("If-None-Match", etag)])
            if response.status == 200 { changed = response; break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let page = try #require(changed, "the page changed within 2.5 s of the run")
        #expect(page.headers["etag"] != etag)
        #expect(String(decoding: page.body, as: UTF8.self).contains(">5,642<"), "the new total to date: 5,000 + 99 + 470 + 66 + 7")
    }

    @Test func everyProgrammeTextIsEscaped() async throws {
        let hostile = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
        let history = try await History.standard(titles: ["a": hostile], channelNames: ["yt": "<b>YT</b>"])
        try await history.store.recordAudience(programme: "hist", [
            AudienceSample(eventID: "a", channelID: "yt", streamID: "yt-a", observedAt: Self.evening, viewers: 12, origin: .live),
        ])
        let board = try await board(history)
        defer { Task { await board.stop() } }
        for path in ["/", "/live", "/p/hist", "/p/hist/week/1", "/p/hist/all"] {
            let page = try await board.text(path)
            #expect(!page.contains("<script>alert"), "\(path)")
            #expect(!page.contains("<img src=x"), "\(path)")
            #expect(!page.contains("<b>YT</b>"), "\(path)")
        }
        #expect(try await board.text("/live").contains("&lt;script&gt;alert"))
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aStoredLiveSampleReachesAConnectedClient(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        let history = try await History.standard(store: store)
        let board = try await board(history)
        // The board's connections close before the store goes (PostgreSQL drops no
        // database in use).
        defer { Task { await board.stop(); await remove() } }
        let client = try EventStreamClient(port: board.port)
        #expect(try await client.read(until: "event: live", seconds: 5), "the latest figures at once: \(client.received)")
        #expect(client.received.contains("text/event-stream"))
        try await history.store.recordAudience(programme: "hist", [
            AudienceSample(eventID: "a", channelID: "yt", streamID: "yt-a", observedAt: Self.evening, viewers: 4_321, origin: .live),
        ])
        #expect(try await client.read(until: "4,321", seconds: 3), "\(client.received)")
        // The page itself shows it too (without JavaScript, on its next refresh).
        let page = try await board.text("/live")
        #expect(page.contains("id=\"live-total\">4,321<"))
        #expect(page.contains("<noscript><meta http-equiv=\"refresh\""))
    }

    @Test func pastTheLiveLimitA503SaysSo() async throws {
        let history = try await History.standard()
        let board = try await board(history) { $0.maxLiveClients = 1 }
        defer { Task { await board.stop() } }
        let first = try EventStreamClient(port: board.port)
        #expect(try await first.read(until: "event: live", seconds: 5))
        let second = try await board.get("/live/events")
        #expect(second.status == 503)
        #expect(second.headers["retry-after"] != nil)
        #expect(String(decoding: second.body, as: UTF8.self).contains("live viewers already"))
    }

    /// On an address other machines reach, a token is needed: a header, or a browser's
    /// cookie from a one-time login link.
    @Test func aTokenBoardOnAnotherAddressLetsInOnlyWithTheToken() async throws {
        let token = "correct-horse-battery-staple-42"
        let history = try await History.standard()
        let board = try await board(history) {
            $0.bind = BoardBind(host: "0.0.0.0", port: 0)
            $0.access = .token(token)
        }
        defer { Task { await board.stop() } }
        for headers in [[], [HTTPHeader("Authorization", "Bearer wrong-token-of-some-length")], [HTTPHeader("Authorization", token)]] {
            let response = try await board.get("/", headers: headers)
            #expect(response.status == 401, "\(headers)")
            #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(try await board.get("/live/events", headers: headers).status == 401)
        }
        #expect(try await board.get("/", headers: [HTTPHeader("Authorization", "Bearer \(token)")]).status == 200)
        // The programme's feeds stay open: a calendar app subscribes without a token, and
        // they say what the published programme says.
        #expect(try await board.get("/p/hist/calendar.ics").status == 200)
        #expect(try await board.get("/p/hist/schedule.json").status == 200)
        #expect(try await board.get("/p/hist/reports").status == 401)
        #expect(try await board.get("/p/hist/week/1/calendar.ics").status == 401, "only the feeds' own addresses")
        #expect(try await board.get("/metrics", headers: [HTTPHeader("Authorization", "Bearer \(token)")]).status == 200)

        let link = try #require(board.loginLink())
        let login = try await board.get(link)
        #expect(login.status == 303)
        let cookie = try #require(login.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let session = try #require(cookie.split(separator: ";").first.map(String.init))
        #expect(try await board.get("/", headers: [HTTPHeader("Cookie", session)]).status == 200)
        #expect(try await board.get("/", headers: [HTTPHeader("Cookie", "\(BoardAccessGate.cookieName)=made-up")]).status == 401)
        #expect(try await board.get(link).status == 401, "a login link works once")
        #expect(!cookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back")
        let proxied = try await board.get(try #require(board.loginLink()), headers: [HTTPHeader("X-Forwarded-Proto", "https")])
        #expect(proxied.headers["set-cookie"]?.contains("Secure") == true, "behind a TLS proxy the cookie is HTTPS-only")
        #expect(try await board.post("/login-links", headers: [HTTPHeader("Cookie", session)]).status == 403,
                "a signed-in browser cannot make links; the token can")
        let made = try await board.post("/login-links", headers: [HTTPHeader("Authorization", "Bearer \(token)")])
        #expect(made.status == 201)
        #expect(try await board.get(String(decoding: made.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)).status == 303)
    }

    /// A client that sends half a request and then nothing is dropped after the idle
    /// timeout: it cannot hold a connection (a slow-header attack).
    @Test func aClientThatStopsHalfwayIsDropped() async throws {
        let history = try await History.standard()
        let board = try await board(history) { $0.idleTimeout = .seconds(1) }
        defer { Task { await board.stop() } }
        let client = try EventStreamClient(port: board.port, rawRequest: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let start = Date()
        _ = try await client.read(until: "\u{0}never", seconds: 6)
        #expect(client.closed, "the server closed the connection")
        #expect(Date().timeIntervalSince(start) < 4)
        #expect(try await board.get("/").status == 200, "and serves everyone else meanwhile")
    }

    @Test func anExposedBoardWithoutATokenDoesNotStart() async throws {
        let history = try await History.standard()
        await #expect(throws: BoardSetupError.self) {
            try await self.board(history) { $0.bind = BoardBind(host: "0.0.0.0", port: 0) }
        }
        // An address another program holds: a clear message and "try again" (75), not an
        // internal error.
        let first = try await board(history)
        defer { Task { await first.stop() } }
        do {
            _ = try await self.board(history) { $0.bind = BoardBind(host: "127.0.0.1", port: first.port) }
            Issue.record("a second board on the same port started")
        } catch let error as BoardSetupError {
            #expect(error.exitStatus == .temporaryFailure)
            #expect(error.message.contains("127.0.0.1:\(first.port) is in use"), "\(error.message)")
        }
        #expect(BoardBind("[::1]:8080")?.isLoopback == true)
        #expect(BoardBind("127.0.0.1:8080")?.isLoopback == true)
        #expect(BoardBind("192.168.1.5:80")?.isLoopback == false)
        #expect(BoardBind("::1:80") == nil, "IPv6 needs brackets")
    }

    /// `/metrics` of two programmes is one valid exposition (promtool), each family once.
    @Test func metricsOfTwoProgrammesPassPromtool() async throws {
        let history = try await History.standard()
        let second = try ProgrammeLoader.parse(history.programmeText.replacingOccurrences(of: "id: hist,", with: "id: hist2,"), file: "second.yaml")
        try await history.store.recordAudience(programme: "hist", [
            AudienceSample(eventID: "a", channelID: "yt", streamID: "yt-a", observedAt: Self.evening, viewers: 12, origin: .live),
        ])
        let board = try await BoardUnderTest.start([history.programme, second], store: history.store, clock: SimulatedWallClock(start: Self.evening))
        defer { Task { await board.stop() } }
        let metrics = try await board.text("/metrics")
        #expect(metrics.contains(#"programme="hist""#) && metrics.contains(#"programme="hist2""#))
        #expect(metrics.contains(#"streamreach_live_viewers{channel="yt",programme="hist"} 12"#), "\(metrics)")
        #expect(metrics.components(separatedBy: "# TYPE streamreach_target_views gauge").count == 2)
        if let promtool = OperationsTests.promtool {
            let file = try ScratchFolder.file(metrics, suffix: ".prom")
            let (status, output) = try await Tool.run(promtool, ["check", "metrics"], input: URL(fileURLWithPath: file))
            #expect(status == 0 && output.isEmpty, "promtool: \(output)")
        }
    }

    @Test func prometheusMetricsOfSeveralProgrammesNameEachFamilyOnce() async throws {
        let one = try await History.standard()
        let snapshots = [try await MetricsSnapshot.read(one.programme, from: one.store),
                         try await MetricsSnapshot.read(one.programme, from: one.store)]
        let text = PrometheusExporter.render(snapshots)
        #expect(text.components(separatedBy: "# TYPE streamreach_views gauge").count == 2)
        #expect(PrometheusExporter.render([snapshots[0]]) == PrometheusExporter.render(snapshots[0]))
    }
}
