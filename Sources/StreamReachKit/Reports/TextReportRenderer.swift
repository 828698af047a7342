/// The report for a terminal: aligned tables, a bar per week instead of a chart.
package enum TextReportRenderer {
    package static func render(_ document: ReportDocument) -> String {
        var lines = [document.title, document.subtitle, ""]
        for section in document.sections {
            lines.append(section.title.uppercased())
            for block in section.blocks {
                switch block {
                case .paragraph(let text): lines += wrap(text, width: 88)
                case .table(let table): lines += tableLines(table)
                case .chart(.weeklyGain): lines += document.report.map { bars($0.pacing.weeks) } ?? []
                case .chart: continue
                }
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    static func tableLines(_ table: ReportDocument.Table) -> [String] {
        let all = [table.headers] + table.rows
        let widths = table.headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return table.numeric.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }

    private static func bars(_ weeks: [ReachReport.WeekPoint]) -> [String] {
        let largest = max(1, weeks.map(\.gain).max() ?? 1)
        return weeks.map { point in
            let length = point.gain > 0 ? Int((point.gain * 40 + largest - 1) / largest) : 0
            return "week \(pad(point.week, 2))  \(String(repeating: "█", count: length)) \(DisplayText.signed(point.gain))"
        }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
