import Logging
import NIOCore
import PostgresNIO

extension PostgresConnection {
    /// `query`, ended with ``ConnectionLost`` when the connection closes before the answer
    /// (``untilClosed(_:)`` says why). Every query of the store goes through here.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await untilClosed { try await self.query(query, logger: logger) }
    }

    /// `body` in one transaction opened by `begin`: committed when it returns, rolled back
    /// when it throws. BEGIN, COMMIT and ROLLBACK go through ``run(_:logger:)``, not
    /// PostgresNIO's `withTransaction`, whose own queries can wait forever on a connection
    /// that closed under them (a nightly job whose server stopped hung at its migration's
    /// COMMIT).
    func transaction<T>(_ begin: PostgresQuery = "BEGIN", logger: Logger, _ body: () async throws -> T) async throws -> T {
        try await run(begin, logger: logger)
        do {
            let result = try await body()
            try await run("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await run("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// COPY of rows already encoded (``CopyTextBuffer``) into `table`, ended like ``run(_:logger:)``.
    func copy(_ data: ByteBuffer, into table: String, columns: [String] = [], logger: Logger) async throws {
        try await untilClosed {
            try await self.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await writer.write(data)
            }
        }
    }

    /// Starts closing without waiting (from a `deinit`); the connection stays referenced
    /// until it is closed, which PostgresNIO asserts.
    func closeSoon() {
        let closing: EventLoopFuture<Void> = close()
        closing.whenComplete { _ in withExtendedLifetime(self) {} }
    }
}
