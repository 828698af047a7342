import Foundation
import Testing
@testable import StreamReachKit

/// The HTML report in a real headless Chromium (Tests/validators/check_report_page.py):
/// the standing on the first screen at 1280x800, nothing sideways and legible charts on a
/// 390 px phone, no script, no request, no console error. Screenshots are kept in
/// .build/test-artifacts/ for a person to look at (not committed).
@Suite struct ReportPageBrowserTests {
    static let artifacts = Fixtures.root.appendingPathComponent(".build/test-artifacts").path

    private func check(_ html: String, name: String) async throws -> String {
        try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
        let page = (Self.artifacts as NSString).appendingPathComponent("\(name).html")
        try html.write(toFile: page, atomically: true, encoding: .utf8)
        return try await PythonValidator.script("check_report_page.py", page, Self.artifacts).output
    }

    @Test func aWeeklyReportReadsAtAGlanceOnADesktopAndAPhone() async throws {
        // Long names on purpose: they must wrap, not run off the chart or the page.
        let history = try await History.standard(
            titles: ["a": "Günter Werno & Manuel Lothschütz: an evening of songs without words, and a few with"],
            channelNames: ["fb": "Facebook page of the Digitalagentur Kaiserslautern (live and recordings)"])
        let html = try ReportRendering.render(try await history.report(.week(2)), as: .html, programme: history.programme)
        let result = try await check(html, name: "report-week-2")
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(result)")
    }

    @Test func theWholeSeriesReportToo() async throws {
        let history = try await History.standard()
        let html = try ReportRendering.render(try await history.report(.all), as: .html, programme: history.programme)
        let result = try await check(html, name: "report-all")
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(result)")
    }

    /// The checker itself fails on a page that scrolls sideways: it is not a test that
    /// cannot fail.
    @Test func theCheckFailsOnAPageThatScrollsSideways() async throws {
        let result = try await check("""
            <!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"></head><body>
            <section class="glance"><p class="big">1</p><svg class="progress"></svg><p class="standing">x</p></section>
            <table><tr><td style="min-width:900px">wide</td></tr></table>
            <svg viewBox="0 0 720 100" width="720" style="max-width:100%;height:auto"><text x="10" y="50" font-size="12">tiny</text></svg></body></html>
            """, name: "broken")
        #expect(result.contains("scrolls sideways"), "\(result)")
        #expect(result.contains("chart text under 11 px"), "\(result)")
    }
}
