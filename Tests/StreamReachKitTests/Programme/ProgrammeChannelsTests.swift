import Testing
@testable import StreamReachKit

/// One rule for "where can this event be watched", whoever asks.
@Suite struct ProgrammeChannelsTests {
    private let programme: Programme

    init() throws {
        programme = try ProgrammeLoader.parse("""
            series: {id: p, title: P, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 4}
            stages: [{id: hall}]
            channels:
              - {id: yt, name: YouTube, platform: youtube}
              - {id: fb, name: Facebook, platform: facebook, until: 2020-03-31}
              - {id: ok, name: OK, type: broadcast, from: 2020-04-07}
            events:
              - {id: early, title: Early, kind: concert, start: "2020-03-25 17:00", streams: {yt: y1, fb: f1}}
              - {id: late, title: Late, kind: concert, start: "2020-04-08 17:00", streams: {yt: y2, fb: f2}}
            """, file: "p.yaml")
    }

    @Test func aChannelCarriesOnlyInsideItsWindow() throws {
        let early = try #require(programme.events.first { $0.id == "early" })
        let late = try #require(programme.events.first { $0.id == "late" })
        #expect(programme.channels(carrying: early).map(\.id) == ["yt", "fb"])
        // fb stopped on 31 March although the event still names a stream id there.
        #expect(programme.channels(carrying: late).map(\.id) == ["yt", "ok"])
        #expect(programme.watchLinks(late).map(\.title) == ["YouTube"])
    }

    /// `plan show` once listed fb for the late event while the exports did not.
    @Test func planShowAndTheExportsAgree() throws {
        let shown = ProgrammeWeekView(programme).weeks.flatMap(\.events)
        #expect(shown.first { $0.id == "late" }?.channels == ["yt", "ok"])
        #expect(shown.first { $0.id == "early" }?.channels == ["yt", "fb"])
    }
}
