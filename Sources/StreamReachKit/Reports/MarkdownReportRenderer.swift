/// The report as Markdown (GitHub style): headings, pipe tables; names escaped so a title
/// can neither break a table nor smuggle HTML into a rendered page.
package enum MarkdownReportRenderer {
    package static func render(_ document: ReportDocument) -> String {
        var lines = ["# \(escape(document.title))", "", "_\(escape(document.subtitle))_", ""]
        for section in document.sections {
            lines.append("## \(escape(section.title))")
            lines.append("")
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    lines.append(escape(text))
                case .table(let table):
                    lines.append("| " + table.headers.map(escape).joined(separator: " | ") + " |")
                    lines.append("|" + table.headers.indices.map { table.numeric.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
                    for row in table.rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
                case .chart:
                    continue
                }
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// HTML-significant characters become entities; Markdown syntax characters get a backslash.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "|", "\\", "*", "_", "`", "[", "]", "#": result += "\\\(character)"
            case "\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
