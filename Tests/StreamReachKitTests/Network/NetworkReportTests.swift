import Foundation
import Testing
@testable import StreamReachKit

/// `report --network`: several programmes from one store, summed exactly as their own
/// reports show them, from either store.
@Suite struct NetworkReportTests {
    /// Two venues with a YouTube and a Facebook channel and a few nights of counts each.
    struct TwoVenues {
        let folder: URL
        let files: [String]
        let programmes: [Programme]

        init(store: any ReachStore) async throws {
            folder = URL(fileURLWithPath: ScratchFolder.path("network"))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var files: [String] = [], programmes: [Programme] = []
            for (venue, scale) in [("trier", Int64(100)), ("landau", Int64(7))] {
                let text = """
                    series: {id: \(venue), title: "Streams \(venue.capitalized)", time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2, target: 5000}
                    stages: [{id: hall}]
                    channels:
                      - {id: yt, platform: youtube}
                      - {id: fb, platform: facebook}
                      - {id: ok, name: Offener Kanal, type: broadcast}
                    events:
                      - {id: a, title: "\(venue) A", kind: concert, start: "2020-03-24 19:00", streams: {yt: ya, fb: fa}}
                      - {id: b, title: "\(venue) B", kind: reading, start: "2020-03-26 19:00", streams: {yt: yb}}
                    """
                let file = folder.appendingPathComponent("\(venue).yaml").path
                try text.write(toFile: file, atomically: true, encoding: .utf8)
                let programme = try ProgrammeLoader.load(path: file)
                let zone = TimeZoneConverter(identifier: "Europe/Berlin")
                for (night, factor) in [("2020-03-25", Int64(1)), ("2020-03-27", Int64(3)), ("2020-03-31", Int64(5))] {
                    let day = LocalDate(iso: night)!
                    let at = zone.instant(LocalDateTime(date: day, time: LocalTime(minutes: 120)))
                    let samples = [("a", "yt", 10 * factor * scale), ("a", "fb", 4 * factor * scale), ("b", "yt", factor * scale)].map { event, channel, views in
                        Sample(target: CollectionTarget(eventID: event, channelID: channel, streamID: "\(channel)\(event)"),
                               reading: .count(views), attempts: 1, url: "http://127.0.0.1/")
                    }
                    try await store.record(CollectionRun(programme: venue, startedAt: at, finishedAt: at, day: day, samples: samples))
                }
                try await store.recordManualReach(programme: venue, [ManualReach(event: "a", channel: "ok", date: LocalDate(iso: "2020-03-30")!,
                                                                                  figure: 250, source: "OK viewer survey")], enteredAt: Date())
                files.append(file)
                programmes.append(programme)
            }
            self.files = files
            self.programmes = programmes
        }
    }

    @Test func theNetworkIsTheSumOfItsProgrammesOwnReports() async throws {
        let (store, remove) = try await StoreUnderTest.sqlite.make()
        defer { Task { await remove() } }
        let venues = try await TwoVenues(store: store)
        defer { try? FileManager.default.removeItem(at: venues.folder) }
        let network = Network(id: "rlp", title: "Culture streams RLP", target: 20_000, programmeFiles: venues.files)
        let report = try await NetworkReportBuilder(network: network, programmes: venues.programmes).build(from: store)

        // Each programme's own whole-series report, as `report --all` prints it.
        var own: [String: Int64] = [:]
        for programme in venues.programmes {
            own[programme.series.id] = try await ReachReportBuilder(programme: programme).build(.all, from: store).headline.total
        }
        let trier: Int64 = 15 * 5 * 100, landau: Int64 = 15 * 5 * 7
        #expect(own == ["trier": trier, "landau": landau])
        #expect(report.headline.total == 7_500 + 525)
        #expect(report.programmes.map(\.id) == ["trier", "landau"])
        #expect(report.programmes.map(\.total) == [7_500, 525])
        #expect(report.headline.percentOfTarget == 40.1)   // 8,025 of 20,000, half up
        #expect(report.programmes.map(\.shareOfNetwork) == [93.5, 6.5])
        #expect(report.programmes.map(\.percentOfOwnTarget) == [150.0, 10.5])
        #expect(report.headline.handEntered == 500)
        // By platform, across venues: YouTube 11 parts, Facebook 4 of every 15.
        #expect(report.byPlatform.map(\.platform) == ["youtube", "facebook"])
        let youtube: Int64 = 11 * 5 * 107, facebook: Int64 = 4 * 5 * 107
        #expect(report.byPlatform.map(\.total) == [youtube, facebook])
        // Top events across venues, with their programme.
        #expect(report.topEvents.prefix(3).map { "\($0.programme)/\($0.event)" } == ["trier/a", "trier/b", "landau/a"])
        let trierA: Int64 = 14 * 5 * 100
        #expect(report.topEvents.first?.total == trierA)
        // Quality per venue: three runs, and the nights between them missed.
        #expect(report.programmes.allSatisfy { $0.quality.runs == 3 })
        #expect(report.programmes.allSatisfy { $0.quality.missedNights > 0 && $0.quality.warnings.contains { $0.contains("missed night") } })
    }

