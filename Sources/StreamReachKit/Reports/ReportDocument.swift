/// A report laid out as sections of paragraphs, tables and charts, once, so the text,
/// Markdown and HTML renderers print the same content and differ only in markup.
package struct ReportDocument: Sendable {
    package struct Table: Sendable {
        package let headers: [String]
        package let rows: [[String]]
        /// Columns holding numbers: right-aligned.
        package let numeric: Set<Int>
    }

    package enum Chart: Sendable {
        /// Cumulative views per week against the straight line to the target.
        case pacing
        /// Views gained per week.
        case weeklyGain
        /// Total per channel.
        case channels
    }

    package enum Block: Sendable {
        case paragraph(String)
        case table(Table)
        case chart(Chart)
    }

    package struct Section: Sendable {
        package let title: String
        package let blocks: [Block]
    }

    package let title: String
    package let subtitle: String
    package let sections: [Section]
    package let report: ReachReport
}

/// Numbers and dates as every renderer prints them.
package enum ReportFormat {
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
}
