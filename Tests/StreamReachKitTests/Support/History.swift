import Foundation
@testable import StreamReachKit

/// Hand-built snapshot histories: runs with chosen values on chosen nights, stored through
/// the real store so the rollups are exercised too.
struct History {
    let programme: Programme
    let store: any ReachStore
    /// The programme file's text, for tests that run the command line on it.
    let programmeText: String
    private let zone: TimeZoneConverter

    /// Programme "hist": 3 weeks from Tue 2020-03-24, target `target`; events
    /// a (Tue W1, concert), b (Tue W2, reading), c (Wed W1, concert); channels yt, fb.
    init(target: Int = 100_000, titles: [String: String] = [:], performers: [String: String] = [:],
         channelNames: [String: String] = [:], store: (any ReachStore)? = nil) throws {
        func title(_ id: String) -> String { titles[id] ?? id.uppercased() }
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let text = """
            series: {id: hist, title: History, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 3, target: \(target)}
            stages: [{id: hall}]
            channels:
              - {id: yt, name: \(quoted(channelNames["yt"] ?? "YouTube")), platform: youtube}
              - {id: fb, name: \(quoted(channelNames["fb"] ?? "Facebook")), platform: facebook}
              - {id: ok, name: OK Test, type: broadcast}
            events:
              - {id: a, title: \(quoted(title("a"))), kind: concert, performers: [\(quoted(performers["a"] ?? "Anna"))], start: "2020-03-24 17:00", streams: {yt: ya, fb: fa}}
              - {id: b, title: \(quoted(title("b"))), kind: reading, start: "2020-03-31 17:00", streams: {yt: yb, fb: fb}}
              - {id: c, title: \(quoted(title("c"))), kind: concert, start: "2020-03-25 17:00", streams: {yt: yc}}
            """
        programme = try ProgrammeLoader.parse(text, file: "history.yaml")
        programmeText = text
        self.store = try store ?? SQLiteStore()
        zone = TimeZoneConverter(identifier: "Europe/Berlin")
    }

    /// Stores one run at 02:00 local on `night`: `values` maps "event/channel" to a count,
    /// nil for a transient failure; series not named are not in the run.
    @discardableResult
    func run(_ night: String, _ values: [String: Int64?]) async throws -> Int64 {
        let day = LocalDate(iso: night)!
        let at = zone.instant(LocalDateTime(date: day, time: LocalTime(minutes: 120)))
        let samples = values.sorted { $0.key < $1.key }.map { key, value -> Sample in
            let parts = key.split(separator: "/").map(String.init)
            let reading = value.map { SeriesReading.count($0) } ?? SeriesReading(outcome: .transient, detail: "HTTP 503")
            return Sample(target: CollectionTarget(eventID: parts[0], channelID: parts[1], streamID: "\(parts[1])-\(parts[0])"),
                          reading: reading, attempts: 1, url: "http://127.0.0.1/")
        }
        return try await store.record(CollectionRun(programme: "hist", startedAt: at, finishedAt: at.addingTimeInterval(2), day: day, samples: samples))
    }

    func report(_ period: ReportPeriod) async throws -> ReachReport {
        try await ReachReportBuilder(programme: programme).build(period, from: store)
    }

    /// A small but complete history: growth, a late start, a correction, a missed night,
    /// a failing series and hand-entered figures.
    static func standard(target: Int = 1_000, titles: [String: String] = [:], performers: [String: String] = [:],
                         channelNames: [String: String] = [:], store: (any ReachStore)? = nil) async throws -> History {
        let history = try History(target: target, titles: titles, performers: performers, channelNames: channelNames, store: store)
        try await history.run("2020-03-25", ["a/yt": 100, "a/fb": 50])
        try await history.run("2020-03-26", ["a/yt": 140, "a/fb": 70, "c/yt": nil])
        try await history.run("2020-03-29", ["a/yt": 160, "a/fb": 80, "c/yt": nil])
        // 2020-03-30 and -31: no run (missed nights).
        try await history.run("2020-04-01", ["a/yt": 150, "a/fb": 90, "b/yt": 300, "b/fb": 40, "c/yt": nil])
        try await history.run("2020-04-05", ["a/yt": 170, "a/fb": 95, "b/yt": 420, "b/fb": 60, "c/yt": nil])
        try await history.run("2020-04-08", ["a/yt": 175, "a/fb": 99, "b/yt": 470, "b/fb": 66, "c/yt": nil])
        try await history.store.recordManualReach(programme: "hist", [
            ManualReach(event: "a", channel: "ok", date: LocalDate(iso: "2020-03-24")!, figure: 300, source: "estimate, OK Test"),
            ManualReach(event: "b", channel: "ok", date: LocalDate(iso: "2020-03-31")!, figure: 250, source: "viewer survey"),
        ], enteredAt: Date(timeIntervalSince1970: 1_586_000_000))
        return history
    }
}
