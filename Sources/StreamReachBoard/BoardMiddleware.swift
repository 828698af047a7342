import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

/// Made once: every answer appends them.
enum StrictHeaders {
    static let fields: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        .contentTypeOptions: "nosniff", .referrerPolicy: "no-referrer", .frameOptions: "DENY",
    ]
}

/// Strict headers on every answer, errors included: nothing but the board's own origin may
/// be loaded (`default-src 'self'`, so no inline script or style either), no sniffing of
/// types, no referrer leaves, no framing. Also the access log, at debug level, with the
/// path of a login link left out.
struct BoardHeadersMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers.append(contentsOf: StrictHeaders.fields)
        if logger.logLevel <= .debug {
            let path = request.uri.path.hasPrefix("/login/") ? "/login/…" : request.uri.path
            logger.debug("request", metadata: ["method": "\(request.method)", "path": "\(path)", "status": "\(response.status.code)"])
        }
        return response
    }
}

/// At most `limit` requests answered at once (the live streams are counted apart, by the
/// broadcaster): past it a clear 503 with `Retry-After`, instead of a queue that grows.
struct RequestLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let limit: Int
    let inFlight = InFlight()

    final class InFlight: Sendable {
        private let count = Mutex(0)
        /// Counts one more request in, unless `limit` are in already.
        func enter(limit: Int) -> Bool {
            count.withLock { count in
                guard count < limit else { return false }
                count += 1
                return true
            }
        }

        func leave() { count.withLock { $0 -= 1 } }
    }

    init(limit: Int) { self.limit = limit }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The live stream is long; it has a limit of its own.
        if request.uri.path == "/live/events" { return try await next(request, context) }
        guard inFlight.enter(limit: limit) else {
            return Response(status: .serviceUnavailable, headers: [.retryAfter: "1", .contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "The board is answering \(limit) requests at once; try again in a second.\n")))
        }
        defer { inFlight.leave() }
        return try await next(request, context)
    }
}

/// Only requests the gate admits get past; the others get 401 and how to get in. Let
/// through without the token: the login link itself (it is what gets a browser in), and the
/// programme's feeds, which a calendar app subscribes to without any way to send a token and
/// which say only what the published programme says.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let gate: BoardAccessGate

    static func isPublic(_ path: String) -> Bool {
        if path.hasPrefix("/login/") || path == "/favicon.ico" || path.hasPrefix("/assets/") { return true }
        // /p/ID/FEED exactly: nothing deeper that happens to end like a feed.
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "p" && BoardSite.Feed(rawValue: String(parts[3])) != nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if gate.isOpen || Self.isPublic(request.uri.path) || gate.allows(request) {
            return try await next(request, context)
        }
        return Response(status: .unauthorized,
                        headers: [.wwwAuthenticate: "Bearer realm=\"streamreach\"", .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: """
                            This board needs its token: send "Authorization: Bearer TOKEN", or open a login link \
                            (POST /login-links with the token makes one).

                            """)))
    }
}
