import PostgresNIO
import Synchronization

extension PostgresConnection {
    /// Runs `operation` (a query or a COPY on this connection) and stops waiting for it when
    /// the connection closes first, throwing ``ConnectionLost``.
    ///
    /// Why: PostgresNIO hands a query to its channel without a promise for the write. When the
    /// channel closed a moment before (the server went away), its handlers are gone, the write
    /// fails unheard, and the query's own promise is never completed: a nightly job hung for
    /// good about once in 15 runs of the test that stops the server mid-run. Checking
    /// `isClosed` first narrows that window but cannot shut it, since the channel closes on
    /// its event loop while the check runs on ours. The abandoned operation stays suspended
    /// until the process ends; nothing else waits for it.
    func untilClosed<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !isClosed else { throw ConnectionLost() }
        let outcome = Outcome<T>()
        let work = Task {
            do { outcome.settle(.success(try await operation())) } catch { outcome.settle(.failure(error)) }
        }
        let watch = ClosingWatch.of(self)
        let ticket = watch.add { outcome.settle(.failure(ConnectionLost())) }
        defer { if let ticket { watch.remove(ticket) } }
        if ticket == nil { outcome.settle(.failure(ConnectionLost())) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { outcome.deliver(to: $0) }
        } onCancel: {
            work.cancel()
        }
    }

    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection to the server was lost; is it running?" }
    }
}

/// The first result of an operation and its watch, handed to one waiter.
private final class Outcome<T: Sendable>: Sendable {
    private struct State {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<T, any Error>?
    }
    private let state = Mutex(State())

    /// Keeps the first result only.
    func settle(_ result: Result<T, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<T, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func deliver(to waiter: CheckedContinuation<T, any Error>) {
        let result = state.withLock { state -> Result<T, any Error>? in
            if state.result == nil { state.waiter = waiter }
            return state.result
        }
        if let result { waiter.resume(with: result) }
    }
}

/// Calls whoever waits on a connection when it closes. One per open connection, watching its
/// `closeFuture` once: a callback per query on that future would pile up on a connection that
/// lives for weeks (the live poller's), since a future keeps its callbacks until it completes.
private final class ClosingWatch: Sendable {
    private struct Waiters {
        var closed = false
        var next = 0
        var calls: [Int: @Sendable () -> Void] = [:]
    }
    private let waiters = Mutex(Waiters())

    /// Keyed by the connection's address, and checked to be that connection: a closed one may
    /// be freed and its address reused before its close callback has run.
    private static let open = Mutex<[ObjectIdentifier: Entry]>([:])

    private struct Entry {
        weak var connection: PostgresConnection?
        let watch: ClosingWatch
    }

    static func of(_ connection: PostgresConnection) -> ClosingWatch {
        let key = ObjectIdentifier(connection)
        let (watch, isNew) = open.withLock { entries -> (ClosingWatch, Bool) in
            if let entry = entries[key], entry.connection === connection { return (entry.watch, false) }
            let watch = ClosingWatch()
            entries[key] = Entry(connection: connection, watch: watch)
            return (watch, true)
        }
        if isNew {
            // Runs at once when the connection is already closed.
            connection.closeFuture.whenComplete { _ in
                open.withLock { entries in
                    if entries[key]?.watch === watch { entries[key] = nil }
                }
                watch.closed()
            }
        }
        return watch
    }

    /// A ticket to remove `call` with, or nil when the connection has closed already.
    func add(_ call: @escaping @Sendable () -> Void) -> Int? {
        waiters.withLock { waiters -> Int? in
            guard !waiters.closed else { return nil }
            waiters.next += 1
            waiters.calls[waiters.next] = call
            return waiters.next
        }
    }

    func remove(_ ticket: Int) {
        _ = waiters.withLock { $0.calls.removeValue(forKey: ticket) }
    }

    private func closed() {
        let calls = waiters.withLock { waiters -> [@Sendable () -> Void] in
            waiters.closed = true
            defer { waiters.calls = [:] }
            return Array(waiters.calls.values)
        }
        for call in calls { call() }
    }
}
