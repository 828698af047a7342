import CSV
import Foundation

/// The report as CSV, one row per figure, its `type` saying which: `measured` (a stream on a
/// channel), `hand-entered`, `live` (a stream's live audience: views at its end and replay
/// since in `views` and `gained`), `live-event` (an event's platforms added up) and
/// `donations` (given for an event, or with the event empty, to the series). Columns that
/// do not apply to a type are empty. Text cells a spreadsheet would run as a formula are
/// neutralised.
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
        try writer.write(row: ["type", "event", "title", "kind", "channel", "views", "gained", "date", "source"] + extraColumns)
        let events = Dictionary(programme.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for line in report.series {
            let event = events[line.event]
            try writer.write(row: ["measured", safe(line.event), safe(event?.title ?? line.event), safe(event?.kind ?? "unknown"),
                                   safe(line.channel), String(line.total), String(line.gain), report.period.to.iso, ""] + noExtras)
        }
        for entry in report.handEntered {
            let event = events[entry.event]
            try writer.write(row: ["hand-entered", safe(entry.event), safe(event?.title ?? entry.event), safe(event?.kind ?? "unknown"),
                                   safe(entry.channel), String(entry.figure), "", entry.date.iso, safe(entry.source)] + noExtras)
        }
        for row in liveRows(report, events: events) + donationRows(report, events: events) { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return (dialect == .spreadsheet ? "\u{FEFF}" : "") + String(decoding: data, as: UTF8.self)
    }

    private static let extraColumns = ["peak_viewers", "peak_at", "average_viewers", "viewer_minutes", "gaps", "amount", "currency"]
    private static let noExtras = Array(repeating: "", count: extraColumns.count)

    private static func liveRows(_ report: ReachReport, events: [String: Event]) -> [[String]] {
        guard let live = report.live else { return [] }
        func audience(_ figures: LiveAudienceStats.Figures) -> [String] {
            [String(figures.peak), InternetTime.string(from: figures.peakAt), String(format: "%.1f", figures.average),
             String(figures.viewerMinutes), String(figures.gaps.count), "", ""]
        }
        return live.events.flatMap { line -> [[String]] in
            let event = events[line.event]
            let start = [safe(line.event), safe(line.title), safe(event?.kind ?? "unknown")]
            let date = line.date?.iso ?? ""
            let streams = line.streams.map { stream in
                ["live"] + start + [safe(stream.channel), stream.endViews.map(String.init) ?? "", stream.replayViews.map(String.init) ?? "", date, ""]
                    + audience(stream.figures)
            }
            return streams + [["live-event"] + start + ["", "", "", date, ""] + audience(line.figures)]
        }
    }

    private static func donationRows(_ report: ReachReport, events: [String: Event]) -> [[String]] {
        guard let donations = report.donations else { return [] }
        let toSeries = donations.currencies.map { totals in
            ["donations", "", "", "", "", "", "", report.period.to.iso, "", "", "", "", "", "", MoneyText.plain(totals.unattributed), totals.currency]
        }
        let forEvents = donations.events.map { line in
            ["donations", safe(line.event), safe(line.title), safe(events[line.event]?.kind ?? "unknown"), "", "", "", report.period.to.iso, "",
             "", "", "", "", "", MoneyText.plain(line.amount), line.currency]
        }
        return toSeries + forEvents
    }

    /// A cell starting with `= + - @`, tab or CR is prefixed with `'`, so spreadsheets show
    /// it as text instead of evaluating it (OWASP's CSV injection advice).
    static func safe(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}
