import Foundation

/// How to read the counts of one platform channel: fully resolved, secrets included.
package struct SourceSpec: Sendable {
    /// How several ids share one request.
    package struct Batch: Sendable {
        package var size: Int
        /// Put between the formatted ids to make `{ids}`.
        package var separator: String
        /// How one id is written inside `{ids}`, e.g. `user_login={id}` for Twitch.
        package var itemFormat: String
        /// Where the list of results is, and where each result names its id.
        package var items: JSONPointer
        package var itemID: JSONPointer
        /// Match ids ignoring case (Twitch logins).
        package var caseInsensitiveIDs: Bool
    }

    package var channel: String
    package var platform: Platform
    /// What the number is: a cumulative count or the viewers now. Never mixed (``Figure``).
    package var figure: Figure = .views
    /// URL with `{id}` (one request per stream) or `{ids}` (batched); secrets already in.
    package var urlTemplate: String
    package var headers: [HTTPHeader]
    /// Where the count is: in the whole document, or in each batch item.
    package var value: JSONPointer
    package var batch: Batch?
    /// Where the platform puts an error's reason, for messages and classification.
    package var errorReason: [JSONPointer]
    /// Error reasons that mean "quota used up": not retried, but temporary.
    package var quotaReasons: Set<String>
    /// Error reasons that mean the key or token is wrong: a configuration problem.
    package var authReasons: Set<String> = []
    /// What it means when a batch result lacks an id (Twitch: offline; YouTube: unknown id).
    package var missingItem: Missing = .permanent
    /// What it means when the count's path is not in the document (Owncast omits 0).
    package var missingValue: Missing = .permanent
    /// Where the document says a missing count is 0 (Owncast's `/online`: a server that is
    /// live and leaves out `viewerCount` has nobody watching); nil: a missing count is
    /// `missingValue`'s.
    package var zeroWhenMissingIf: JSONPointer?
    package var requestsPerSecond: Double?

    package enum Missing: String, Sendable {
        /// An explicit "no count now" outcome: not an error, not zero.
        case absent
        /// A data problem worth fixing: wrong id, changed API.
        case permanent
    }

    /// Sources with the same key make the same requests for the same ids: their ids can
    /// share a batch. Everything but the channel's name (secrets included: held in memory
    /// only, never printed).
    package var batchKey: String {
        let batchText = batching.map { "\($0.size)\u{1}\($0.separator)\u{1}\($0.itemFormat)\u{1}\($0.items)\u{1}\($0.itemID)" } ?? "single"
        let headerText = headers.map { "\($0.name)\u{1}\($0.value)" }.joined(separator: "\u{2}")
        // A source without batching reads one id per request: nothing to share, so its
        // channel stays its own group (and its requests keep their channel's name).
        let own = batching == nil ? channel : ""
        let reading = "\(value)\u{1}\(missingItem.rawValue)\u{1}\(missingValue.rawValue)\u{1}\(zeroWhenMissingIf.map { "\($0)" } ?? "")"
        return [platform.rawValue, figure.rawValue, urlTemplate, headerText, batchText, reading, String(describing: requestsPerSecond), own]
            .joined(separator: "\u{0}")
    }

    /// The batching the requests follow: only a URL with `{ids}` takes several.
    private var batching: Batch? { urlTemplate.contains("{ids}") ? batch : nil }

    /// How many requests reading `count` distinct ids takes.
    package func requestCount(for count: Int) -> Int {
        batching.map { (count + $0.size - 1) / $0.size } ?? count
    }

    /// The requests for these stream ids, each with the ids it covers.
    package func requests(for ids: [String]) -> [(request: HTTPRequest, ids: [String])] {
        guard let batch = batching else {
            // The template is split once, not searched once per id: a run builds thousands.
            let parts = urlTemplate.components(separatedBy: "{id}")
            return ids.map { id in (HTTPRequest(url: parts.joined(separator: Self.encode(id)), headers: headers), [id]) }
        }
        let item = batch.itemFormat.components(separatedBy: "{id}")
        let url = urlTemplate.components(separatedBy: "{ids}")
        return stride(from: 0, to: ids.count, by: batch.size).map { start in
            let chunk = Array(ids[start..<min(start + batch.size, ids.count)])
            let joined = chunk.map { item.joined(separator: Self.encode($0)) }.joined(separator: batch.separator)
            return (HTTPRequest(url: url.joined(separator: joined), headers: headers), chunk)
        }
    }

    /// RFC 3986's unreserved characters, ASCII only (Foundation's `alphanumerics` would let
    /// letters such as `é` through unencoded). Built once: it was built for every id.
    private static let unreservedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    private static let unreserved = CharacterSet(charactersIn: unreservedCharacters)
    /// The same characters by byte, for the check that most ids pass unchanged.
    private static let unreservedBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in unreservedCharacters.utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Ids go into URLs: keep unreserved characters, percent-encode the rest.
    static func encode(_ id: String) -> String {
        // Nearly every id is unreserved already; saying so from its bytes skips Foundation's
        // encoder, the larger part of building a run's requests.
        if id.utf8.allSatisfy({ unreservedBytes[Int($0)] }) { return id }
        return id.addingPercentEncoding(withAllowedCharacters: unreserved) ?? id
    }
}
