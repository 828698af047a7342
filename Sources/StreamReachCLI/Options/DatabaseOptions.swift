import ArgumentParser
import Foundation

/// Where the store is: `--db`, else $STREAMREACH_DB, else the user's SQLite file. A
/// `postgresql://` URL is the shared PostgreSQL store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The SQLite database file, or a PostgreSQL URL (postgresql://user@host:5432/db?sslmode=require).",
        discussion: """
            Default: $STREAMREACH_DB, else $XDG_DATA_HOME/streamreach/streamreach.sqlite, else \
            $HOME/.local/share/streamreach/streamreach.sqlite. For PostgreSQL, what the URL leaves out comes \
            from PGHOST, PGPORT, PGUSER, PGDATABASE, PGSSLMODE, PGSSLROOTCERT; the password from PGPASSWORD or \
            ~/.pgpass (PGPASSFILE), never printed (docs/POSTGRESQL.md).
            """,
        valueName: "path-or-url"), completion: .file(extensions: ["sqlite", "db"]))
    var path: String?

    var resolvedPath: String {
        if let path { return path }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["STREAMREACH_DB"], !path.isEmpty { return path }
        // $HOME before the password database: NSHomeDirectory() ignores it, and a job run with
        // another HOME (env -i, a unit's Environment=) must find its own files.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("streamreach/streamreach.sqlite")
    }
}
