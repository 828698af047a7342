import Foundation

/// A parsed JSON document, keeping integers exact (Int64) where Foundation would round.
package indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a JSON text (any value at the top, not only an object or a list).
    ///
    /// Through JSONSerialization rather than this type's `Decodable` conformance: decoding
    /// an unknown shape with Codable means trying each type in turn, and every failed try
    /// builds an error; that made parsing the platforms' answers a third of the transfer
    /// thread's work. Integers stay exact: Foundation gives them as 64-bit NSNumbers.
    package init(parsing bytes: [UInt8]) throws {
        self = JSONValue(any: try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    private init(any value: Any) {
        switch value {
        case let text as String:
            self = .string(text)
        case let list as [Any]:
            self = .array(list.map(JSONValue.init(any:)))
        case let members as [String: Any]:
            self = .object(members.mapValues(JSONValue.init(any:)))
        case let decimal as NSDecimalNumber:
            // Only for integers too large for 64 bits: kept as a number, reported as too large.
            self = .number(decimal.doubleValue)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .number(number.doubleValue)
            default: self = .integer(number.int64Value)
            }
        default:
            self = .null
        }
    }

    /// The value at `pointer`, or nil when the path does not exist.
    package subscript(pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
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
