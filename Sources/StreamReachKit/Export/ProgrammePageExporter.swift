/// The programme as one self-contained HTML page, by week and day: inline CSS, no
/// JavaScript, nothing loaded from elsewhere, every name escaped.
package struct ProgrammePageExporter: Sendable {
    package let programme: Programme

    package init(programme: Programme) { self.programme = programme }

    package func export(_ filter: ProgrammeFilter = ProgrammeFilter(), frame: HTMLPageFrame = .standalone) -> String {
        let series = programme.series
        let events = filter.events(of: programme)
        let escape = DisplayText.html
        var html = """
            <!DOCTYPE html>
            <html lang="\(escape(series.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(series.title))</title>
            \(frame.headLines(style: Self.style))
            </head>
            <body>
            \(frame.navigationLine)<header><h1>\(escape(series.title))</h1>
            <p class="meta">\(escape([series.venue, "\(series.firstDay.iso) – \(series.lastDay.iso)", "times in \(series.timeZone)"].compactMap { $0 }.joined(separator: " · ")))</p></header>

            """
        let byWeek = Dictionary(grouping: events) { series.week(of: $0.start.date) }
        for week in byWeek.keys.sorted() {
            let days = series.days(ofWeek: week)
            html += "<section>\n<h2>Week \(week) <span class=\"meta\">\(days[0].iso) – \(days[6].iso)</span></h2>\n"
            let byDay = Dictionary(grouping: byWeek[week] ?? [], by: \.start.date)
            for day in byDay.keys.sorted() {
                html += "<h3>\(escape(DisplayText.day(day)))</h3>\n<ul>\n"
                for event in byDay[day] ?? [] {
                    let kind = event.genre.map { "\(event.kind), \($0)" } ?? event.kind
                    let stage = programme.stage(id: event.stage)?.name ?? event.stage
                    let links = programme.watchLinks(event)
                        .map { "<a href=\"\(escape($0.url))\">\(escape($0.title))</a>" }
                    let broadcasts = programme.channels(carrying: event).filter { $0.sort == .broadcast }.map { escape($0.name) }
                    html += "<li><time>\(event.start.time)–\(event.end.time)</time> <strong>\(escape(event.title))</strong>"
                    html += " <span class=\"kind\">\(escape(kind))</span>"
                    if !event.performers.isEmpty { html += "<br>\(escape(event.performers.joined(separator: ", ")))" }
                    html += "<br><span class=\"meta\">\(escape(stage))"
                    if !links.isEmpty { html += " · " + links.joined(separator: ", ") }
                    if !broadcasts.isEmpty { html += " · on air: " + broadcasts.joined(separator: ", ") }
                    html += "</span></li>\n"
                }
                html += "</ul>\n"
            }
            html += "</section>\n"
        }
        if events.isEmpty { html += "<p>No events.</p>\n" }
        return html + "</body>\n</html>\n"
    }

    /// The page's style; the board serves it as a sheet of its own.
    package static let style = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;max-width:760px;margin:2rem auto;padding:0 1rem}\
        h1{margin:0}h2{border-bottom:1px solid #d8dde6;margin-top:2rem}h3{margin:1.2rem 0 .3rem;font-size:1rem}\
        ul{list-style:none;padding:0}li{margin:.5rem 0}time{font-variant-numeric:tabular-nums;font-weight:600}\
        .kind{color:#5b6575;font-size:.9rem}.meta{color:#5b6575;font-size:.9rem;font-weight:normal}a{color:#2f5fb3}
        """
}
