import Foundation
import Logging
import Testing
@testable import StreamReachKit

/// Views and viewers apart (store schema v4): readings that an earlier version stored as
/// views on channels that read people watching now are moved out of the counts once, the
/// reports leave them out until then, and a copy keeps both the mark and the moved figures.
/// Run against both stores.
@Suite struct FigureSeparationTests {
    /// A programme of one evening on YouTube (views), Twitch (its old preset read viewers)
    /// and Owncast (no cumulative count at all).
    static func programme() throws -> Programme {
        try TestProgramme.make(channels: [("yt", "youtube"), ("tw", "twitch"), ("cast", "owncast")],
                               events: [("a", ["yt": "yt-a", "tw": "123", "cast": "main"]),
                                        ("b", ["yt": "yt-b", "tw": "456"])])
    }

    static func run(_ readings: [(event: String, channel: String, reading: SeriesReading)], at seconds: Int64) -> CollectionRun {
        let start = Date(timeIntervalSince1970: Double(seconds))
        return CollectionRun(
            programme: "test", startedAt: start, finishedAt: start.addingTimeInterval(2), day: LocalDate(dayNumber: Int(seconds / 86400)),
            samples: readings.map { Sample(target: CollectionTarget(eventID: $0.event, channelID: $0.channel, streamID: "s-\($0.event)-\($0.channel)"),
                                           reading: $0.reading, attempts: 1, url: "https://x") })
    }

    /// Two nights stored by an earlier version: YouTube views, and Twitch and Owncast
    /// viewers stored as if they were views (one Twitch reading failed).
    static func storeOldNights(_ store: any ReachStore) async throws {
        let night1: Int64 = 1_585_100_000, night2 = night1 + 86_400
        try await store.record(run([("a", "yt", .count(100)), ("b", "yt", .count(50)), ("a", "tw", .count(312)), ("b", "tw", .count(40)),
                                    ("a", "cast", .count(58))], at: night1), figuresApart: false)
        try await store.record(run([("a", "yt", .count(180)), ("b", "yt", .count(90)), ("a", "tw", .count(12)),
                                    ("b", "tw", SeriesReading(outcome: .transient, detail: "HTTP 503")), ("a", "cast", .count(3))], at: night2),
                               figuresApart: false)
    }

