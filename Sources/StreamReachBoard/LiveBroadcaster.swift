import Foundation
import NIOCore
import ServiceLifecycle
import Synchronization

/// The `/live` event streams: one update, rendered once, handed to every client.
///
/// Each client has a small buffer that keeps the newest updates: a slow reader skips the
/// ones it could not take in time instead of holding memory or the others. On shutdown
/// every client is told to come back (`retry`) and its stream ends, so the server can stop
/// without waiting for streams that never finish.
final class LiveBroadcaster: Service, Sendable {
    private struct Clients {
        var next = 0
        var open: [Int: AsyncStream<ByteBuffer>.Continuation] = [:]
        var closed = false
    }

    private let clients = Mutex(Clients())
    private let latest = Mutex<ByteBuffer?>(nil)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// A stream of updates that starts with the latest one; nil past the limit or while
    /// shutting down (the caller answers 503).
    func subscribe() -> (id: Int, updates: AsyncStream<ByteBuffer>)? {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let id: Int? = clients.withLock { clients in
            guard !clients.closed, clients.open.count < limit else { return nil }
            clients.next += 1
            clients.open[clients.next] = continuation
            return clients.next
        }
        guard let id else { return nil }
        if let latest = latest.withLock({ $0 }) { continuation.yield(latest) }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        _ = clients.withLock { $0.open.removeValue(forKey: id) }
    }

    /// Sends `event` to every client and keeps it for the ones that connect next.
    func publish(_ event: ByteBuffer) {
        latest.withLock { $0 = event }
        send(event)
    }

    /// Sends without keeping (a heartbeat comment).
    func send(_ event: ByteBuffer) {
        let open = clients.withLock { Array($0.open.values) }
        for continuation in open { continuation.yield(event) }
    }

    /// Tells every client to reconnect in `retry` and ends its stream; no new client is taken.
    func close(farewell: ByteBuffer) {
        let open = clients.withLock { clients in
            clients.closed = true
            defer { clients.open = [:] }
            return Array(clients.open.values)
        }
        for continuation in open {
            continuation.yield(farewell)
            continuation.finish()
        }
    }

    /// Runs until the service group shuts down, then closes every stream. It is placed after
    /// the HTTP server in the group, so it shuts down first: the server then finds no stream
    /// left open and stops at once.
    func run() async throws {
        try? await gracefulShutdown()
        close(farewell: ByteBuffer(string: LivePage.event("reconnect", "The board is restarting.", retryMilliseconds: 3000)))
    }
}
