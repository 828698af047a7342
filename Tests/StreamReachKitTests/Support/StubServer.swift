import FlyingFox
import FlyingSocks
import Foundation
import StreamReachDemo
import Synchronization

/// What a stub endpoint saw.
struct StubRequest: Sendable {
    let path: String
    let query: [(name: String, value: String)]
    let headers: [String: String]
    /// 1 for the first request to this path, 2 for the second, …
    let countForPath: Int

    func query(_ name: String) -> String? { query.first { $0.name == name }?.value }
    var target: String { query.isEmpty ? path : path + "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
}

/// What a stub endpoint answers.
struct StubReply: Sendable {
    var status = 200
    var headers: [String: String] = ["Content-Type": "application/json"]
    var body = Data()
    /// Wait this long before answering (timeouts).
    var delay: Duration = .zero
    /// Instead of `body`: send these pieces, each after its pause, announcing `declaredLength`
    /// bytes; if the pieces are shorter, the connection is dropped mid-body.
    var trickle: (pieces: [(Data, Duration)], declaredLength: Int)?

    static func json(_ text: String, status: Int = 200) -> StubReply {
        StubReply(status: status, body: Data(text.utf8))
    }

    static func fixture(_ name: String, status: Int = 200) -> StubReply {
        StubReply(status: status, body: (try? Data(contentsOf: URL(fileURLWithPath: Fixtures.path("platforms/\(name)")))) ?? Data())
    }
}

/// A real HTTP server on 127.0.0.1 (FlyingFox), started and stopped by each test, which the
/// collector reaches through libcurl like any platform.
final class StubServer: Sendable {
    private let http: LoopbackHTTPServer
    private let log: RequestLog

    var port: UInt16 { http.port }
    var baseURL: String { http.baseURL }
    var requests: [StubRequest] { log.entries.withLock { $0 } }

    private init(http: LoopbackHTTPServer, log: RequestLog) {
        self.http = http
        self.log = log
    }

    static func start(_ respond: @escaping @Sendable (StubRequest) async -> StubReply) async throws -> StubServer {
        let log = RequestLog()
        let http = try await LoopbackHTTPServer.start { request in
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            let stub = log.entries.withLock { entries in
                let count = entries.filter { $0.path == request.path }.count + 1
                let stub = StubRequest(path: request.path, query: request.query.map { ($0.name, $0.value) },
                                       headers: headers, countForPath: count)
                entries.append(stub)
                return stub
            }
            let reply = await respond(stub)
            if reply.delay > .zero { try? await Task.sleep(for: reply.delay) }
            var responseHeaders = HTTPHeaders()
            for (name, value) in reply.headers { responseHeaders[FlyingFox.HTTPHeader(name)] = value }
            if let trickle = reply.trickle {
                let body = HTTPBodySequence(from: TrickleBody(pieces: trickle.pieces), count: trickle.declaredLength, suggestedBufferSize: 16)
                return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: "Stub"), headers: responseHeaders, body: body)
            }
            return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: "Stub"), headers: responseHeaders, body: reply.body)
        }
        return StubServer(http: http, log: log)
    }

    func stop() async {
        await http.stop()
    }

    /// A port on 127.0.0.1 where nothing listens: taken from a server that was then stopped.
}

/// A loopback port that refuses every connection for as long as this object lives: a socket
/// bound but never listening. A port freed by a stopped server could be taken by another
/// test's server running in parallel; this one cannot.
final class RefusingPort: Sendable {
    let port: UInt16
    private let descriptor: Int32

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        port = UInt16(bigEndian: try Self.bindLoopback(descriptor).sin_port)
    }

    /// Binds a socket to a free port on 127.0.0.1; returns the address it got.
    static func bindLoopback(_ descriptor: Int32) throws -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw StubServerError.noPort }
        return address
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit { close(descriptor) }
}

enum StubServerError: Error { case noPort }

/// The requests a stub saw, shared between its handler and the test.
final class RequestLog: Sendable {
    let entries = Mutex<[StubRequest]>([])
}

/// A response body sent in pieces with pauses; when the pieces run out before the announced
/// length, the server drops the connection (the iterator throws).
struct TrickleBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let pieces: [(Data, Duration)]

    func makeAsyncIterator() -> Iterator { Iterator(pieces: pieces) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var pieces: [(Data, Duration)]

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard !pieces.isEmpty else { throw TrickleEnded() }
            let (data, pause) = pieces.removeFirst()
            try await Task.sleep(for: pause)
            return Array(data)
        }
    }

    struct TrickleEnded: Error {}
}
