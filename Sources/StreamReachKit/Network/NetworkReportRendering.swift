import CSV
import Foundation

/// A network report in every format a programme's report has (Prometheus aside: metrics
/// are per programme): text, Markdown and HTML from one ``ReportDocument`` through the
/// same renderers, CSV with one row per programme, JSON as the whole report.
package enum NetworkReportRendering {
    package static func render(_ report: NetworkReport, as format: ReportFormat) throws -> String {
        switch format {
        case .text: return TextReportRenderer.render(ReportDocument(network: report))
        case .md: return MarkdownReportRenderer.render(ReportDocument(network: report))
        case .html: return HTMLReportRenderer.render(ReportDocument(network: report))
        case .csv: return try csv(report, dialect: .rfc4180)
        case .csvExcel: return try csv(report, dialect: .spreadsheet)
        case .json: return try JSONOutput.encode(report) + "\n"
        case .prom: throw NetworkReportFormatError()
        }
    }

    private static func csv(_ report: NetworkReport, dialect: CSVReportRenderer.Dialect) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: dialect == .spreadsheet ? ";" : ",", newline: .crlf)
        try writer.write(row: ["programme", "title", "first_day", "last_day", "target", "views", "percent_of_own_target", "share_of_network",
                               "hand_entered", "runs", "missed_nights", "failed_nights", "stale_streams", "corrections", "corrected_views"])
        for line in report.programmes {
            let quality = line.quality
            try writer.write(row: [CSVReportRenderer.safe(line.id), CSVReportRenderer.safe(line.title), line.firstDay.iso, line.lastDay.iso,
                                   String(line.target), String(line.total), String(line.percentOfOwnTarget), String(line.shareOfNetwork),
                                   String(line.handEntered), String(quality.runs), String(quality.missedNights), String(quality.failedNights),
                                   String(quality.staleSeries), String(quality.corrections), String(quality.correctedViews)])
        }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return (dialect == .spreadsheet ? "\u{FEFF}" : "") + String(decoding: data, as: UTF8.self)
    }
}

package struct NetworkReportFormatError: Error, LocalizedError, ExitStatusReporting {
    package var errorDescription: String? { "--format prom shows one programme's metrics; report each programme of the network on its own" }
    package var exitStatus: ExitStatus { .usage }
}

extension ReportDocument {
    package init(network report: NetworkReport) {
        self.report = nil
        let headline = report.headline
        title = "\(report.network.title): network reach"
        subtitle = "\(headline.programmes) programmes" + (headline.latestCountAt.map { " · counts up to \(InternetTime.string(from: $0))" } ?? "")
        sections = [
            Section(title: "Standing", blocks: [.table(Table(headers: ["", ""], rows: [
                ["Total views", DisplayText.number(headline.total)],
                ["Network target", DisplayText.number(report.network.target) + (report.network.targetIsSum ? " (sum of the programmes')" : "")],
                ["Reached", DisplayText.percent(headline.percentOfTarget)],
                ["Entered by hand (apart)", DisplayText.number(headline.handEntered)],
            ], numeric: [1]))]),
            Section(title: "Programmes", blocks: [.table(Table(
                headers: ["Programme", "Dates", "Views", "Own target", "Reached", "Share"],
                rows: report.programmes.map { line in
                    [line.title, "\(line.firstDay.iso) – \(line.lastDay.iso)", DisplayText.number(line.total), DisplayText.number(line.target),
                     DisplayText.percent(line.percentOfOwnTarget), DisplayText.percent(line.shareOfNetwork)]
                }, numeric: [2, 3, 4, 5]))]),
            Section(title: "By platform", blocks: [.table(Table(
                headers: ["Platform", "Views", "Share"],
                rows: report.byPlatform.map { [$0.platform, DisplayText.number($0.total), DisplayText.percent($0.shareOfNetwork)] },
                numeric: [1, 2]))]),
            Section(title: "Top events across the network", blocks: [.table(Table(
                headers: ["Event", "Programme", "Date", "Views"],
                rows: report.topEvents.map { [$0.title, $0.programme, $0.date?.iso ?? "", DisplayText.number($0.total)] },
                numeric: [3]))]),
            Section(title: "Data quality", blocks: [.table(Table(
                headers: ["Programme", "Runs", "Last run", "Missed", "Failed", "Corrections", "Look at"],
                rows: report.programmes.map { line in
                    let quality = line.quality
                    return [line.id, String(quality.runs), quality.lastRunAt.map { InternetTime.string(from: $0) } ?? "never",
                            String(quality.missedNights), String(quality.failedNights),
                            "\(quality.corrections) (\(DisplayText.number(quality.correctedViews)) views)",
                            quality.warnings.isEmpty ? "ok" : quality.warnings.joined(separator: "; ")]
                }, numeric: [1, 3, 4]))]),
            Section(title: "Methodology", blocks: [.paragraph(report.methodology)]),
        ]
    }
}
