import ArgumentParser
import Foundation

/// Where the SQLite store is: `--db`, else $STREAMREACH_DB, else the user's data folder.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The SQLite database file.",
        discussion: "Default: $STREAMREACH_DB, else $XDG_DATA_HOME/streamreach/streamreach.sqlite (~/.local/share/…).",
        valueName: "path"))
    var path: String?

    var resolvedPath: String {
        if let path { return path }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["STREAMREACH_DB"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("streamreach/streamreach.sqlite")
    }
}
