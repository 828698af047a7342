import Foundation
import StreamReachKit

/// How `streamreach serve` runs: where it listens, who may look, and the limits that keep a
/// slow or stuck client from holding it.
package struct BoardSettings: Sendable {
    package var bind = BoardBind(host: "127.0.0.1", port: 8080)
    package var access: BoardAccess = .loopback
    /// Connections open at once; past it the server stops accepting until one closes.
    package var maxConnections = 4096
    /// Requests being answered at once (a live page's stream not counted); past it, 503.
    package var maxRequests = 512
    /// `/live` event streams at once; past it, 503.
    package var maxLiveClients = 2000
    /// A connection that sends no complete request for this long is closed (a slow client
    /// dribbling a header counts as sending nothing).
    package var idleTimeout: Duration = .seconds(30)
    /// How often the store is asked whether anything changed.
    package var watchInterval: Duration = .milliseconds(100)
    /// A comment on every live stream this often, so a dead connection is noticed.
    package var heartbeat: Duration = .seconds(15)
    /// How often `/live` refreshes itself when the browser runs no JavaScript.
    package var refreshSeconds = 20

    package init() {}
}

/// Who may look at the board.
package enum BoardAccess: Sendable, Equatable {
    /// Anyone who can reach the address: only allowed on a loopback address.
    case loopback
    /// Only with the token: `Authorization: Bearer TOKEN`, or a cookie a one-time login
    /// link sets.
    case token(String)
    /// Anyone, on any address: a read-only public board, asked for explicitly.
    case publicBoard
}

/// An address to listen on: `HOST:PORT`, `[IPv6]:PORT`, or a port alone (loopback).
package struct BoardBind: Sendable, Equatable, CustomStringConvertible {
    package let host: String
    package let port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    package init?(_ text: String) {
        var host = "127.0.0.1", portText = text
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = String(rest.dropFirst())
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
            if host.contains(":") { return nil }  // a bare IPv6 address needs brackets
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
        self.init(host: host, port: port)
    }

    /// Reachable only from this machine: 127.0.0.0/8, ::1 or localhost.
    package var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// The board cannot start as asked; says what to change.
package struct BoardSetupError: Error, LocalizedError, ExitStatusReporting {
    package let message: String
    package let exitStatus: ExitStatus

    package var errorDescription: String? { message }

    /// A board on an address other machines reach, without saying who may look.
    package static func exposed(_ bind: BoardBind) -> BoardSetupError {
        BoardSetupError(message: """
            \(bind.host) is reachable from other machines, and the board would show the programme's figures to anyone there: \
            add --token TOKEN (or $STREAMREACH_BOARD_TOKEN) so only people with it can look, or --public for a read-only public board
            """, exitStatus: .usage)
    }
}

extension BoardSetupError {
    /// The address is taken (another board, or a board still stopping), or a port below
    /// 1024 without the right to it.
    static func cannotListen(_ bind: BoardBind, inUse: Bool) -> BoardSetupError {
        inUse
            ? BoardSetupError(message: "\(bind) is in use by another program (another board, or one still stopping): stop it, or choose another address with --bind",
                              exitStatus: .temporaryFailure)
            : BoardSetupError(message: "no right to listen on \(bind): ports below 1024 need privileges; choose a higher port with --bind, or put a proxy in front",
                              exitStatus: .configError)
    }
}

extension BoardSettings {
    /// Refuses a board that would be open to other machines by accident.
    package func checked() throws -> BoardSettings {
        if access == .loopback && !bind.isLoopback { throw BoardSetupError.exposed(bind) }
        return self
    }
}
