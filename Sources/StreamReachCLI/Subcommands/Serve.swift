import ArgumentParser
import Foundation
import Logging
import StreamReachBoard
import StreamReachKit

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the board: where each programme stands, its weekly reports, and who is watching live.",
        discussion: """
            Pages: / (each programme at a glance), /p/ID (the programme by week and day, with \
            its calendar feed and schedule JSON/XML), /p/ID/reports and /p/ID/week/N (the weekly \
            reports, as report --format html renders them), /live (streams live now, updated in \
            place as `streamreach live` stores figures; it refreshes itself without JavaScript) \
            and /metrics (Prometheus). It only reads the store.

            Listens on 127.0.0.1 unless told otherwise. Another address needs a token (people \
            send "Authorization: Bearer TOKEN", or open a one-time login link that \
            `curl -X POST -H "Authorization: Bearer TOKEN" http://HOST:PORT/login-links` makes), \
            or --public for a read-only public board. The programme's feeds stay open either \
            way: a calendar app cannot send a token. SIGTERM stops it gracefully.

            Exit codes: 64 usage (an exposed address without --token or --public), 65 bad \
            programme, 74/75/78 the store cannot be read, as for report; 75 the address is in use.
            """
    )

    @Argument(help: ArgumentHelp("The programme files (YAML) to serve.", valueName: "programme"),
              completion: .file(extensions: ["yaml", "yml"]))
    var files: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Address to listen on: HOST:PORT, [IPv6]:PORT, or PORT (on 127.0.0.1).", valueName: "address"))
    var bind = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("The token people need to look (prefer $STREAMREACH_BOARD_TOKEN: a command line shows in ps).",
                               valueName: "token"))
    var token: String?

    @Flag(name: .customLong("public"), help: "Serve a read-only public board on any address, without a token.")
    var isPublic = false

    @Option(help: ArgumentHelp("Log as text or json (one object per line).", valueName: "format"))
    var logFormat: LogFormat = .text

    @Option(help: ArgumentHelp("Live pages updated at once; past it, 503 (each is one open connection).", valueName: "count"))
    var maxLiveClients = 2000

    @Option(help: ArgumentHelp("Connections open at once; past it, new ones wait.", valueName: "count"))
    var maxConnections = 4096

    @Flag(name: .shortAndLong, help: "Log every request.")
    var verbose = false

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    var resolvedToken: String? {
        token ?? ProcessInfo.processInfo.environment["STREAMREACH_BOARD_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("name the programme file(s) to serve") }
        guard BoardBind(bind) != nil else {
            throw ValidationError("--bind takes HOST:PORT, [IPv6]:PORT or PORT, found '\(bind)'")
        }
        if isPublic && resolvedToken != nil { throw ValidationError("give --token or --public, not both: a public board needs no token") }
        if let token = resolvedToken, token.count < 16 {
            throw ValidationError("the token is too short to keep anyone out: use at least 16 characters (e.g. openssl rand -hex 16)")
        }
        if maxLiveClients < 1 || maxConnections < 1 { throw ValidationError("--max-live-clients and --max-connections must be at least 1") }
    }

    func run() async throws {
        let programmes = try files.map(loadProgramme)
        var settings = BoardSettings()
        settings.bind = BoardBind(bind)!
        settings.access = isPublic ? .publicBoard : resolvedToken.map(BoardAccess.token) ?? .loopback
        settings.maxLiveClients = maxLiveClients
        settings.maxConnections = maxConnections
        _ = try settings.checked()
        let store = try await StoreLocation.openExisting(database.resolvedPath)
        let logger = Self.logger(format: logFormat, verbose: verbose)
        let server = BoardServer(programmes: programmes, store: store, settings: settings, logger: logger)
        let host = settings.bind.host.contains(":") ? "[\(settings.bind.host)]" : settings.bind.host
        try await server.run { port, loginLink in
            logger.notice("serving the board", metadata: [
                "address": "http://\(host):\(port)/", "programmes": "\(programmes.map(\.series.id).joined(separator: ","))",
                "store": "\(StoreLocation.display(database.resolvedPath))",
                "access": "\(isPublic ? "public" : resolvedToken != nil ? "token" : "loopback")",
            ])
            // A login link is a secret: shown on a terminal, never written to a log.
            if Terminal.stderrIsTerminal, let link = loginLink() {
                Terminal.writeError("Open http://\(host):\(port)\(link) once, within 15 minutes, to sign a browser in.")
            }
        }
        logger.notice("board stopped")
    }

    static func logger(format: LogFormat, verbose: Bool) -> Logger {
        var logger = switch format {
        case .text: Logger(label: "streamreach.serve") { StreamLogHandler.standardError(label: $0) }
        case .json: Logger(label: "streamreach.serve") { JSONLogHandler(label: $0) }
        }
        logger.logLevel = verbose ? .debug : .notice
        return logger
    }
}
