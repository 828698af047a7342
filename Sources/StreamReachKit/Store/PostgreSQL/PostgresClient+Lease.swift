import Foundation
import PostgresNIO

extension PostgresClient {
    /// `withConnection`, but waiting at most `timeout` for the connection itself (the body
    /// then takes as long as it takes).
    ///
    /// When the server goes away during a run, PostgresNIO's pool keeps trying to connect
    /// and a lease request waits on; a nightly job then hung until cron's next night (seen:
    /// still waiting after 300 s). A job must end, saying why, so the wait is bounded here.
    func withConnection<T: Sendable>(timeout: Duration, unreachable: @escaping @Sendable () -> any Error,
                                     _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let leased = LeaseFlag()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.withConnection { connection in
                    leased.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if !leased.isSet { throw unreachable() }
                return nil
            }
            while let next = try await group.next() {
                if let result = next {
                    group.cancelAll()
                    return result
                }
            }
            throw unreachable()
        }
    }
}

/// Set once the pool handed a connection over.
private final class LeaseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
