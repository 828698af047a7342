import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import StreamReachKit
import UnixSignals

/// `streamreach serve`: the board over HTTP, with Hummingbird. It only reads the store.
///
/// Routes are fixed: a programme is looked up by its id among those served, an asset by its
/// name among those compiled in; nothing is ever read from a path the URL names.
package struct BoardServer: Sendable {
    package let programmes: [Programme]
    package let store: any ReachStore
    package let settings: BoardSettings
    package var clock: any WallClock = SystemWallClock()
    package var logger: Logger
    /// The signals that stop it gracefully; none when it runs inside another program's
    /// process (the tests), which stops it by cancelling its task.
    package var shutdownSignals: [UnixSignal] = [.sigterm, .sigint]

    package init(programmes: [Programme], store: any ReachStore, settings: BoardSettings, logger: Logger) {
        self.programmes = programmes
        self.store = store
        self.settings = settings
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT (or the task is cancelled), then stops gracefully: live
    /// clients are told to reconnect, answers in progress finish. `ready` gets the address
    /// bound (the port, when 0 was asked for) and a way to make a one-time login link.
    package func run(ready: @escaping @Sendable (_ port: Int, _ loginLink: @escaping @Sendable () -> String?) async -> Void = { _, _ in }) async throws {
        let settings = try settings.checked()
        let site = try BoardSite(programmes: programmes, store: store, clock: clock, settings: settings, logger: logger)
        let gate = BoardAccessGate(access: settings.access)
        await site.checkStore(force: true)

        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(BoardHeadersMiddleware(logger: logger))
        router.middlewares.add(RequestLimitMiddleware(limit: settings.maxRequests))
        router.middlewares.add(AccessMiddleware(gate: gate))
        addRoutes(router, site: site, gate: gate)

        var configuration = ApplicationConfiguration(address: .hostname(settings.bind.host, port: settings.bind.port), serverName: "streamreach")
        configuration.availableConnectionsDelegate = MaximumAvailableConnections(settings.maxConnections)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(settings.idleTimeout.components.seconds) * 1_000_000_000))),
            configuration: configuration,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.bind.port
                await ready(port) { gate.isOpen ? nil : "/login/\(gate.mintLink())" }
            },
            logger: logger)
        let watcher = StoreWatcher(site: site)
        // Shut down in reverse order: the live streams end first, so the server does not
        // wait on them; the store watcher last.
        let group = ServiceGroup(configuration: .init(
            services: [watcher, app, site.broadcaster], gracefulShutdownSignals: shutdownSignals, logger: logger))
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EACCES {
            throw BoardSetupError.cannotListen(settings.bind, inUse: error.errnoCode == EADDRINUSE)
        }
    }

    private func addRoutes(_ router: Router<BasicRequestContext>, site: BoardSite, gate: BoardAccessGate) {
        router.get("/") { request, _ in await Self.answer(site.rendered(.overview), to: request) }
        router.get("/live") { request, _ in await Self.answer(site.rendered(.live), to: request) }
        router.get("/metrics") { request, _ in await Self.answer(site.rendered(.metrics), to: request) }
        router.get("/live/events") { _, _ in Self.liveEvents(site) }
        router.get("/p/:id") { request, context in
            await Self.answer(site.rendered(.programme(context.parameters.get("id") ?? "")), to: request)
        }
        router.get("/p/:id/reports") { request, context in
            await Self.answer(site.rendered(.reports(context.parameters.get("id") ?? "")), to: request)
        }
        router.get("/p/:id/all") { request, context in
            await Self.answer(site.rendered(.all(context.parameters.get("id") ?? "")), to: request)
        }
        router.get("/p/:id/week/:week") { request, context in
            guard let week = context.parameters.get("week", as: Int.self) else { return Self.notFound() }
            return await Self.answer(site.rendered(.week(context.parameters.get("id") ?? "", week)), to: request)
        }
        for feed in BoardSite.Feed.allCases {
            router.get("/p/:id/\(feed.rawValue)") { request, context in
                await Self.answer(site.rendered(.feed(context.parameters.get("id") ?? "", feed)), to: request)
            }
        }
        router.get("/assets/:name") { request, context in
            guard let asset = BoardAssets.all[context.parameters.get("name") ?? ""] else { return Self.notFound() }
            return Self.asset(asset, to: request)
        }
        router.get("/login/:code") { request, context in
            guard let session = gate.redeem(context.parameters.get("code") ?? "") else {
                return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: "This login link was used already or has expired: ask for a new one.\n")))
            }
            var response = Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
            // Behind a proxy that does TLS (it says so in X-Forwarded-Proto), the cookie is
            // sent over HTTPS only. On plain HTTP a Secure cookie would never come back.
            let secure = request.headers[.forwardedProto]?.lowercased() == "https"
            response.setCookie(Cookie(name: BoardAccessGate.cookieName, value: session, maxAge: 30 * 24 * 3600, path: "/",
                                      secure: secure, httpOnly: true, sameSite: .strict))
            return response
        }
        // Makes a login link for a browser that cannot send the token (a screen on the wall).
        router.post("/login-links") { request, _ in
            guard gate.carriesToken(request) else {
                return Response(status: gate.isOpen ? .notFound : .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: gate.isOpen
                                    ? "This board has no token, so no login links.\n"
                                    : "Login links are made with the token in the Authorization header, not with a browser's cookie.\n")))
            }
            return Response(status: .created, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "/login/\(gate.mintLink())\n")))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        // Browsers ask for it on pages without an icon link (a 401's text, a feed).
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("**") { _, _ in Self.notFound() }
    }

    // MARK: Answers

    /// The page, or 304 when the browser's copy is still the page (`If-None-Match`, else
    /// `If-Modified-Since`). Pages are revalidated each time (`no-cache`): they change
    /// with every run, and the check costs the server a comparison.
    static func answer(_ page: BoardSite.Rendered, to request: Request) -> Response {
        var headers: HTTPFields = [.contentType: page.contentType, .eTag: page.etag,
                                   .lastModified: page.lastModifiedText, .cacheControl: "no-cache"]
        if page.status != 200 { headers[.cacheControl] = "no-store" }
        if page.status == 200, notModified(request, etag: page.etag, lastModified: page.lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .init(code: page.status), headers: headers, body: ResponseBody(byteBuffer: page.body))
    }

    static func notModified(_ request: Request, etag: String, lastModified: Date?) -> Bool {
        if let tags = request.headers[.ifNoneMatch] {
            return tags == "*" || tags.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag }
        }
        if let lastModified, let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }

    static func asset(_ asset: BoardAssets.Asset, to request: Request) -> Response {
        let headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"]
        if notModified(request, etag: asset.etag, lastModified: nil) { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: asset.body))
    }

    static func notFound() -> Response {
        Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: "There is no such page on this board.\n")))
    }

    /// `/live/events`: the latest figures at once, then each change, as Server-Sent Events.
    static func liveEvents(_ site: BoardSite) -> Response {
        guard let (id, updates) = site.broadcaster.subscribe() else {
            return Response(status: .serviceUnavailable, headers: [.retryAfter: "30", .contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "The board has \(site.broadcaster.limit) live viewers already; the page refreshes by itself.\n")))
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody { writer in
                            defer { site.broadcaster.unsubscribe(id) }
                            // A client that stops reading holds its one slot, and at most the
                            // few newest updates its buffer keeps; no one else waits on it.
                            for await event in updates { try await writer.write(event) }
                            try await writer.finish(nil)
                        })
    }
}

/// Polls the store for changes while the board runs (``BoardSite/watch()``).
struct StoreWatcher: Service {
    let site: BoardSite

    func run() async throws {
        await cancelWhenGracefulShutdown { await site.watch() }
    }
}
