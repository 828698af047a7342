import Foundation
import StreamReachKit

/// The board's own pages (the overview, the list of reports, the live page) and the frame
/// around the pages the core renders (programme, reports). Every programme text goes
/// through `DisplayText.html`.
enum BoardPages {
    static func escape(_ text: String) -> String { DisplayText.html(text) }

    /// What the overview shows of one programme.
    struct Standing: Sendable {
        let programme: Programme
        /// The report of the series to date; nil when nothing is stored yet.
        let report: ReachReport?
        /// The latest week a run has completed, for the link to its report.
        let latestWeek: Int?
        let lastSuccess: Date?
    }

    // MARK: Frames

    static func navigation(_ programmes: [Programme], here: String) -> String {
        var links = [("/", "Board"), ("/live", "Live")]
        for programme in programmes {
            links.append(("/p/\(programme.series.id)", programme.series.title))
            links.append(("/p/\(programme.series.id)/reports", "Reports"))
        }
        links.append(("/metrics", "Metrics"))
        let items = links.map { href, title in
            href == here ? "<span class=\"here\">\(escape(title))</span>" : "<a href=\"\(escape(href))\">\(escape(title))</a>"
        }
        return "<nav class=\"board\" aria-label=\"Board\">" + items.joined() + "</nav>"
    }

    /// The frame for a page the core renders (a report, the programme).
    static func frame(stylesheet: String, navigation: String) -> HTMLPageFrame {
        HTMLPageFrame(stylesheet: .linked("/assets/\(stylesheet)"), navigation: navigation,
                      head: BoardAssets.headLinks)
    }

    static func page(title: String, navigation: String, head: String = "", body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        \(BoardAssets.headLinks)\(head.isEmpty ? "" : "\n" + head)
        </head>
        <body class="board">
        \(navigation)
        \(body)</body>
        </html>

        """
    }

    // MARK: Overview

    static func overview(_ standings: [Standing], navigation: String) -> String {
        var body = "<header><h1>Where the programmes stand</h1></header>\n"
        for standing in standings {
            let series = standing.programme.series
            body += "<section class=\"card\">\n<h2><a href=\"/p/\(escape(series.id))\">\(escape(series.title))</a></h2>\n"
            guard let report = standing.report else {
                body += "<p class=\"standing\">No counts stored yet: the first nightly run will show them here.</p>\n</section>\n"
                continue
            }
            body += HTMLReportRenderer.glance(report)
            let zone = TimeZoneConverter(identifier: series.timeZone)
            if let success = standing.lastSuccess {
                let local = zone.local(success)
                body += "<p class=\"meta\">Last run that read every series: \(escape(DisplayText.day(local.date))) \(local.time) (\(escape(series.timeZone)))</p>\n"
            } else {
                body += "<p class=\"warn\">No run has read every series yet.</p>\n"
            }
            let warnings = qualityWarnings(report)
            if warnings.isEmpty {
                body += "<p class=\"ok\">Data quality: no missed or failed nights, no stale series.</p>\n"
            } else {
                body += "<ul class=\"plain warn\" aria-label=\"Data quality\">" + warnings.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            }
            let week = standing.latestWeek.map { "/p/\(series.id)/week/\($0)" } ?? "/p/\(series.id)/all"
            body += "<p><a href=\"\(escape(week))\">\(standing.latestWeek.map { "Week \($0)'s report" } ?? "The series' report")</a> · <a href=\"/p/\(escape(series.id))/reports\">every week</a>"
            body += " · <a href=\"/p/\(escape(series.id))\">programme</a></p>\n</section>\n"
        }
        if standings.isEmpty { body += "<p>No programme is served.</p>\n" }
        return page(title: "StreamReach board", navigation: navigation, body: body)
    }

    /// The data-quality findings a manager should see at a glance, to date.
    static func qualityWarnings(_ report: ReachReport) -> [String] {
        let quality = report.quality
        var warnings: [String] = []
        func days(_ list: [LocalDate]) -> String { list.map(\.iso).joined(separator: ", ") }
        if !quality.toDate.missedNights.isEmpty {
            warnings.append("\(quality.toDate.missedNights.count) night(s) without a run: \(days(quality.toDate.missedNights))")
        }
        if !quality.toDate.failedNights.isEmpty {
            warnings.append("\(quality.toDate.failedNights.count) night(s) with failed series: \(days(quality.toDate.failedNights))")
        }
        if !quality.staleSeries.isEmpty { warnings.append("\(quality.staleSeries.count) series not read recently") }
        if quality.toDate.corrections > 0 {
            warnings.append("\(quality.toDate.corrections) platform correction(s), \(DisplayText.signed(quality.toDate.correctedViews)) views")
        }
        for note in quality.figureNotes where note.seriesLeftOut > 0 {
            warnings.append("\(note.name): \(note.seriesLeftOut) series left out until the next collect tells views from viewers")
        }
        return warnings
    }

    // MARK: Reports

    static func reportIndex(_ programme: Programme, weeks: ClosedRange<Int>, navigation: String) -> String {
        let series = programme.series
        var body = "<header><h1>\(escape(series.title)): weekly reports</h1></header>\n<ul class=\"weeks\">\n"
        for week in weeks {
            let days = series.days(ofWeek: week)
            body += "<li><a href=\"/p/\(escape(series.id))/week/\(week)\">Week \(week)</a> <span class=\"meta\">\(days[0].iso)</span></li>\n"
        }
        body += "</ul>\n<p><a href=\"/p/\(escape(series.id))/all\">The whole series</a></p>\n"
        return page(title: "\(series.title): reports", navigation: navigation, body: body)
    }

    static func message(_ title: String, _ text: String, navigation: String) -> String {
        page(title: title, navigation: navigation, body: "<header><h1>\(escape(title))</h1></header>\n<p>\(escape(text))</p>\n")
    }
}
