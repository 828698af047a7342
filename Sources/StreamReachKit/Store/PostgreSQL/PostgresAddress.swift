import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store is and how to reach it, resolved as libpq does: the URL first,
/// then the `PG*` environment variables, then libpq's defaults; the password from the URL,
/// `$PGPASSWORD` or the password file (`$PGPASSFILE`, else `~/.pgpass`).
///
/// Written here because PostgresNIO takes a host, a port and a password but reads neither
/// a connection URL nor the environment nor a password file; every PostgreSQL tool does,
/// and an operator expects `--db postgresql://…` to behave as `psql` does with the same text.
package struct PostgresAddress: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    package var debugDescription: String { description }
    package enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    /// libpq's `sslmode`; `allow` behaves as `prefer`.
    package enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package let endpoint: Endpoint
    package let user: String
    package let database: String
    package let sslMode: SSLMode
    package let sslRootCertificate: String?
    /// Never printed: ``description`` leaves it out.
    package let password: String?

    /// Whether `--db` names a PostgreSQL store rather than a SQLite file.
    package static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The address without its password, for every message and log line.
    package var description: String {
        switch endpoint {
        case .tcp(let host, let port):
            let shown = host.contains(":") ? "[\(host)]" : host
            return "postgresql://\(user)@\(shown):\(port)/\(database)"
        case .socket(let path):
            return "postgresql://\(user)@/\(database) (socket \(path))"
        }
    }

    package init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                 home: String? = nil) throws {
        guard Self.isURL(text), let url = URLComponents(string: text) else {
            throw PostgresAddressError("not a PostgreSQL URL; write postgresql://user@host:5432/database")
        }
        var parameters: [String: String] = [:]
        for item in url.queryItems ?? [] {
            guard Self.knownParameters.contains(item.name) else {
                throw PostgresAddressError("unknown parameter `\(item.name)`; StreamReach reads \(Self.knownParameters.sorted().joined(separator: ", "))")
            }
            parameters[item.name] = item.value ?? ""
        }
        func setting(_ parameter: String, _ variable: String) -> String? {
            [parameters[parameter], environment[variable]].compactMap { $0 }.first { !$0.isEmpty }
        }
        let host = [url.host.flatMap { $0.isEmpty ? nil : $0 }, setting("host", "PGHOST")].compactMap { $0 }.first ?? "/var/run/postgresql"
        let portText = url.port.map(String.init) ?? setting("port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw PostgresAddressError("port `\(portText)` is not a port number")
        }
        let systemUser = environment["USER"] ?? environment["LOGNAME"] ?? "postgres"
        user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? setting("user", "PGUSER") ?? systemUser
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? (setting("dbname", "PGDATABASE") ?? user) : path
        let modeText = setting("sslmode", "PGSSLMODE") ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw PostgresAddressError("sslmode `\(modeText)` is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        sslMode = mode
        sslRootCertificate = setting("sslrootcert", "PGSSLROOTCERT")
        if host.hasPrefix("/") {
            endpoint = .socket(path: (host as NSString).appendingPathComponent(".s.PGSQL.\(port)"))
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        let passwordFile = environment["PGPASSFILE"]
            ?? ((home ?? environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".pgpass")
        password = url.password.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PasswordFile.lookup(path: passwordFile, host: host, port: port, database: database, user: user)
    }

    private static let knownParameters: Set<String> = ["host", "port", "user", "dbname", "sslmode", "sslrootcert"]

    /// The pool's configuration.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: try clientTLS())
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: user, password: password, database: database)
        }
        configuration.options.connectTimeout = .seconds(10)
        // No keep-alive query: the pool would send its `SELECT 1` with PostgresNIO's own
        // `query`, outside the close watch of `run`, and one written just as its connection
        // closes never ends, which holds up the pool's shutdown in a resident `live` or
        // `serve`. It adds nothing here: idle connections are closed after a minute anyway,
        // and a server that goes away closes the socket, which the pool sees by itself.
        configuration.options.keepAliveBehavior = nil
        return configuration
    }

    /// A single connection's configuration (the run lock holds one of its own).
    func connectionConfiguration(applicationName: String) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case .disable: tls = .disable
            case .allow, .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration()))
            case .require, .verifyCA, .verifyFull: tls = .require(try NIOSSLContext(configuration: tlsConfiguration()))
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: user, password: password, database: database)
        }
        // PostgreSQL keeps 63 bytes of it; cut at a character, never inside one.
        var name = ""
        for character in applicationName {
            guard name.utf8.count + character.utf8.count <= 63 else { break }
            name.append(character)
        }
        configuration.options.additionalStartupParameters = [("application_name", name)]
        return configuration
    }

    private func clientTLS() throws -> PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer: return .prefer(try tlsConfiguration())
        case .require, .verifyCA, .verifyFull: return .require(try tlsConfiguration())
        }
    }

    /// libpq's meaning of each mode: `require` encrypts without checking the certificate
    /// (unless a root certificate is given), `verify-ca` checks the chain, `verify-full`
    /// the chain and the host name.
    private func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let sslRootCertificate {
            tls.trustRoots = .file(sslRootCertificate)
        }
        switch sslMode {
        case .disable, .allow, .prefer:
            tls.certificateVerification = .none
        case .require:
            tls.certificateVerification = sslRootCertificate == nil ? .none : .noHostnameVerification
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        return tls
    }
}

/// A `--db` URL that cannot be used; says what to write instead.
package struct PostgresAddressError: Error, LocalizedError, ExitStatusReporting {
    package let message: String
    init(_ message: String) { self.message = message }
    package var errorDescription: String? { "--db: \(message)" }
    package var exitStatus: ExitStatus { .configError }
}

/// libpq's password file: lines `host:port:database:user:password`, `*` matching anything,
/// `\:` and `\\` escaped; the first matching line wins. Like libpq, a file that others can
/// read is ignored.
enum PasswordFile {
    static func lookup(path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        // A socket connection matches `localhost` in the file, as in libpq.
        let hostName = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostName, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
