import Foundation
import Logging
@testable import StreamReachBoard
@testable import StreamReachKit

/// `streamreach serve`'s server, started in the test process on a free port, and spoken to
/// over real HTTP (libcurl, as the collector does) and real sockets (the live stream).
struct BoardUnderTest: Sendable {
    let port: Int
    let host: String
    private let task: Task<Void, any Error>
    /// Makes a one-time login link (nil on a board without a token).
    let loginLink: @Sendable () -> String?

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(_ programmes: [Programme], store: any ReachStore, clock: any WallClock = SystemWallClock(),
                      configure: (inout BoardSettings) -> Void = { _ in }) async throws -> BoardUnderTest {
        var settings = BoardSettings()
        settings.bind = BoardBind(host: "127.0.0.1", port: 0)
        configure(&settings)
        var server = BoardServer(programmes: programmes, store: store, settings: settings,
                                 logger: Logger(label: "board-test") { _ in SwiftLogNoOpLogHandler() })
        server.clock = clock
        // The test process keeps its own signals: stopping is by cancelling the task.
        server.shutdownSignals = []
        let (ready, readyContinuation) = AsyncStream<(Int, @Sendable () -> String?)>.makeStream()
        let task = Task {
            defer { readyContinuation.finish() }
            try await server.run { port, link in
                readyContinuation.yield((port, link))
                readyContinuation.finish()
            }
        }
        for await (port, link) in ready {
            return BoardUnderTest(port: port, host: settings.bind.host, task: task, loginLink: link)
        }
        // The server stopped before it listened: its error says why.
        try await task.value
        throw BoardTestError.didNotStart
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    func get(_ path: String, headers: [HTTPHeader] = []) async throws -> HTTPResponse {
        var options = TransferOptions()
        options.timeoutMilliseconds = 10_000
        // A redirect is what is tested (the login link's), not followed.
        options.maxRedirects = 0
        let records = try await HTTPFetcher(options: options).fetch([TransferJob(id: 0, request: HTTPRequest(url: baseURL + path, headers: headers))],
                                                                    within: .seconds(15)) { _, _, _ in .done }
        guard case .response(let response) = records.first?.result else { throw BoardTestError.noAnswer(path) }
        return response
    }

    /// A POST with no body, on a plain socket (the collector's client only GETs): the status
    /// and body of the answer.
    func post(_ path: String, headers: [HTTPHeader] = []) async throws -> HTTPResponse {
        let client = try EventStreamClient(port: port, path: path, method: "POST",
                                           headers: headers.map { "\($0.name): \($0.value)" } + ["Content-Length: 0", "Connection: close"])
        _ = try await client.read(until: "\u{0}never", seconds: 5)  // until the server closes
        let parts = client.received.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return HTTPResponse(status: status, body: Array(parts.dropFirst().joined(separator: "\r\n\r\n").utf8))
    }

    func text(_ path: String, headers: [HTTPHeader] = []) async throws -> String {
        String(decoding: try await get(path, headers: headers).body, as: UTF8.self)
    }
}

enum BoardTestError: Error {
    case didNotStart
    case noAnswer(String)
}

/// A client of the live event stream on a plain socket: it reads what the server sends for
/// as long as it is told to, without waiting for an end that never comes.
final class EventStreamClient: @unchecked Sendable {
    private let descriptor: Int32
    private(set) var received = ""
    /// The server closed the connection.
    private(set) var closed = false

    /// Connects and asks for `path`; `headers` are extra request lines.
    convenience init(port: Int, path: String = "/live/events", method: String = "GET", headers: [String] = []) throws {
        try self.init(port: port, rawRequest: (["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Accept: text/event-stream"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n")
    }

    /// Connects and sends `rawRequest` as it is (a test may send half a request).
    init(port: Int, rawRequest: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        // No close here: the init throws with every property set, so deinit runs and closes
        // the descriptor; a second close could hit a descriptor another thread just opened.
        guard connected else { throw BoardTestError.noAnswer("127.0.0.1:\(port)") }
        _ = rawRequest.withCString { send(descriptor, $0, strlen($0), 0) }
    }

    deinit { close(descriptor) }

    /// Reads until `needle` has arrived (true) or `seconds` passed or the server closed (false).
    func read(until needle: String, seconds: Double) async throws -> Bool {
        try await OffPool.run { [self] in
            let deadline = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !received.contains(needle) {
                let left = deadline.timeIntervalSinceNow
                guard left > 0 else { return false }
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, Int32(left * 1000)) > 0 else { return false }
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else {
                    closed = true
                    return received.contains(needle)
                }
                received += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            return true
        }
    }
}
