import Foundation
import PostgresNIO

/// The shared store could not be reached, read or written: a ``StoreError`` like SQLite's,
/// so callers see one kind of store failure. PostgresNIO's errors hide their details from
/// `description` (they may hold a query's values); this says what the server said, which
/// server (never with its password), and what to do.
extension StoreError {
    /// A broken promise of the store's own code (exit 70).
    static func postgres(_ message: String) -> StoreError {
        StoreError(path: "PostgreSQL", message: message, exitStatus: .software)
    }

    /// What a store operation throws for `error`: the database's failures become a
    /// ``StoreError``; StreamReach's own errors raised inside the operation (a week out of
    /// range in a report, a conflicting import row, a cancelled run, a held lock) pass
    /// through unchanged, with their own exit status, as they do from SQLite.
    static func translating(_ error: any Error, address: PostgresAddress) -> any Error {
        if error is ExitStatusReporting { return error }
        return StoreError(address: address, error)
    }

    /// A server that is down or busy may work next time (75); a wrong role, password or
    /// database name, or missing rights, is configuration (78).
    init(address: PostgresAddress, _ error: any Error) {
        if let known = error as? StoreError {
            self = known
            return
        }
        let path = address.description
        guard let error = error as? PSQLError else {
            self.init(path: path, message: (error as? LocalizedError)?.errorDescription ?? "\(error)", exitStatus: .temporaryFailure)
            return
        }
        if let server = error.serverInfo {
            let state = server[.sqlState] ?? ""
            var text = "PostgreSQL error \(state): \(server[.message] ?? "no message")"
            if let hint = server[.hint] { text += " (\(hint))" }
            var status = ExitStatus.temporaryFailure
            switch state.prefix(2) {
            case "28":
                text += "; check the role and its password (PGPASSWORD or ~/.pgpass)"
                status = .configError
            case "3D":
                text += "; create the database first (createdb), or correct the name in --db"
                status = .configError
            case "42" where state == "42501":
                text += "; the role lacks a right StreamReach needs (docs/POSTGRESQL.md lists them)"
                status = .configError
            default:
                break
            }
            self.init(path: path, message: text, exitStatus: status)
            return
        }
        switch error.code {
        case .sslUnsupported:
            self.init(path: path, message: "the server does not offer TLS, and sslmode asks for it", exitStatus: .configError)
        case .authMechanismRequiresPassword:
            self.init(path: path, message: "the server wants a password; set PGPASSWORD or add a line to ~/.pgpass", exitStatus: .configError)
        default:
            let cause = error.underlying.map { ": \($0)" } ?? ""
            self.init(path: path, message: "cannot reach the server (\(error.code)\(cause)); is it running, and is the address right?",
                      exitStatus: .temporaryFailure)
        }
    }
}
