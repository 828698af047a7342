import Foundation
import Logging
import StreamReachKit

/// `streamreach demo`: the nightly job, end to end, on built-in defaults.
///
/// Starts the simulated platforms on 127.0.0.1, runs the real collector (libcurl) for every
/// night of the programme into a fresh database — with a platform correction, a night the
/// platforms are down and a night the job did not run — enters Offene Kanal figures by
/// hand, and renders the weekly report of the week the target was passed.
package struct DemoRun: Sendable {
    /// The programme file to simulate; nil for the built-in copy of the spring 2020 series.
    package let programmePath: String?
    package let outputFolder: String
    /// Nights on which every platform answers 503, and nights the job does not run at all.
    package var outageNights = [LocalDate(iso: "2020-04-21")!]
    package var missedNights = [LocalDate(iso: "2020-04-30")!]
    /// Keep collecting for this many days after the last event.
    package var tailDays = 9
    /// `demo --serve`: a board started on the store before the first night, and the live
    /// evening played at this many times real time so a person can watch it on `/live`.
    package var serving: Serving?

    package struct Serving: Sendable {
        package var speed: Double
        /// Starts the board on the demo's programme and store; its clock follows the demo's.
        package var start: @Sendable (_ programme: Programme, _ store: any ReachStore, _ clock: any WallClock) async throws -> Void

        package init(speed: Double, start: @escaping @Sendable (Programme, any ReachStore, any WallClock) async throws -> Void) {
            self.speed = speed
            self.start = start
        }
    }

    package init(programmePath: String?, outputFolder: String) {
        self.programmePath = programmePath
        self.outputFolder = outputFolder
    }

    package struct Result: Sendable {
        package let databasePath: String
        package let htmlPath: String
        package let reportText: String
        package let week: Int
        package let runs: Int
    }

    package func run(say: @Sendable (String) -> Void) async throws -> Result {
        let programme = Self.withPeerTubeMirror(try programmePath.map { try ProgrammeLoader.load(path: $0) }
            ?? ProgrammeLoader.parse(DemoProgramme.text, file: "\(DemoProgramme.file) (built in)"))
        let server = try await SimulatedPlatforms.start(audience: DemoAudience(programme: programme))
        defer { Task { await server.stop() } }

        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        let databasePath = (outputFolder as NSString).appendingPathComponent("streamreach.sqlite")
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        let store = try await StoreLocation.open(databasePath)
        let boardClock = FollowingWallClock(SystemWallClock())
        if let serving { try await serving.start(programme, store, boardClock) }

        let (runs, lastNight) = try await collectEveryNight(programme, server: server, databasePath: databasePath, store: store,
                                                            boardClock: boardClock, say: say)
        let zone = TimeZoneConverter(identifier: programme.series.timeZone)
        try await store.recordManualReach(programme: programme.series.id, handEnteredFigures(programme), enteredAt: zone.instant(
            LocalDateTime(date: lastNight, time: LocalTime(minutes: 600))))

        let donations = try await importDonations(programme, store: store)
        say("  donations: \(donations.count) entries from a simulated statement (\(donationsPath)), "
            + "\(MoneyText.text(donations.map(\.amount).reduce(0, +), programme.donations.currency)); who gets what: streamreach payout")

        // The report of the week the target was passed.
        let builder = ReachReportBuilder(programme: programme)
        guard let crossed = try await builder.build(.all, from: store).pacing.crossed else { throw DemoError.noCrossing }
        let week = programme.series.week(of: crossed.date)
        let report = try await builder.build(.week(week), from: store)
        let htmlPath = (outputFolder as NSString).appendingPathComponent("report-week-\(week).html")
        try AtomicFile.write(try ReportRendering.render(report, as: .html, programme: programme), to: htmlPath)
        return Result(databasePath: databasePath, htmlPath: htmlPath,
                      reportText: try ReportRendering.render(report, as: .text, programme: programme), week: week, runs: runs)
    }

    /// The spring 2020 programme ran on YouTube and Facebook; the demo adds a PeerTube mirror
    /// from the fourth week so all three API shapes are exercised. It is labelled as such.
    private static func withPeerTubeMirror(_ original: Programme) -> Programme {
        var programme = original
        guard !programme.channels.contains(where: { $0.platform == .peertube }), let first = programme.events.first?.start.date else {
            return programme
        }
        let from = first.adding(days: 21)
        programme.channels.append(Channel(id: "peertube-demo", name: "PeerTube mirror (simulated, demo only)", sort: .platform,
                                          platform: .peertube, from: from, until: nil))
        for index in programme.events.indices where programme.events[index].start.date >= from {
            programme.events[index].streams["peertube-demo"] = "pt-\(programme.events[index].id)"
        }
        return programme
    }

    /// The nightly job, as cron would run it, at 02:00 of every night from the first event
    /// to `tailDays` after the last, with the simulated outage and missed nights.
    private func collectEveryNight(_ programme: Programme, server: SimulatedPlatforms, databasePath: String, store: any ReachStore,
                                   boardClock: FollowingWallClock, say: @Sendable (String) -> Void) async throws -> (runs: Int, lastNight: LocalDate) {
        let sources = try SourcesConfigLoader.parse("""
            settings: {concurrency: 16, timeout: 5s, deadline: 60s, max-attempts: 2}
            sources:
              youtube: {platform: youtube, api-key: demo-api-key, base-url: "\(server.baseURL)"}
              facebook: {platform: facebook, access-token: demo-access-token, base-url: "\(server.baseURL)/v19.0"}
              peertube-demo: {platform: peertube, base-url: "\(server.baseURL)"}
            """, file: "built-in demo sources", environment: [:])
        var collector = Collector(programme: programme, config: sources, logger: Logger(label: "demo") { _ in SwiftLogNoOpLogHandler() })
        collector.retryPolicy.baseDelaySeconds = 0.02
        var settings = NightlyCollection.Settings(database: databasePath)
        settings.prometheusPath = (outputFolder as NSString).appendingPathComponent("streamreach.prom")

        let zone = TimeZoneConverter(identifier: programme.series.timeZone)
        guard let firstNight = programme.events.map(\.start.date).min()?.adding(days: 1),
              let lastEvent = programme.events.map(\.start.date).max() else { throw DemoError.noCrossing }
        let lastNight = lastEvent.adding(days: tailDays)
        say("Simulated YouTube, Facebook and PeerTube APIs on \(server.baseURL); collecting every night from \(firstNight.iso) to \(lastNight.iso) into \(databasePath)")
        var runs = 0
        let liveDay = lastEvent
        for night in stride(from: firstNight.dayNumber, through: lastNight.dayNumber, by: 1).map(LocalDate.init(dayNumber:)) {
            if night == liveDay.adding(days: 1) {
                try await liveEvening(programme, day: liveDay, server: server, sources: sources, store: store, boardClock: boardClock, say: say)
            }
            if missedNights.contains(night) {
                say("  \(night.iso): job did not run (simulated missed night)")
                continue
            }
            let outage = outageNights.contains(night)
            server.set(night: night, failing: outage)
            let now = zone.instant(LocalDateTime(date: night, time: LocalTime(minutes: 120)))
            collector.clock = { now }
            boardClock.follow(SimulatedWallClock(start: now))
            // The same nightly job cron runs: lock, store, metrics.
            let result = await NightlyCollection(collector: collector, settings: settings).run(now: now)
            guard let run = result.run, result.runID != nil else { throw DemoError.nightFailed(night.iso, result.error ?? "nothing stored") }
            runs += 1
            if outage { say("  \(night.iso): platforms answered 503 (simulated outage): \(run.failures.count) series failed, nothing lost") }
        }
        return (runs, lastNight)
    }

    /// The evening of `day` as `streamreach live` sees it, on a simulated clock: the
    /// platforms go live, draw an audience and end; the real poller reads them through
    /// libcurl every minute (every 15 s at the edges) and stores what it saw, in moments.
    private func liveEvening(_ programme: Programme, day: LocalDate, server: SimulatedPlatforms, sources: SourcesConfig,
                             store: any ReachStore, boardClock: FollowingWallClock, say: @Sendable (String) -> Void) async throws {
        var evening = programme
        evening.events = programme.events.filter { $0.start.date == day }
        guard let first = evening.events.map(\.start).min() else { return }
        let zone = TimeZoneConverter(identifier: programme.series.timeZone)
        let start = zone.instant(first).addingTimeInterval(-30 * 60)
        let clock: any WallClock = serving.map { ScaledWallClock(start: start, speed: $0.speed) } ?? SimulatedWallClock(start: start)
        if let serving {
            say("  \(day.iso): the live evening plays at \(Int(serving.speed))× real time; watch it on the board's /live page")
        }
        boardClock.follow(clock)
        server.setLive(clock)
        defer { server.setLive(nil) }
        let poller = LivePoller(programme: evening, config: sources, store: store, clock: clock,
                                logger: Logger(label: "demo") { _ in SwiftLogNoOpLogHandler() })
        let summary = try await poller.run()
        let peak = try await ReachReportBuilder(programme: evening).build(.all, from: store).live?.total?.peak ?? 0
        say("  \(day.iso): live evening (simulated clock): \(summary.samples) viewer figures from \(summary.polls) polls, "
            + "at most \(peak) people watching at once, \(summary.endsRead) end-of-live view counts")
    }

    private var donationsPath: String { (outputFolder as NSString).appendingPathComponent("donations.csv") }

    /// A statement as the culture office would export it, through the real CSV import: after
    /// each stream a few transfers with the series' one reference, now and then one that
    /// names the act (attributed to its event). Simulated amounts, labelled as such.
    private func importDonations(_ programme: Programme, store: any ReachStore) async throws -> [Donation] {
        var lines = ["date;amount;currency;reference;event;source"]
        for (index, event) in programme.events.sorted(by: Event.startOrder).enumerated() {
            for gift in 0..<(3 + index % 4) {
                let euros = [10, 20, 50, 25, 15, 100, 30][(index + gift * 3) % 7]
                let named = (index + gift) % 5 == 0
                let day = event.start.date.adding(days: gift % 3)
                lines.append("\(day.iso);\(euros),00;EUR;\(named ? "Spende \(event.title)" : "Spende Fruchthalle");"
                             + "\(named ? event.id : "");demo statement (simulated)")
            }
        }
        try AtomicFile.write(lines.joined(separator: "\r\n") + "\r\n", to: donationsPath)
        let donations = try DonationCSV.read(path: donationsPath, programme: programme)
        return try await store.recordDonations(programme: programme.series.id, donations, as: .importing, enteredAt: Date())
    }

    /// Offene Kanal figures as a culture office would enter them: estimates with their source.
    private func handEnteredFigures(_ programme: Programme) -> [ManualReach] {
        let broadcasts = programme.channels.filter { $0.sort == .broadcast }
        var figures: [ManualReach] = []
        for (index, event) in programme.events.enumerated() where index % 3 == 0 {
            for channel in broadcasts where channel.carries(on: event.start.date) {
                figures.append(ManualReach(event: event.id, channel: channel.id, date: event.start.date,
                                           figure: Int64(150 + (index * 37) % 200),
                                           source: "estimate from the channel's cable reach (demo figure)"))
            }
        }
        return figures
    }
}
