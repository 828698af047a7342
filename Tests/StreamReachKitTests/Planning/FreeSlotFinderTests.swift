import Testing
@testable import StreamReachKit

@Suite struct FreeSlotFinderTests {
    @Test func theSpring2020ProgrammeHasGoodFridayFreeInWeek3() throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml"))
        let slots = FreeSlotFinder(programme: programme).freeSlots(week: 3, durationMinutes: 60, kind: "concert")
        #expect(slots.map { "\($0.date) \($0.start)" } == ["2020-04-10 17:00"])
        #expect(FreeSlotFinder(programme: programme).freeSlots(week: 2, durationMinutes: 60, kind: nil).isEmpty)
    }

    @Test func changeoverOfTheNewKindKeepsSlotsAwayFromNeighbours() throws {
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

    @Test func daysOutsideTheSeriesOrItsRulesOfferNoSlot() throws {
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
}
