import Foundation
import Hummingbird
import Synchronization

/// Who may look, when the board is started with a token: a request carries it as
/// `Authorization: Bearer TOKEN`, or a browser carries the session cookie that a one-time
/// login link set (a screen on the wall cannot send a header). Sessions and links live in
/// memory: a restart signs every browser out, which is the safe side.
final class BoardAccessGate: Sendable {
    static let cookieName = "streamreach_board"
    /// How long a login link can be used (once).
    static let linkLifetime: TimeInterval = 15 * 60

    private let token: String?
    private let sessions = Mutex<Set<String>>([])
    private let links = Mutex<[String: Date]>([:])

    init(access: BoardAccess) {
        if case .token(let token) = access { self.token = token } else { token = nil }
    }

    var isOpen: Bool { token == nil }

    func allows(_ request: Request) -> Bool {
        guard token != nil else { return true }
        if carriesToken(request) { return true }
        if let session = request.cookies[Self.cookieName]?.value {
            return sessions.withLock { $0.contains(session) }
        }
        return false
    }

    /// The request itself sends the token (not a cookie): only such a request may make
    /// login links, so a page a signed-in browser is lured to cannot make one for itself.
    func carriesToken(_ request: Request) -> Bool {
        guard let token, let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return Self.same(String(header.dropFirst("Bearer ".count)), token)
    }

    /// A new one-time login link's code, good for ``linkLifetime``.
    func mintLink(now: Date = Date()) -> String {
        let code = Self.randomCode()
        links.withLock { links in
            links = links.filter { $0.value > now }
            links[code] = now.addingTimeInterval(Self.linkLifetime)
        }
        return code
    }

    /// Uses up a login link; returns the new session's cookie value, or nil for a link that
    /// is unknown, used or expired.
    func redeem(_ code: String, now: Date = Date()) -> String? {
        let valid = links.withLock { links in links.removeValue(forKey: code).map { $0 > now } ?? false }
        guard valid else { return nil }
        let session = Self.randomCode()
        sessions.withLock { _ = $0.insert(session) }
        return session
    }

    /// 32 random bytes as hex, from the system's generator.
    static func randomCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares without stopping at the first difference, so the time taken does not tell
    /// how much of a guessed token was right.
    static func same(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0xff)
        }
        return difference == 0
    }
}
