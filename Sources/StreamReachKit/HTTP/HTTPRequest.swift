/// One HTTP GET the collector wants made.
package struct HTTPRequest: Sendable, Hashable {
    package var url: String
    package var headers: [HTTPHeader]

    package init(url: String, headers: [HTTPHeader] = []) {
        self.url = url
        self.headers = headers
    }

    /// The host part of the URL, for per-host pacing.
    package var host: String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@").last ?? authority).lowercased()
    }
}

package struct HTTPHeader: Sendable, Hashable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What came back: the final response after any redirects.
package struct HTTPResponse: Sendable {
    package var status: Int
    /// Header names lower-cased; the last value wins.
    package var headers: [String: String]
    package var body: [UInt8]

    package init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
