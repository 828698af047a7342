import Foundation

/// A parsed JSON text, or a part of one, read through JSON Pointers.
///
/// Through JSONSerialization rather than a `Decodable` value: decoding an unknown shape
/// with Codable means trying each type in turn, and every failed try builds an error; that
/// made parsing the platforms' answers a third of the transfer thread's work.
///
/// Values become `JSONValue`s only where a pointer reads them. Each node of Foundation's
/// tree takes a few dynamic casts to convert, and the collector reads one count out of
/// answers that carry dozens of fields (a PeerTube video is about 3 KB): converting the
/// whole tree was about 4 ms of a 2,000-series collect, more than the parsing itself.
package struct JSONDocument {
    private let node: Any

    /// Parses a JSON text (any value at the top, not only an object or a list).
    package init(parsing bytes: [UInt8]) throws {
        node = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    private init(node: Any) { self.node = node }

    /// The value at `pointer`, or nil when the path does not exist.
    package subscript(pointer: JSONPointer) -> JSONValue? {
        self.node(at: pointer).map(JSONValue.init(any:))
    }

    /// The items of the list at `pointer`, each still unconverted; nil when there is no list.
    package func list(at pointer: JSONPointer) -> [JSONDocument]? {
        (self.node(at: pointer) as? [Any])?.map(JSONDocument.init(node:))
    }

    private func node(at pointer: JSONPointer) -> Any? {
        var current = node
        for token in pointer.tokens {
            if let members = current as? [String: Any] {
                guard let next = members[token] else { return nil }
                current = next
            } else if let items = current as? [Any] {
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            } else {
                return nil
            }
        }
        return current
    }
}

/// A JSON value, keeping integers exact (Int64) where Foundation would round. Not
/// `indirect`, like ``YAMLNode``: the arrays and dictionaries already hold the children out
/// of line, and a box per value was an allocation for every count read.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// From Foundation's tree: NSNumber (and its subclasses for booleans and for integers
    /// too large for 64 bits), String, [Any], [String: Any] and NSNull.
    ///
    /// Numbers are recognised by their dynamic type before any `as?` is tried: a failed cast
    /// of an object costs about 0.5 µs, and a count tried as text, list, object and decimal
    /// first took four of them (5 ms against 1 ms for 2,000 small answers).
    fileprivate init(any value: Any) {
        if type(of: value) is NSNumber.Type {
            self.init(number: value as! NSNumber)
        } else if let text = value as? String {
            self = .string(text)
        } else if let members = value as? [String: Any] {
            self = .object(members.mapValues(JSONValue.init(any:)))
        } else if let list = value as? [Any] {
            self = .array(list.map(JSONValue.init(any:)))
        } else {
            self = .null
        }
    }

    /// Integers stay exact: Foundation gives them as 64-bit NSNumbers.
    private init(number: NSNumber) {
        if let decimal = number as? NSDecimalNumber {
            // Only for integers too large for 64 bits: kept as a number, reported as too large.
            self = .number(decimal.doubleValue)
            return
        }
        switch String(cString: number.objCType) {
        case "c", "B": self = .bool(number.boolValue)
        case "d", "f": self = .number(number.doubleValue)
        default: self = .integer(number.int64Value)
        }
    }

    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string(let text): return "the text \"\(text.prefix(40))\""
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// An RFC 6901 JSON Pointer such as `/items/0/statistics/viewCount`.
package struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    package let tokens: [String]

    /// Nil unless the text is empty (the whole document) or starts with `/`.
    package init?(_ text: String) {
        guard text.isEmpty || text.hasPrefix("/") else { return nil }
        tokens = text.isEmpty ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            // ~1 before ~0, as the RFC says, so "~01" becomes "~1" and not "/".
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    package var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }
}
