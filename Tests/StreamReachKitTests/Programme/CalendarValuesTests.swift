import Testing
@testable import StreamReachKit

@Suite struct CalendarValuesTests {
    @Test func knownWeekdays() {
        #expect(LocalDate(iso: "2020-03-24")?.weekday == .tuesday)
        #expect(LocalDate(iso: "2020-05-15")?.weekday == .friday)
        #expect(LocalDate(iso: "1970-01-01")?.weekday == .thursday)
        #expect(LocalDate(iso: "1969-12-31")?.weekday == .wednesday)
    }

    @Test(arguments: ["2020-02-29", "2000-02-29", "1999-12-31", "2021-01-01", "1900-03-01", "1960-07-15"])
    func dateRoundTrip(_ text: String) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(date.iso == text)
        #expect(LocalDate(dayNumber: date.dayNumber).iso == text)
    }

    @Test(arguments: ["2020-02-30", "2021-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-4-1", "20-04-01", "", "2020-04-31"])
    func impossibleDates(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func mondayOfWeek() {
        #expect(LocalDate(iso: "2020-03-24")?.mondayOfWeek.iso == "2020-03-23")
        #expect(LocalDate(iso: "2020-03-29")?.mondayOfWeek.iso == "2020-03-23")
        #expect(LocalDate(iso: "2020-03-30")?.mondayOfWeek.iso == "2020-03-30")
    }

    @Test(arguments: [("17:00", 1020), ("0:05", 5), ("23:59", 1439)])
    func times(_ text: String, _ minutes: Int) {
        #expect(LocalTime(text: text)?.minutes == minutes)
    }

    @Test(arguments: ["25:00", "24:00", "17:60", "17", "17:5", "-1:00", "ab:cd"])
    func impossibleTimes(_ text: String) {
        #expect(LocalTime(text: text) == nil)
    }

    /// Minutes since 1970-01-01 00:00 written out (2020-03-23 is day 18,344), so the
    /// expectation does not come from the parser. The time is the second piece, at an index
    /// other than 0 of the bytes: the split pieces are slices of one array.
    @Test(arguments: [("2020-03-23 17:00", 18_344 * 1440 + 1020), ("2020-03-23T17:00", 18_344 * 1440 + 1020),
                      ("2020-03-23 7:05", 18_344 * 1440 + 425), ("2020-03-23  17:00", 18_344 * 1440 + 1020),
                      (" 2020-03-23 17:00 ", 18_344 * 1440 + 1020), ("1969-12-31 23:59", -1)])
    func dateTimes(_ text: String, _ minuteNumber: Int) {
        #expect(LocalDateTime(text: text)?.minuteNumber == minuteNumber)
    }

    @Test(arguments: ["2020-03-23", "17:00", "2020-03-23 17:00 18:00", "2020-03-23\t17:00", "2020-03-23_17:00",
                      "2020-02-30 17:00", "2020-03-23 24:00", "2020-03-23 \u{301}17:00", "2020-03-23 17:0", ""])
    func notDateTimes(_ text: String) {
        #expect(LocalDateTime(text: text) == nil)
    }

    @Test(arguments: [("60m", 60), ("1h", 60), ("1h30m", 90), ("-15m", -15), ("0m", 0), ("2h5m", 125),
                      (" 90m\t", 90), ("1H30M", 90), ("999999m", 999_999)])
    func durations(_ text: String, _ minutes: Int) {
        #expect(DurationText.minutes(text) == minutes)
        #expect(DurationText.minutes(DurationText.text(minutes: minutes)) == minutes)
    }

    @Test(arguments: ["", "60", "an hour", "1x", "h", "m30", "1h-5m", "-", "--5m", "1h 30m", "1234567m", "\u{FF19}\u{FF10}m", "9\u{301}0m"])
    func notDurations(_ text: String) {
        #expect(DurationText.minutes(text) == nil)
    }

    @Test func nearestKey() {
        #expect(KeySuggestion.nearest(to: "titel", among: ["title", "kind", "stage"]) == "title")
        #expect(KeySuggestion.nearest(to: "perfomers", among: ["performers", "start"]) == "performers")
        #expect(KeySuggestion.nearest(to: "zzz", among: ["title", "kind"]) == nil)
    }
}
