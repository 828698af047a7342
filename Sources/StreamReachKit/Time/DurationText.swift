import Foundation

/// Parses and prints durations written as `90m`, `1h`, `1h30m` or `-15m`.
package enum DurationText {
    /// Minutes, or nil when the text is not a duration. A leading `-` is kept so that the
    /// checker can report a negative duration instead of the parser rejecting it.
    package static func minutes(_ text: String) -> Int? {
        // Over the UTF-8 bytes, by hand: Foundation's trimming and lower-casing, and then
        // walking Characters, were most of this function's time, and it runs for every
        // event of a programme.
        var bytes = text.utf8[...]
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes = bytes.dropLast() }
        var sign = 1
        if bytes.first == UInt8(ascii: "-") { sign = -1; bytes = bytes.dropFirst() }
        var total = 0
        var sawUnit = false
        var value = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 6 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "m"), UInt8(ascii: "M"):
                guard digits > 0 else { return nil }
                total += byte | 0x20 == UInt8(ascii: "h") ? value * 60 : value
                (value, digits, sawUnit) = (0, 0, true)
            default:
                return nil
            }
        }
        guard digits == 0, sawUnit else { return nil }
        return sign * total
    }

    package static func text(minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : ""
        let magnitude = abs(minutes)
        switch (magnitude / 60, magnitude % 60) {
        case (0, let m): return "\(sign)\(m)m"
        case (let h, 0): return "\(sign)\(h)h"
        case (let h, let m): return "\(sign)\(h)h\(m)m"
        }
    }
}
