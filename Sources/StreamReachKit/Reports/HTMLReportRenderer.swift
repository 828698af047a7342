/// The report as one self-contained HTML page: inline CSS and SVG charts, no JavaScript,
/// nothing fetched from the network, every text escaped.
package enum HTMLReportRenderer {
    package static func render(_ document: ReportDocument) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(DisplayText.html(document.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>\(DisplayText.html(document.title))</h1><p class="subtitle">\(DisplayText.html(document.subtitle))</p></header>

            """
        for section in document.sections {
            html += "<section>\n<h2>\(DisplayText.html(section.title))</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): html += "<p>\(DisplayText.html(text))</p>\n"
                case .table(let table): html += tableHTML(table)
                case .chart(let chart):
                    html += "<figure>\n" + SVGChart.render(chart, document.report)
                    html += "<figcaption>\(DisplayText.html(SVGChart.caption(chart)))</figcaption>\n</figure>\n"
                }
            }
            html += "</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    private static func tableHTML(_ table: ReportDocument.Table) -> String {
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            "<\(tag)\(table.numeric.contains(column) ? " class=\"num\"" : "")>\(DisplayText.html(text))</\(tag)>"
        }
        var html = "<table>\n<thead><tr>" + table.headers.enumerated().map { cell("th", $1, $0) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }


    private static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;max-width:960px;margin:2rem auto;padding:0 1rem}\
        h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;border-bottom:1px solid #d8dde6;padding-bottom:.2rem;margin-top:2rem}\
        .subtitle{color:#5b6575;margin:.2rem 0 0}table{border-collapse:collapse;margin:.6rem 0;min-width:50%}\
        th,td{padding:.25rem .6rem;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}\
        th{font-weight:600;background:#f4f6f9}.num{text-align:right;font-variant-numeric:tabular-nums}\
        svg{max-width:100%;height:auto;display:block;margin:.6rem 0}figure{margin:1rem 0}figcaption{color:#5b6575;font-size:.85rem}svg text{font:12px system-ui,sans-serif;fill:#5b6575}
        """
}
