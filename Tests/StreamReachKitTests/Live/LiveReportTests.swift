import Foundation
import Logging
import Testing
@testable import StreamReachKit

/// What a report says of a live evening: figures per stream and event, the live hour's
/// views against replay, per week; and nothing of it added to the views.
@Suite struct LiveReportTests {
    @Test func aLiveEveningInTheReport() async throws {
        let clock = SimulatedWallClock(start: LivePollerTests.start.addingTimeInterval(-3600))
        let server = try await LivePollerTests.youtube(clock)
        defer { Task { await server.stop() } }
        let store = try SQLiteStore()
        _ = try await LivePollerTests.poller(store: store, server: server, clock: clock).run()
        // The nightly job the next night reads the views (replay has come in since the end).
        let night = LivePollerTests.start.addingTimeInterval(10 * 3600)
        try await clock.sleep(until: night)
        let programme = try TestProgramme.make(channels: [("yt", "youtube")], events: [("a", ["yt": "v1"]), ("b", ["yt": "v2"])])
        let config = try TestProgramme.sources("yt: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}")
        let run = try await TestProgramme.collector(programme, config).collect(now: night)
        try await store.record(run)

        let report = try await ReachReportBuilder(programme: programme).build(.all, from: store)
        let live = try #require(report.live)
        #expect(live.events.map(\.event) == ["a", "b"])
        let a = try #require(live.events.first?.streams.first)
        #expect(a.figures.peak == 100 + 61, "the last live reading, a minute before the end was seen")
        #expect(a.endViews == 670)
        #expect(a.replayViews == report.series.first { $0.event == "a" }!.total - 670)
        #expect(live.liveViews == 670 + 201)
        #expect(live.replayViews == live.events.compactMap { $0.streams.first?.replayViews }.reduce(0, +))
        #expect(live.weeks.map(\.week) == [1])
        #expect(live.weeks.first?.liveViews == 871)
        let peak = try #require(live.total?.peak)
        #expect(peak == Int64((100 + 61) + (30 + 61)), "both streams at the same poll")
        #expect(report.headline.total == report.series.map(\.total).reduce(0, +), "viewers are never in the views")

        let text = try ReportRendering.render(report, as: .text, programme: programme)
        #expect(text.uppercased().contains("LIVE AUDIENCE"))
        #expect(text.contains("viewer-minutes watched live"))
        let json = try ReportRendering.render(report, as: .json, programme: programme)
        #expect(json.contains("\"replayViews\""))
    }
}
