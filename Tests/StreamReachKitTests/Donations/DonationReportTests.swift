import Foundation
import Testing
@testable import StreamReachKit

/// What a report says of donations: to date, this week, for an event or to the series, per
/// 1,000 views and per live viewer-hour; apart from the reach.
@Suite struct DonationReportTests {
    @Test func aWeeksReportShowsTheMoneyApartFromTheViews() async throws {
        let history = try History(target: 1_000)
        try await history.run("2020-03-25", ["a/yt": 1_000, "a/fb": 200])
        try await history.run("2020-04-01", ["a/yt": 1_500, "a/fb": 300, "b/yt": 400])
        // Event a watched live by 30 people for 30 minutes, then 50 for 30: 2,400 viewer-minutes, 40 hours.
        let start = TimeZoneConverter(identifier: "Europe/Berlin").instant(LocalDateTime(date: LocalDate(iso: "2020-03-24")!, time: LocalTime(minutes: 17 * 60)))
        let samples = (0...60).map { minute in
            AudienceSample(eventID: "a", channelID: "yt", streamID: "yt-a", observedAt: start.addingTimeInterval(Double(minute) * 60),
                           viewers: minute < 30 ? 30 : 50, origin: .live)
        }
        try await history.store.recordAudience(programme: "hist", samples)
        let gift = { (cents: Int64, day: String, event: String?) in
            Donation(date: LocalDate(iso: day)!, amount: cents, currency: "EUR", reference: "Spende", event: event, source: "statement")
        }
        try await history.store.recordDonations(programme: "hist", [
            gift(10_000, "2020-03-24", nil), gift(2_500, "2020-03-25", "a"), gift(1_234, "2020-03-31", "b"), gift(-1_000, "2020-04-01", nil),
            gift(99_999, "2020-04-10", nil), // after week 2: not in its report
        ], as: .adding, enteredAt: Date())

        let report = try await history.report(.week(2))
        let donations = try #require(report.donations)
        let euros = try #require(donations.currencies.first)
        #expect(donations.currencies.count == 1)
        #expect(euros.toDate == 12_734)
        #expect(euros.inPeriod == 234, "week 2: 12.34 for b, 10.00 given back")
        #expect(euros.attributed == 3_734)
        #expect(euros.unattributed == 9_000)
        #expect(report.headline.total == 2_200)
        #expect(euros.perThousandViews == 5_788, "127.34 EUR per 2,200 views: 57.88 per 1,000 (57.8818…)")
        #expect(euros.perLiveViewerHour == 318, "127.34 EUR per 40 viewer-hours: 3.18 (3.1835)")
        #expect(donations.events.map(\.event) == ["a", "b"])
        #expect(donations.entries == 4)
        #expect(report.headline.total == report.series.map(\.total).reduce(0, +), "money is never in the views")

        let programme = history.programme
        let text = try ReportRendering.render(report, as: .text, programme: programme)
        #expect(text.contains("DONATIONS"))
        #expect(text.contains("127.34") && text.contains("57.88") && text.contains("3.18"))
        let html = try ReportRendering.render(report, as: .html, programme: programme)
        #expect(html.contains("<h2") && html.contains("Donations"))
        let json = try ReportRendering.render(report, as: .json, programme: programme)
        #expect(json.contains("\"perLiveViewerHour\" : 318"))

        // Week 1's report knows nothing of week 2's money.
        let firstWeek = try await history.report(.week(1))
        let first = try #require(firstWeek.donations?.currencies.first)
        #expect(first.toDate == 12_500 && first.inPeriod == 12_500)
        let firstHTML = try ReportRendering.render(firstWeek, as: .html, programme: programme)
        #expect(firstHTML.contains("People watching A live"), "the audience curve of event a, the week it was live")
        #expect(!html.contains("People watching A live"), "week 2 had no live stream")
    }

    @Test func aReportWithoutDonationsHasNoSection() async throws {
        let history = try await History.standard()
        let report = try await history.report(.all)
        #expect(report.donations == nil)
        #expect(!(try ReportRendering.render(report, as: .text, programme: history.programme)).contains("DONATIONS"))
    }
}
