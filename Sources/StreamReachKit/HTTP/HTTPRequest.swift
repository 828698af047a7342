/// One HTTP GET the collector wants made.
package struct HTTPRequest: Sendable, Hashable {
    package var url: String
    package var headers: [HTTPHeader]

    package init(url: String, headers: [HTTPHeader] = []) {
        self.url = url
        self.headers = headers
    }

    /// The host part of the URL (with its port), lower-cased, for per-host pacing.
    package var host: String {
        // Over the raw bytes, with plain loops: every request of a run asks once, before the
        // first is made. Foundation's `range(of:)` took ~1 ms for 2,000; the generic
        // collection algorithms over `String.UTF8View` that replaced it, still ~2.5 ms.
        var url = url
        return url.withUTF8 { bytes in
            var start = 0
            while start + 2 < bytes.count, !(bytes[start] == UInt8(ascii: ":") && bytes[start + 1] == UInt8(ascii: "/")
                                              && bytes[start + 2] == UInt8(ascii: "/")) {
                start += 1
            }
            guard start + 2 < bytes.count else { return "" }
            start += 3
            var end = start
            var hostStart = start
            var lowerCaseAlready = true
            scan: while end < bytes.count {
                switch bytes[end] {
                case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): break scan
                case UInt8(ascii: "@"): (hostStart, lowerCaseAlready) = (end + 1, true)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...: lowerCaseAlready = false
                default: break
                }
                end += 1
            }
            let host = String(decoding: UnsafeBufferPointer(rebasing: bytes[hostStart..<end]), as: UTF8.self)
            return lowerCaseAlready ? host : host.lowercased()
        }
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
