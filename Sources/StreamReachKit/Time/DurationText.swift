import Foundation

/// Parses and prints durations written as `90m`, `1h`, `1h30m` or `-15m`.
package enum DurationText {
    /// Minutes, or nil when the text is not a duration. A leading `-` is kept so that the
    /// checker can report a negative duration instead of the parser rejecting it.
    package static func minutes(_ text: String) -> Int? {
        // Trimmed and lower-cased by hand: Foundation's versions were most of this function's
        // time, and it runs for every event of a programme.
        var rest = Substring(text.lowercased())
        while rest.first == " " || rest.first == "\t" { rest = rest.dropFirst() }
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        var sign = 1
        if rest.hasPrefix("-") { sign = -1; rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        var total = 0
        var sawUnit = false
        var digits = ""
        for character in rest {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let value = Int(digits), digits.count <= 6 else { return nil }
            switch character {
            case "h": total += value * 60
            case "m": total += value
            default: return nil
            }
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
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
