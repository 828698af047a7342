/// Refuses YAML that would make Yams' composer do exponential work, before it runs.
///
/// Yams hashes every mapping key to find duplicates. A key that is an alias of a nested
/// collection ("billion laughs" as a key) is hashed in full, expanded: minutes of CPU for a
/// 1 KB file. Programme and sources files never need a key that is not a plain word, so a
/// light scan rejects any key that is an alias, a flow collection or an explicit `? ` key.
/// Aliases as values stay allowed: the readers never expand them.
enum YAMLSafetyScan {
    static func complexKey(in text: String, file: String) -> Diagnostic? {
        // Bytes, not Characters: every byte that matters here is ASCII, and walking grapheme
        // clusters made this scan a tenth of the time of loading a large programme.
        var line = 1
        var column = 0
        var quote: UInt8?
        var inComment = false
        var atNodeStart = true
        var pendingKeyEnd = false // just after `]`, `}` or an alias name
        var previous: UInt8 = 0x0A
        var aliasName = false
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Diagnostic? in
            for byte in bytes {
                // Count columns in characters: skip UTF-8 continuation bytes.
                if byte & 0xC0 != 0x80 { column += 1 }
                defer { previous = byte }
                if byte == 0x0A {
                    line += 1
                    column = 0
                    inComment = false
                    atNodeStart = true
                    pendingKeyEnd = false
                    aliasName = false
                    continue
                }
                if inComment { continue }
                if let open = quote {
                    // '' inside single quotes and \" inside double quotes do not close the string.
                    if byte == open, !(open == UInt8(ascii: "\"") && previous == UInt8(ascii: "\\")) { quote = nil }
                    continue
                }
                if aliasName {
                    if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { continue }
                    aliasName = false
                    pendingKeyEnd = true
                }
                switch byte {
                case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09 || column == 1:
                    inComment = true
                case UInt8(ascii: "\""), UInt8(ascii: "'") where atNodeStart:
                    quote = byte
                    atNodeStart = false
                case UInt8(ascii: "*") where atNodeStart:
                    aliasName = true
                    atNodeStart = false
                case UInt8(ascii: "?") where atNodeStart:
                    return Diagnostic(SourceLocation(file: file, line: line, column: column), Self.message)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    pendingKeyEnd = true
                case UInt8(ascii: ":") where pendingKeyEnd:
                    return Diagnostic(SourceLocation(file: file, line: line, column: column), Self.message)
                case UInt8(ascii: ":"):
                    // A value may start after it (also true inside plain scalars such as 17:00,
                    // where the next character ends it again).
                    atNodeStart = true
                case 0x20, 0x09:
                    continue
                case UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
                    atNodeStart = true
                    pendingKeyEnd = false
                default:
                    atNodeStart = false
                    pendingKeyEnd = false
                }
            }
            return nil
        } ?? nil
    }

    static let message = "keys must be plain words: a key that is a list, a mapping or an alias (*name) is not supported"
}
