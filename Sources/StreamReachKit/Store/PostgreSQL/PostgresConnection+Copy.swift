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
