/// The ways a report can be written out.
package enum ReportFormat: String, Sendable, CaseIterable {
    /// Terminal text.
    case text
    /// Markdown.
    case md
    /// One self-contained page with SVG charts, no scripts.
    case html
    /// One row per series (RFC 4180).
    case csv
    /// The same rows for a spreadsheet set to German: UTF-8 with a byte-order mark, semicolons.
    case csvExcel = "csv-excel"
    /// The whole report (docs/REPORT-JSON.md).
    case json
    /// Prometheus text format of the latest counts (not of a period).
    case prom

    /// Whether the format shows a period (a week, or the series): `prom` shows the latest counts only.
    package var showsAPeriod: Bool { self != .prom }
}

/// One entry point for every report format, shared by `report` and `demo`.
package enum ReportRendering {
    /// The report of `period` in `format`, read from `store`.
    package static func render(_ period: ReportPeriod, of programme: Programme, from store: any ReachStore, as format: ReportFormat) async throws -> String {
        if format == .prom {
            return PrometheusExporter.render(try await MetricsSnapshot.read(programme, from: store))
        }
        return try render(try await ReachReportBuilder(programme: programme).build(period, from: store), as: format, programme: programme)
    }

    /// A built report, in a format that shows a period (not `prom`: metrics are the latest
    /// counts, read from the store by the other `render`).
    package static func render(_ report: ReachReport, as format: ReportFormat, programme: Programme) throws -> String {
        switch format {
        case .text: return TextReportRenderer.render(ReportDocument(report))
        case .md: return MarkdownReportRenderer.render(ReportDocument(report))
        case .html: return HTMLReportRenderer.render(ReportDocument(report))
        case .csv: return try CSVReportRenderer.render(report, programme: programme)
        case .csvExcel: return try CSVReportRenderer.render(report, programme: programme, dialect: .spreadsheet)
        case .json: return try JSONOutput.encode(report) + "\n"
        case .prom: preconditionFailure("Prometheus metrics are rendered from the store, not from a period's report")
        }
    }
}
