import Testing
@testable import StreamReachKit

@Suite struct FreeSlotFinderTests {
    /// Good Friday was the one "free" slot of week 3; it is a day off of the series.
    @Test func theSpring2020ProgrammeHasNoFreeSlotInWeek3() async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml"))
        let slots = FreeSlotFinder(programme: programme).freeSlots(week: 3, durationMinutes: 60, kind: "concert")
        #expect(slots.isEmpty, "\(slots)")
        #expect(programme.slotRules.daysOff[LocalDate(iso: "2020-04-10")!] == "Good Friday")
        #expect(FreeSlotFinder(programme: programme).freeSlots(week: 2, durationMinutes: 60, kind: nil).isEmpty)
    }

    @Test func changeoverOfTheNewKindKeepsSlotsAwayFromNeighbours() async throws {
        let text = """
            series: {title: T, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 1}
            slots: {days: [tue], hours: "16:00-21:00"}
            changeover: {default: 0m, by-kind: {live-painting: 45m}}
            stages: [{id: hall}]
            events:
              - {id: band, title: B, kind: concert, start: "2020-03-24 18:00", duration: 1h}
            """
        let finder = FreeSlotFinder(programme: try ProgrammeLoader.parse(text, file: "x.yaml"))
        let reading = finder.freeSlots(week: 1, durationMinutes: 60, kind: "reading").map(\.start.description)
        #expect(reading == ["16:00", "16:30", "17:00", "19:00", "19:30", "20:00"])
        let painting = finder.freeSlots(week: 1, durationMinutes: 60, kind: "live-painting").map(\.start.description)
        #expect(painting == ["16:00", "20:00"])
    }

    @Test func daysOutsideTheSeriesOrItsRulesOfferNoSlot() async throws {
        let text = """
            series: {title: T, time-zone: Europe/Berlin, first-day: 2020-03-26, weeks: 1}
            slots: {days: [tue, thu, sat], extra-dates: [2020-03-27], start-times: ["17:00"]}
            stages: [{id: hall}, {id: foyer}]
            """
        let finder = FreeSlotFinder(programme: try ProgrammeLoader.parse(text, file: "x.yaml"))
        // Tuesday 24 is before the first day; Thu, the extra Friday and Sat remain, on both stages.
        let slots = finder.freeSlots(week: 1, durationMinutes: 60, kind: nil)
        #expect(slots.map { "\($0.date) \($0.stage)" } == [
            "2020-03-26 foyer", "2020-03-26 hall", "2020-03-27 foyer", "2020-03-27 hall",
            "2020-03-28 foyer", "2020-03-28 hall",
        ])
        #expect(finder.freeSlots(week: 1, durationMinutes: 60, kind: nil, stage: "hall").count == 3)
    }

    /// Days off are not free, and an event on one is flagged (Good Friday and 1 May were
    /// the only "free" slots of the spring series).
    @Test func daysOffAreNeitherFreeNorAllowed() async throws {
        let programme = try ProgrammeLoader.parse("""
            series: {id: p, title: P, time-zone: Europe/Berlin, first-day: 2020-04-07, weeks: 1}
            slots:
              days: [tue, wed, thu, fri]
              days-off: {2020-04-10: Good Friday}
              start-times: ["17:00"]
            stages: [{id: hall}]
            events:
              - {id: a, title: A, kind: concert, start: "2020-04-07 17:00"}
              - {id: b, title: B, kind: concert, start: "2020-04-10 17:00"}
            """, file: "p.yaml")
        let free = FreeSlotFinder(programme: programme).freeSlots(week: 1, durationMinutes: 60, kind: nil, stage: nil)
        #expect(free.map(\.date.iso) == ["2020-04-08", "2020-04-09"])
        let findings = ProgrammeChecker().check(programme)
        #expect(findings.contains { $0.events == ["b"] && $0.message.contains("a day off in `slots.days-off` (Good Friday)") }, "\(findings)")
    }

    @Test(arguments: ["days-off: 2020-04-10", "days-off: [10.04.2020]"])
    func badDaysOffSayWhere(_ line: String) async throws {
        let text = "series: {id: p, title: P, time-zone: UTC, first-day: 2020-04-07, weeks: 1}\nslots:\n  \(line)\nevents: []\n"
        let error = try #require(throws: InputFileError.self) { try ProgrammeLoader.parse(text, file: "p.yaml") }
        #expect(error.diagnostics.contains { $0.location.line == 3 && ($0.message.contains("days-off") || $0.message.contains("not a date")) },
                "\(error.diagnostics)")
    }

    /// The README's example finds a slot (it printed "No free 1h slot").
    @Test func theREADMEExampleFindsAFreeSlot() async throws {
        let result = try await CLIRunner.run(["plan", "free", "Schedules/fruchthalle-winter-2020.yaml", "--week", "3", "--duration", "60m", "--kind", "live-painting"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Thu 2020-12-31  17:00–18:00"), "\(result.stdout)")
        #expect(!result.stdout.contains("2021-01-01"), "New Year's Day is a day off")
    }
}
