import Foundation
import Logging

/// Output helpers shared by the subcommands.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// swift-log to stderr; debug only with --verbose, so cron stays quiet.
    static func logger(verbose: Bool) -> Logger {
        var logger = Logger(label: "streamreach") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}
