import Logging
import NIOCore
import PostgresNIO

extension PostgresConnection {
    /// `query`, after checking that the connection is still open: PostgresNIO writes a
    /// query to a closed connection with no promise, so nobody hears that it failed and the
    /// caller waits forever (a nightly job whose server went away mid-run hung instead of
    /// exiting 75). Every query of the store goes through here.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        guard !isClosed else { throw ConnectionLost() }
        return try await self.query(query, logger: logger)
    }

    /// COPY of rows already encoded (``CopyTextBuffer``) into `table`.
    ///
    /// Checks first that the connection is open, as ``run(_:logger:)`` does.
    func copy(_ data: ByteBuffer, into table: String, columns: [String] = [], logger: Logger) async throws {
        guard !isClosed else { throw ConnectionLost() }
        try await copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(data)
        }
    }

    /// Starts closing without waiting (from a `deinit`); the connection stays referenced
    /// until it is closed, which PostgresNIO asserts.
    func closeSoon() {
        let closing: EventLoopFuture<Void> = close()
        closing.whenComplete { _ in withExtendedLifetime(self) {} }
    }

    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection to the server was lost; is it running?" }
    }
}
