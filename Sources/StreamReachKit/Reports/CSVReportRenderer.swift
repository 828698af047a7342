import CSV
import Foundation

/// The report as CSV: one row per stream and channel, then one per hand-entered figure.
/// Text cells that a spreadsheet would run as a formula are neutralised.
///
/// Two dialects, because one file cannot serve both: `csv` is RFC 4180 (comma, CRLF, UTF-8
/// without a byte-order mark) for scripts; `csv-excel` is what a German spreadsheet opens
/// as columns with its umlauts intact (UTF-8 with a byte-order mark, semicolons, CRLF).
package enum CSVReportRenderer {
    package enum Dialect: Sendable {
        case rfc4180, spreadsheet
    }

    package static func render(_ report: ReachReport, programme: Programme, dialect: Dialect = .rfc4180) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: dialect == .spreadsheet ? ";" : ",", newline: .crlf)
        try writer.write(row: ["type", "event", "title", "kind", "channel", "views", "gained", "date", "source"])
        let events = Dictionary(programme.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for line in report.series {
            let event = events[line.event]
            try writer.write(row: ["measured", safe(line.event), safe(event?.title ?? line.event), safe(event?.kind ?? "unknown"),
                                   safe(line.channel), String(line.total), String(line.gain), report.period.to.iso, ""])
        }
        for entry in report.handEntered {
            let event = events[entry.event]
            try writer.write(row: ["hand-entered", safe(entry.event), safe(event?.title ?? entry.event), safe(event?.kind ?? "unknown"),
                                   safe(entry.channel), String(entry.figure), "", entry.date.iso, safe(entry.source)])
        }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return (dialect == .spreadsheet ? "\u{FEFF}" : "") + String(decoding: data, as: UTF8.self)
    }

    /// A cell starting with `= + - @`, tab or CR is prefixed with `'`, so spreadsheets show
    /// it as text instead of evaluating it (OWASP's CSV injection advice).
    static func safe(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}