    static func report(_ store: any ReachStore) async throws -> ReachReport {
        try await ReachReportBuilder(programme: programme()).build(.all, from: store)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func oldViewerReadingsAreLeftOutThenMovedOnceAndNewViewsCount(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        try await Self.storeOldNights(store)
        let channels = try Self.programme().channelsThatStoredViewersAsViews
        #expect(channels == ["tw", "cast"])

        // Before any collect: the report counts YouTube only, and says why.
        let before = try await Self.report(store)
        #expect(before.headline.total == 270)
        #expect(before.series.map(\.channel) == ["yt", "yt"])
        #expect(before.quality.toDate.corrections == 0, "a Twitch viewer count going down is not a correction of views")
        #expect(before.quality.figureNotes.map(\.channel) == ["tw", "cast"])
        #expect(before.quality.figureNotes.map(\.seriesLeftOut) == [2, 1])
        #expect(before.quality.figureNotes[1].note.contains("no cumulative view count"))
        let unseparated = try await store.read { try await $0.seriesWithUnseparatedFigures(programme: "test", channels: channels) }
        #expect(unseparated.count == 3)

        // The separation moves every viewer reading and removes the failed one with them.
        let separated = try await store.separateFigures(programme: "test", channels: channels)
        #expect(separated == [FigureSeparation(channel: "cast", moved: 2, removed: 0), FigureSeparation(channel: "tw", moved: 3, removed: 1)])
        let audience = try await store.read { try await $0.audience(programme: "test") }
        #expect(audience.map { "\($0.eventID)/\($0.channelID)=\($0.viewers)" } == ["a/cast=58", "a/cast=3", "a/tw=312", "a/tw=12", "b/tw=40"])
        #expect(audience.allSatisfy { $0.origin == .moved })
        #expect(try await store.snapshots().allSatisfy { $0.channelID == "yt" })
        #expect(try await store.read { try await $0.seriesStates(programme: "test") }.map(\.channelID) == ["yt", "yt"])
        #expect(try await store.separateFigures(programme: "test", channels: channels).isEmpty, "a second call finds nothing left")
        let runs = try await store.runs(limit: 10)
        #expect(runs.map(\.seriesCount) == [2, 2], "a run's counts say what its snapshots hold")
        #expect(runs.map(\.okCount) == [2, 2])

        let after = try await Self.report(store)
        #expect(after.headline.total == 270)
        #expect(after.quality.figureNotes.map(\.readingsMoved) == [3, 2])
        #expect(after.quality.figureNotes.map(\.seriesLeftOut) == [0, 0])

        // Tonight's Twitch figure is a view count (of the recording): it counts.
        try await store.record(Self.run([("a", "yt", .count(200)), ("b", "yt", .count(95)), ("a", "tw", .count(1863)), ("b", "tw", .count(70))],
                                        at: 1_585_100_000 + 2 * 86_400))
        #expect(try await store.separateFigures(programme: "test", channels: channels).isEmpty, "new runs hold views only")
        let tonight = try await Self.report(store)
        #expect(tonight.headline.total == 200 + 95 + 1863 + 70)
        #expect(tonight.byChannel.map(\.key).sorted() == ["tw", "yt"])
    }

    /// A copy keeps the mark of old runs and the moved figures: the destination separates
    /// what the source had not, and agrees with it on what it had.
    @Test(arguments: StoreUnderTest.allCases)
    func aCopyKeepsTheMarkOfOldRunsAndTheViewerSamples(_ destinationKind: StoreUnderTest) async throws {
        let (source, removeSource) = try await StoreUnderTest.sqlite.make()
        defer { Task { await removeSource() } }
        let (destination, removeDestination) = try await destinationKind.make()
        defer { Task { await removeDestination() } }
        try await Self.storeOldNights(source)
        _ = try await source.separateFigures(programme: "test", channels: ["cast"])

        let results = try await StoreCopy(from: source, to: destination).run()
        #expect(results.map(\.check.agrees) == [true])
        #expect(results.first?.check.destination.viewerSamples == 2)
        #expect(try await destination.read { try await $0.runsBeforeFiguresApart(programme: "test") }.count == 2)
        // Twitch was not separated in the source: it still can be in the destination.
        let separated = try await destination.separateFigures(programme: "test", channels: ["tw", "cast"])
        #expect(separated == [FigureSeparation(channel: "tw", moved: 3, removed: 1)])
        #expect(try await Self.report(destination).headline.total == 270)
        // Copying again adds nothing.
        let again = try await StoreCopy(from: source, to: destination).run()
        #expect(again.map(\.runsCopied) == [0])
        #expect(try await destination.read { try await $0.audience(programme: "test") }.count == 5)
    }

    /// The nightly job separates before it stores tonight's counts, and says so once.
    @Test func theNightlyJobMovesOldViewerReadingsBeforeTonightsCounts() async throws {
        let server = try await StubServer.start { request in
            switch request.path {
            case "/helix/videos": return .fixture("twitch-videos.json")
            case "/youtube/v3/videos": return .fixture("youtube-videos.json")
            default: return StubReply(status: 404)
            }
        }
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("separate-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("s.sqlite").path
        let programme = try TestProgramme.make(channels: [("yt", "youtube"), ("tw", "twitch")],
                                               events: [("a", ["yt": "krauJecXeGS", "tw": "835921245"])])
        let old = try SQLiteStore(path: database)
        try await old.record(Self.run([("a", "yt", .count(4000)), ("a", "tw", .count(312))], at: 1_585_000_000), figuresApart: false)
        old.close()

        let config = try TestProgramme.sources("""
            yt: {platform: youtube, api-key: k3y-for-test, base-url: "\(server.baseURL)"}
            tw: {platform: twitch, client-id: c1ient, access-token: t0ken, base-url: "\(server.baseURL)"}
            """)
        var settings = NightlyCollection.Settings(database: database)
        settings.prometheusPath = nil
        let job = NightlyCollection(collector: TestProgramme.collector(programme, config), settings: settings)
        let first = await job.run(now: TestProgramme.night)
        #expect(first.status == .ok, "\(first.error ?? "")")
        #expect(first.warnings.contains { $0.contains("channel tw: 1 reading(s) of viewers watching live") }, "\(first.warnings)")
        let second = await job.run(now: TestProgramme.night.addingTimeInterval(86_400))
        #expect(!second.warnings.contains { $0.contains("moved out of the view counts") })

        let store = try SQLiteStore.existing(path: database)
        defer { store.close() }
        #expect(try await store.read { try await $0.audience(programme: "test") }.map(\.viewers) == [312])
        let twitch = try await store.snapshots().filter { $0.channelID == "tw" }.map(\.value)
        #expect(twitch == [1863, 1863], "only tonight's and the next night's view counts of the recording")
    }
}
