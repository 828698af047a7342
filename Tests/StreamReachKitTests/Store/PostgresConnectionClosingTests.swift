import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
@testable import StreamReachKit

/// The store's queries end when their connection closes under them, however close the two
/// moments are. PostgresNIO loses a query written just after its channel closed, and the
/// caller waited forever: a nightly job hung when its server went away mid-run.
@Suite struct PostgresConnectionClosingTests {
    @Test func aQueryMeetingTheCloseAlwaysEnds() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let address = try PostgresAddress(url: database.url, environment: [:])
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        var answered = 0, lost = 0, hung = 0
        for round in 0..<300 {
            let connection = try await PostgresConnection.connect(
                configuration: try address.connectionConfiguration(applicationName: "streamreach tests"), id: round, logger: logger)
            // The close starts a varying moment around the query, so that some queries meet
            // a channel that has just closed (without the fix: 10 of 300 never ended).
            let closing = Task {
                if round % 4 == 0 { try? await Task.sleep(for: .milliseconds(2)) }
                for _ in 0..<(round % 6) { await Task.yield() }
                try? await connection.close()
            }
            let outcome = Mutex<Bool?>(nil)
            let query = Task {
                for _ in 0..<(round % 5) { await Task.yield() }
                do {
                    for try await _ in try await connection.run("SELECT 1", logger: logger).decode(Int.self) {}
                    outcome.withLock { $0 = true }
                } catch {
                    outcome.withLock { $0 = false }
                }
            }
            // Waits by polling: a query that never ends cannot be awaited. Generously: a query
            // that ends is answered in milliseconds, but the pool may be busy for seconds.
            let deadline = ContinuousClock.now + .seconds(20)
            while outcome.withLock({ $0 }) == nil && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(1))
            }
            switch outcome.withLock({ $0 }) {
            case true?: answered += 1
            case false?: lost += 1
            case nil: hung += 1; query.cancel()
            }
            await closing.value
        }
        #expect(hung == 0, "\(hung) of 300 queries never ended (\(answered) answered, \(lost) lost)")
        // Both sides of the race were reached: some queries ran, some met the close.
        #expect(answered > 0 && lost > 0, "answered \(answered), lost \(lost)")
    }

    /// Every statement of the store goes through `run` or `copy`, which end when the
    /// connection closes. PostgresNIO's own `query`, `withTransaction` and `copyFrom` do not:
    /// a migration through `withTransaction` hung at its COMMIT when the server stopped.
    @Test func noStatementBypassesTheCloseWatch() throws {
        let folder = Fixtures.root.appendingPathComponent("Sources")
        let guarded = "PostgresConnection+Copy.swift"
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" && file.lastPathComponent != guarded {
            let text = try String(contentsOf: file, encoding: .utf8)
            for call in [".query(", ".withTransaction(", ".copyFrom(", ".execute("] where text.contains(call) && text.contains("PostgresNIO") {
                offenders.append("\(file.lastPathComponent): \(call)")
            }
        }
        #expect(files.count > 50, "the sources were found")
        #expect(offenders.isEmpty, "\(offenders)")
    }

    /// The one statement the source scan above cannot see: the pool's own keep-alive query,
    /// sent with PostgresNIO's `query` (PostgresClient.swift, `runKeepAlive`). Its default is
    /// on; the store turns it off.
    @Test func thePoolSendsNoStatementOfItsOwn() throws {
        let address = try PostgresAddress(url: "postgresql://someone@127.0.0.1:5432/reach", environment: [:])
        #expect(PostgresClient.Configuration(host: "h", username: "u", password: nil, database: nil, tls: .disable)
            .options.keepAliveBehavior != nil, "PostgresNIO's default keeps idle connections alive with a query")
        #expect(try address.clientConfiguration().options.keepAliveBehavior == nil)
    }
}
