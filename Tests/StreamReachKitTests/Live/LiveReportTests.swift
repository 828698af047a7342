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
        _ = try await LivePollerTests.poller(store: store, server: server, clock: clock, coarse: true).run()
        let samples = try await store.read { try await $0.audience(programme: "test") }
        let ends = try await store.read { try await $0.liveEndViews(programme: "test") }
        let endOf = { (event: String) in ends.first { $0.eventID == event }!.views }
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
        #expect(a.figures.peak == samples.filter { $0.eventID == "a" }.map(\.viewers).max())
        #expect(a.endViews == endOf("a"))
        #expect(a.replayViews == report.series.first { $0.event == "a" }!.total - endOf("a"))
        #expect(live.liveViews == endOf("a") + endOf("b"))
        #expect(live.replayViews == live.events.compactMap { $0.streams.first?.replayViews }.reduce(0, +))
        #expect(live.weeks.map(\.week) == [1])
        #expect(live.weeks.first?.liveViews == endOf("a") + endOf("b"))
        let peak = try #require(live.total?.peak)
        let byPoll = Dictionary(grouping: samples, by: \.observedAt).mapValues { $0.map(\.viewers).reduce(0, +) }
        #expect(peak == byPoll.values.max(), "both streams at the same poll")
        #expect(peak > (samples.map(\.viewers).max() ?? 0))
        #expect(report.headline.total == report.series.map(\.total).reduce(0, +), "viewers are never in the views")

        let text = try ReportRendering.render(report, as: .text, programme: programme)
        #expect(text.uppercased().contains("LIVE AUDIENCE"))
        #expect(text.contains("viewer-minutes watched live"))
        let json = try ReportRendering.render(report, as: .json, programme: programme)
        #expect(json.contains("\"replayViews\""))

        // CSV: a row per stream and per event, with the same figures.
        let csv = try ReportRendering.render(report, as: .csv, programme: programme).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(csv.first)
        let liveA = try #require(csv.first { $0.first == "live" && $0[1] == "a" })
        func cell(_ row: [String], _ column: String) -> String { row[header.firstIndex(of: column)!] }
        #expect(cell(liveA, "peak_viewers") == String(a.figures.peak))
        #expect(cell(liveA, "viewer_minutes") == String(a.figures.viewerMinutes))
        #expect(cell(liveA, "views") == String(endOf("a")) && cell(liveA, "gained") == String(a.replayViews!))
        #expect(csv.filter { $0.first == "live-event" }.count == 2)

        // Prometheus: people watching now while a stream is live, 0 once it is over; the
        // live hour's totals either way.
        let duringA = try #require(samples.filter { $0.eventID == "a" }.map(\.observedAt).max())
        let during = try await MetricsSnapshot.read(programme, from: store, now: duringA.addingTimeInterval(30))
        let latestA = try #require(samples.filter { $0.eventID == "a" }.max { $0.observedAt < $1.observedAt })
        let metrics = PrometheusExporter.render(during)
        #expect(during.liveNow.contains { $0.event == "a" && $0.latestViewers == latestA.viewers })
        #expect(metrics.contains(#"streamreach_live_watched_seconds{channel="yt",programme="test"} \#(60 * live.events.flatMap(\.streams).map(\.figures.viewerMinutes).reduce(0, +))"#), "\(metrics)")
        #expect(metrics.contains(#"streamreach_replay_views{channel="yt",programme="test"} \#(live.replayViews)"#))
        let later = PrometheusExporter.render(try await MetricsSnapshot.read(programme, from: store, now: night))
        #expect(later.contains(#"streamreach_live_viewers{channel="yt",programme="test"} 0"#))
        #expect(later.contains(#"streamreach_live_peak_viewers{channel="yt",programme="test"} \#(samples.map(\.viewers).max()!)"#))
        if let promtool = OperationsTests.promtool {
            let file = try ScratchFolder.file(metrics, suffix: ".prom")
            defer { try? FileManager.default.removeItem(atPath: file) }
            let (status, output) = try await Tool.run(promtool, ["check", "metrics"], input: URL(fileURLWithPath: file))
            #expect(status == 0 && output.isEmpty, "promtool: \(output)")
        }
    }
}
