/// The byte-level rules of RFC 5545 content lines.
package enum ICalendarText {
    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline.
    package static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result
    }

    /// Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence; each
    /// continuation line starts with one space. Lines end with CRLF.
    package static func fold(_ line: String) -> String {
        var output: [UInt8] = []
        var lineLength = 0
        for character in line {
            let bytes = Array(String(character).utf8)
            if lineLength + bytes.count > 75 {
                output += [0x0D, 0x0A, 0x20]
                lineLength = 1
            }
            output += bytes
            lineLength += bytes.count
        }
        output += [0x0D, 0x0A]
        return String(decoding: output, as: UTF8.self)
    }
}