    @Test func bothStoresGiveTheSameNetworkReportInEveryFormat() async throws {
        let (sqlite, removeSQLite) = try await StoreUnderTest.sqlite.make()
        let (postgres, removePostgres) = try await StoreUnderTest.postgres.make()
        defer { Task { await removeSQLite(); await removePostgres() } }
        let venues = try await TwoVenues(store: sqlite)
        _ = try await TwoVenues(store: postgres)
        defer { try? FileManager.default.removeItem(at: venues.folder) }
        let networkFile = venues.folder.appendingPathComponent("network.yaml").path
        try """
            network: {id: rlp, title: "Culture streams RLP", target: 20000}
            programmes: [trier.yaml, landau.yaml]
            """.write(toFile: networkFile, atomically: true, encoding: .utf8)
        for format in ReportFormat.allCases where format != .prom {
            let fromSQLite = try await CLIRunner.run(["report", "--network", networkFile, "--db", sqlite.location, "--format", format.rawValue])
            let fromPostgres = try await CLIRunner.run(["report", "--network", networkFile, "--db", postgres.location, "--format", format.rawValue])
            #expect(fromSQLite.status == 0, "\(format): \(fromSQLite.stderr)")
            #expect(fromSQLite.stdout == fromPostgres.stdout, "\(format) differs between the stores")
        }
        let text = try await CLIRunner.run(["report", "--network", networkFile, "--db", sqlite.location])
        #expect(text.stdout.contains("Culture streams RLP: network reach"))
        #expect(text.stdout.contains("8,025"))
        // The programme files named directly: the target is the sum of theirs.
        let named = try await CLIRunner.run(["report", "--network"] + venues.files + ["--db", sqlite.location, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])
        let info = try #require(json["network"] as? [String: Any])
        #expect(info["target"] as? Int == 10_000)
        #expect(info["targetIsSum"] as? Bool == true)
    }

    @Test func badNetworkFilesSayWhereAndWhat() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("network-bad-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("network.yaml").path
        try """
            network: {id: rlp, targt: 5}
            programmes:
              - missing.yaml
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["report", "--network", file, "--db", "/nonexistent.sqlite"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("network.yaml:1:20: unknown key `targt` in `network`; did you mean `target`?"), "\(result.stderr)")
        #expect(result.stderr.contains("network.yaml:3:5: no programme file `missing.yaml`"), "\(result.stderr)")

        // Two programmes with one series id cannot be told apart in one store.
        let programme = Fixtures.schedule("fruchthalle-2020.yaml")
        let twice = try await CLIRunner.run(["report", "--network", programme, programme, "--db", "/nonexistent.sqlite"])
        #expect(twice.status == 65, "\(twice.stderr)")
        #expect(twice.stderr.contains("needs its own"))
        #expect(try await CLIRunner.run(["report", programme, programme]).status == 64)
        #expect(try await CLIRunner.run(["report", "--network", programme, "--week", "2"]).status == 64)
    }

    @Test func theNetworkReferenceListsEveryKeyTheLoaderAccepts() throws {
        let text = try String(contentsOfFile: Fixtures.root.appendingPathComponent("docs/NETWORK-FORMAT.md").path, encoding: .utf8)
        let table = try #require(text.components(separatedBy: "## Every key").dropFirst().first?.components(separatedBy: "\n## ").first)
        var documented: [String: Set<String>] = [:]
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let parts = String(line.dropFirst(3).prefix { $0 != "`" }).components(separatedBy: ".")
            documented[parts.dropLast().joined(separator: "."), default: []].insert(parts.last!)
        }
        #expect(documented == NetworkLoader.acceptedKeys)
        // The shipped network of the two Fruchthalle seasons reads.
        let network = try NetworkLoader.load(path: Fixtures.schedule("fruchthalle-network.yaml"))
        #expect(network.target == 200_000 && network.programmeFiles.count == 2)
    }
}
