/// The report as one self-contained HTML page: inline CSS and SVG charts, no JavaScript,
/// nothing fetched from the network, every text escaped.
package enum HTMLReportRenderer {
    package static func render(_ document: ReportDocument, frame: HTMLPageFrame = .standalone) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(DisplayText.html(document.title))</title>
            \(frame.headLines(style: style))
            </head>
            <body>
            \(frame.navigationLine)<header><h1>\(DisplayText.html(document.title))</h1><p class="subtitle">\(DisplayText.html(document.subtitle))</p></header>
            \(document.report.map(glance) ?? "")
            """
        for section in document.sections {
            html += "<section>\n<h2>\(DisplayText.html(section.title))</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): html += "<p>\(DisplayText.html(text))</p>\n"
                // A wide table scrolls inside its own box; the page never scrolls sideways.
                case .table(let table): html += "<div class=\"scroll\">\n" + tableHTML(table) + "</div>\n"
                case .chart(let chart):
                    guard let report = document.report else { continue }
                    html += "<figure>\n" + SVGChart.render(chart, report)
                    html += "<figcaption>\(DisplayText.html(SVGChart.caption(chart)))</figcaption>\n</figure>\n"
                }
            }
            html += "</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    /// Where the programme stands, on the first screen: the total in large type, the share
    /// of the target as a bar, ahead of or behind the straight line to the target, and when
    /// the counts were last read.
    package static func glance(_ report: ReachReport) -> String {
        let headline = report.headline
        let target = report.programme.target
        if let first = headline.firstCountAfterPeriod {
            return "<section class=\"glance\"><p class=\"standing\">No count exists yet for this period: the first count was read on \(DisplayText.day(first)).</p></section>\n"
        }
        let share = min(100, max(0, headline.percentOfTarget))
        var facts = ["\(DisplayText.percent(headline.percentOfTarget)) of the \(DisplayText.number(target)) target"]
        if let week = report.pacing.weeks.last {
            // At the end of the last week the pacing shows: the week's end for a week's report.
            let lead = week.cumulative - week.targetLine
            facts.append("\(DisplayText.number(abs(lead))) views \(lead >= 0 ? "ahead of" : "behind") the straight line to the target (end of week \(week.week))")
        }
        if let lastRun = report.quality.lastRunAt {
            let local = TimeZoneConverter(identifier: report.programme.timeZone).local(lastRun)
            facts.append("counts last read \(DisplayText.day(local.date)) \(local.time) (\(report.programme.timeZone))")
        }
        return """
            <section class="glance" aria-label="Where the programme stands">
            <p class="total"><span class="big">\(DisplayText.number(headline.total))</span> views</p>
            <svg class="progress" viewBox="0 0 1000 12" preserveAspectRatio="none" role="img" aria-label="\(DisplayText.percent(headline.percentOfTarget)) of the target"><rect width="1000" height="12" rx="6" fill="#e6e9ef"/><rect width="\(Int((share * 10).rounded()))" height="12" rx="6" fill="\(headline.percentOfTarget >= 100 ? "#2f9e77" : "#3a7bd5")"/></svg>
            <p class="standing">\(facts.map(DisplayText.html).joined(separator: " · "))</p>
            </section>

            """
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


    /// The page's style; the board serves it as a sheet of its own.
    package static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;max-width:960px;margin:2rem auto;padding:0 1rem}\
        h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;border-bottom:1px solid #d8dde6;padding-bottom:.2rem;margin-top:2rem}\
        .subtitle{color:#5b6575;margin:.2rem 0 0}table{border-collapse:collapse;margin:.6rem 0;min-width:50%}\
        th,td{padding:.25rem .6rem;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}\
        th{font-weight:600;background:#f4f6f9}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
        .scroll{overflow-x:auto;max-width:100%}.glance{margin:1.2rem 0 1.6rem}.glance p{margin:.3rem 0}\
        .big{font-size:3rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}.total{font-size:1.2rem}\
        .progress{width:100%;height:12px;margin:.4rem 0}.standing{color:#3b4454}\
        svg{max-width:100%;height:auto;display:block;margin:.6rem 0}figure{margin:1rem 0}figcaption{color:#5b6575;font-size:.85rem}\
        svg text{font:13px system-ui,sans-serif;fill:#5b6575}svg .axis-title{font-style:italic}\
        svg .halo{paint-order:stroke;stroke:#fff;stroke-width:5px;fill:#c0392b}\
        svg.narrow{display:none}@media (max-width:600px){svg.wide{display:none}svg.narrow{display:block}.big{font-size:2.4rem}body{margin:1rem auto}}
        """
}
