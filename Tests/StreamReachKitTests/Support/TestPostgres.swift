import Foundation
import Logging
import PostgresNIO
@testable import StreamReachKit

/// The real PostgreSQL server of the tests: the one `make test` started
/// (`$STREAMREACH_TEST_POSTGRES`, an admin URL), else one this process starts with
/// Tests/postgres/cluster.sh and removes when it exits. Each test gets a database of its
/// own, dropped after it. No mock: without a server the tests fail, saying why.
actor TestPostgres {
    static let shared = TestPostgres()

    private var admin: PostgresAddress?
    /// The folder of a cluster this process started (removed at exit).
    nonisolated(unsafe) private static var ownCluster: String?

    /// The admin address (superuser `postgres`, database `postgres`).
    func adminAddress() throws -> PostgresAddress {
        if let admin { return admin }
        let url: String
        if let given = ProcessInfo.processInfo.environment["STREAMREACH_TEST_POSTGRES"], !given.isEmpty {
            url = given
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-pg-\(getpid())").path
            let started = try Self.cluster("start", folder)
            Self.ownCluster = folder
            atexit {
                if let folder = TestPostgres.ownCluster { _ = try? TestPostgres.cluster("stop", folder) }
            }
            url = started
        }
        let address = try PostgresAddress(url: url, environment: [:])
        admin = address
        return address
    }

    /// The cluster's folder, for its certificate; nil when the server was given.
    func certificate() throws -> String? {
        _ = try adminAddress()
        if let folder = Self.ownCluster { return folder + "/server.crt" }
        return ProcessInfo.processInfo.environment["STREAMREACH_TEST_POSTGRES_CERT"]
    }

    /// A new empty database; returns its URL (as the admin) and what drops it.
    func freshDatabase() async throws -> (url: String, drop: @Sendable () async -> Void) {
        let admin = try adminAddress()
        let name = "sr_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await Self.execute(admin, "CREATE DATABASE \(name)")
        guard case .tcp(let host, let port) = admin.endpoint else { throw TestPostgresError("the test server must listen on TCP") }
        let url = "postgresql://\(admin.user)@\(host):\(port)/\(name)?sslmode=disable"
        return (url, { _ = try? await Self.execute(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    /// Runs statements as the admin on `database` (default: the admin's own).
    static func execute(_ address: PostgresAddress, _ statements: String..., database: String? = nil) async throws {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        var configuration = try address.connectionConfiguration(applicationName: "streamreach tests")
        if let database { configuration.database = database }
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        for statement in statements {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// Runs a query as the admin and returns the first column of every row as text.
    static func strings(_ url: String, _ sql: String) async throws -> [String] {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let address = try PostgresAddress(url: url, environment: [:])
        let connection = try await PostgresConnection.connect(
            configuration: try address.connectionConfiguration(applicationName: "streamreach tests"), id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        var values: [String] = []
        for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String?.self) {
            values.append(value ?? "NULL")
        }
        return values
    }

    /// Output goes to files, not pipes: the server that the script starts keeps the
    /// descriptors it inherited open, so reading a pipe to its end would never return.
    @discardableResult
    static func cluster(_ command: String, _ folder: String) throws -> String {
        let outputPath = folder + ".out", errorPath = folder + ".err"
        defer { try? FileManager.default.removeItem(atPath: outputPath); try? FileManager.default.removeItem(atPath: errorPath) }
        // ChildProcess, not Foundation's Process: see why there.
        let child = try ChildProcess("/bin/sh", [Fixtures.root.appendingPathComponent("Tests/postgres/cluster.sh").path, command, folder],
                                     stdout: .file(outputPath), stderr: .file(errorPath))
        let status = child.wait()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let problem = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw TestPostgresError("Tests/postgres/cluster.sh \(command) failed (\(status)): \(problem)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct TestPostgresError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
