import Foundation
import Logging
import StreamReachKit

/// `streamreach demo --network --db URL` (`make demo-network`): three venues' nightly jobs
/// at once against one shared store, then the network report.
///
/// The venues are the built-in spring 2020 Fruchthalle programme and two simulated copies
/// of it (their own series ids, titles and stream ids, so their audiences differ), all
/// answered by the simulated platforms on 127.0.0.1. Every night the three jobs run in
/// parallel, each with its own run lock and transaction, as three machines would.
package struct DemoNetworkRun: Sendable {
    package let database: String

    package init(database: String) {
        self.database = database
    }

    package struct Result: Sendable {
        package let reportText: String
        package let runs: Int
        package let venues: Int
    }

    package func run(say: @Sendable (String) -> Void) async throws -> Result {
        let spring = try ProgrammeLoader.parse(DemoProgramme.text, file: "\(DemoProgramme.file) (built in)")
        let venues = [spring,
                      Self.copy(spring, id: "demo-venue-b", title: "Second venue (simulated copy of the Fruchthalle series)", prefix: "b-"),
                      Self.copy(spring, id: "demo-venue-c", title: "Third venue (simulated copy of the Fruchthalle series)", prefix: "c-")]
        var everything = spring
        everything.events = venues.flatMap(\.events)
        let server = try await SimulatedPlatforms.start(audience: DemoAudience(programme: everything))
        defer { Task { await server.stop() } }
        let sources = try SourcesConfigLoader.parse("""
            settings: {concurrency: 16, timeout: 5s, deadline: 60s, max-attempts: 2}
            sources:
              youtube: {platform: youtube, api-key: demo-api-key, base-url: "\(server.baseURL)"}
              facebook: {platform: facebook, access-token: demo-access-token, base-url: "\(server.baseURL)/v19.0"}
            """, file: "built-in demo sources", environment: [:])
        let zone = TimeZoneConverter(identifier: spring.series.timeZone)
        guard let firstNight = spring.events.map(\.start.date).min()?.adding(days: 1),
              let lastEvent = spring.events.map(\.start.date).max() else { throw DemoError.noCrossing }
        let nights = stride(from: firstNight.dayNumber, through: lastEvent.adding(days: 9).dayNumber, by: 1).map(LocalDate.init(dayNumber:))
        say("Simulated YouTube and Facebook APIs on \(server.baseURL); three venues collect every night from \(firstNight.iso) to \(nights.last!.iso), in parallel, into \(StoreLocation.display(database))")
        var runs = 0
        for night in nights {
            server.set(night: night, failing: false)
            let now = zone.instant(LocalDateTime(date: night, time: LocalTime(minutes: 120)))
            let results = await withTaskGroup(of: NightlyCollection.Result.self) { group in
                for venue in venues {
                    var collector = Collector(programme: venue, config: sources, logger: Logger(label: "demo") { _ in SwiftLogNoOpLogHandler() })
                    collector.retryPolicy.baseDelaySeconds = 0.02
                    collector.clock = { now }
                    let job = NightlyCollection(collector: collector, settings: NightlyCollection.Settings(database: database))
                    group.addTask { await job.run(now: now) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for result in results where result.runID == nil {
                throw DemoError.nightFailed(night.iso, result.error ?? "nothing stored")
            }
            runs += results.count
        }
        let store = try await StoreLocation.open(database)
        let network = Network(id: "demo-network", title: "Demo network of three venues (simulated)", target: 300_000, programmeFiles: [])
        let report = try await NetworkReportBuilder(network: network, programmes: venues).build(from: store)
        return Result(reportText: try NetworkReportRendering.render(report, as: .text), runs: runs, venues: venues.count)
    }

    /// The programme as another venue would run it: its own ids, its own streams.
    private static func copy(_ original: Programme, id: String, title: String, prefix: String) -> Programme {
        var programme = original
        programme.series.id = id
        programme.series.title = title
        programme.channels.removeAll { $0.sort == .platform && $0.platform != .youtube && $0.platform != .facebook }
        programme.events = original.events.map { event in
            var copy = event
            copy.id = prefix + event.id
            copy.streams = event.streams.mapValues { prefix + $0 }
            return copy
        }
        return programme
    }
}
