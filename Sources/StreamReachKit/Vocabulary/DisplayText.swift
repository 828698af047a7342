/// Numbers and dates as every page, report and export prints them.
package enum DisplayText {
    /// `103512` → `103,512`; negative numbers keep their sign.
    package static func number(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `+1,204` / `-50` / `0`: for gains and changes.
    package static func signed(_ value: Int64) -> String {
        value > 0 ? "+" + number(value) : number(value)
    }

    package static func day(_ date: LocalDate) -> String { "\(date.weekday.shortName) \(date.iso)" }

    package static func percent(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10)) %"
    }

    /// Escapes text for HTML element content and double-quoted attributes.
    package static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
