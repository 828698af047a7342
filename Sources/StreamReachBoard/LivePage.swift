import Foundation
import StreamReachKit

/// `/live`: the page, and the part of it the server sends again (Server-Sent Events) when
/// the poller stores new figures. One renderer for both, so the page a browser without
/// JavaScript reloads and the update a browser with it receives are the same HTML.
enum LivePage {
    static func escape(_ text: String) -> String { DisplayText.html(text) }

    static func page(_ board: LiveBoard, timeZone: String, navigation: String, refreshSeconds: Int) -> String {
        // Without JavaScript the page reloads itself; with it, `noscript` is inert and the
        // event stream replaces the figures in place.
        let head = """
            <script src="/assets/live.js" defer></script>
            <noscript><meta http-equiv="refresh" content="\(refreshSeconds)"></noscript>
            """
        let body = "<header><h1>Live now</h1></header>\n<div id=\"live\" data-events=\"/live/events\">\n"
            + fragment(board, timeZone: timeZone) + "</div>\n"
        return BoardPages.page(title: "Live: StreamReach board", navigation: navigation, head: head, body: body)
    }

    /// The figures: people watching now in total and per platform, each live stream with its
    /// platforms and a small curve, and what starts soon.
    static func fragment(_ board: LiveBoard, timeZone: String) -> String {
        let zone = TimeZoneConverter(identifier: timeZone)
        let asOf = zone.local(board.now)
        var html = "<section class=\"glance\" aria-label=\"People watching now\">\n"
        html += "<p class=\"total\"><span class=\"big\" id=\"live-total\">\(DisplayText.number(board.total))</span> watching now</p>\n"
        let platforms = board.byPlatform.map { "\(escape($0.platform)) <strong>\(DisplayText.number($0.viewers))</strong>" }
        html += "<p class=\"standing\" id=\"live-platforms\">\(platforms.isEmpty ? "No live figure in the last five minutes." : platforms.joined(separator: " · "))</p>\n"
        html += "<p class=\"asof\">As of \(escape(DisplayText.day(asOf.date))) \(asOf.time) (\(escape(timeZone)))</p>\n</section>\n"

        html += "<section aria-label=\"Live streams\">\n<h2>Live streams</h2>\n"
        if board.live.isEmpty { html += "<p class=\"meta\">Nothing is live now.</p>\n" }
        for item in board.live {
            html += "<article class=\"stream\" id=\"stream-\(escape(item.programme))-\(escape(item.eventID))\">\n"
            html += "<h3>\(escape(item.title)) <span class=\"num\">\(DisplayText.number(item.viewers))</span></h3>\n"
            html += "<p class=\"meta\">\(escape(item.programmeTitle)) · \(escape(item.slotText))</p>\n<table>\n"
            for reading in item.readings {
                let figure = reading.viewers.map { DisplayText.number($0) } ?? "no figure"
                html += "<tr><td>\(escape(reading.channelName))</td><td class=\"num\">\(escape(figure))</td></tr>\n"
            }
            html += "</table>\n" + sparkline(item, now: board.now)
            html += "</article>\n"
        }
        html += "</section>\n"
        if !board.soon.isEmpty {
            html += "<section aria-label=\"Starting soon\">\n<h2>Starting soon</h2>\n<ul class=\"plain\">\n"
            for item in board.soon {
                html += "<li><strong>\(escape(item.title))</strong> <span class=\"meta\">\(escape(item.slotText)) · \(escape(item.programmeTitle))</span></li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        return html
    }

    /// The event's audience from the start of its slot to now (or its end), a line broken
    /// where readings are more than two minutes apart: a gap is shown, never bridged.
    static func sparkline(_ item: LiveBoard.Item, now: Date) -> String {
        let width = 240.0, height = 48.0
        guard let first = item.curve.first else {
            return "<p class=\"meta\">No reading yet.</p>\n"
        }
        let from = min(item.start, first.at)
        let until = max(min(now, item.end), item.curve.last?.at ?? now, from.addingTimeInterval(60))
        let span = until.timeIntervalSince(from)
        let peak = max(1, item.curve.map(\.viewers).max() ?? 1)
        var lines: [[String]] = [[]]
        var previous: Date?
        for point in item.curve {
            if let previous, point.at.timeIntervalSince(previous) > LiveAudienceStats.maxGap { lines.append([]) }
            let x = width * point.at.timeIntervalSince(from) / span
            let y = height - 2 - (height - 4) * Double(point.viewers) / Double(peak)
            lines[lines.count - 1].append(String(format: "%.1f,%.1f", x, y))
            previous = point.at
        }
        let polylines = lines.filter { !$0.isEmpty }.map {
            "<polyline fill=\"none\" stroke=\"#3a7bd5\" stroke-width=\"2\" points=\"\($0.count == 1 ? $0[0] + " " + $0[0] : $0.joined(separator: " "))\"/>"
        }
        return "<svg class=\"spark\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" preserveAspectRatio=\"none\" role=\"img\" "
            + "aria-label=\"Audience since the start: at most \(peak) watching\">"
            + "<line x1=\"0\" y1=\"\(height - 1)\" x2=\"\(width)\" y2=\"\(height - 1)\" stroke=\"#d8dde6\"/>"
            + polylines.joined() + "</svg>\n"
    }

    /// One Server-Sent Event: every line of the HTML its own `data:` line, as the format asks.
    static func event(_ name: String, _ html: String, retryMilliseconds: Int? = nil) -> String {
        var text = retryMilliseconds.map { "retry: \($0)\n" } ?? ""
        text += "event: \(name)\n"
        let lines = html.hasSuffix("\n") ? html.dropLast() : Substring(html)
        for line in lines.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        return text + "\n"
    }
}
