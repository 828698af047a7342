import FlyingFox
import FlyingSocks

/// A FlyingFox server on 127.0.0.1 with a free port: the simulated platforms of the demo
/// and the tests' stub servers both start one.
package struct LoopbackHTTPServer: Sendable {
    package let server: HTTPServer
    package let task: Task<Void, any Error>
    package let port: UInt16

    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `.loopback` binds ::1, while platforms are reached as 127.0.0.1: bind IPv4 explicitly.
    package static func start(_ respond: @escaping @Sendable (FlyingFox.HTTPRequest) async -> FlyingFox.HTTPResponse) async throws -> LoopbackHTTPServer {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        await server.appendRoute("*") { request in await respond(request) }
        let task = Task { try await server.run() }
        // FlyingFox gives up after 5 s by default. The server's task needs a turn on Swift's
        // cooperative pool (2 threads on the CI machine), and when a whole test suite starts at
        // once that turn came later than that: a test failed before its server listened.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            task.cancel()
            throw LoopbackHTTPServerError.noPort
        }
        return LoopbackHTTPServer(server: server, task: task, port: port)
    }

    package func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

package enum LoopbackHTTPServerError: Error {
    case noPort
}
