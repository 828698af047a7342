/// One entry point for every report format, shared by `report` and `demo`.
package enum ReportRendering {
    package static let formats = ["text", "md", "html", "csv", "json"]

    package static func render(_ report: ReachReport, as format: String, programme: Programme) throws -> String {
        switch format {
        case "md": return MarkdownReportRenderer.render(ReportDocument(report))
        case "html": return HTMLReportRenderer.render(ReportDocument(report))
        case "csv": return try CSVReportRenderer.render(report, programme: programme)
        case "json": return try JSONOutput.encode(report) + "\n"
        default: return TextReportRenderer.render(ReportDocument(report))
        }
    }
}
