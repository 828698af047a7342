/// Which part of the series a report covers.
package enum ReportPeriod: Sendable, Equatable {
    /// A programme week (1 is the week of the first day).
    case week(Int)
    /// An ISO week such as 2020-W14, turned into a programme week.
    case isoWeek(year: Int, week: Int)
    /// The latest week that a run has completed.
    case latestComplete
    /// The whole series.
    case all

    /// Parses `2020-W14`.
    package static func parseISOWeek(_ text: String) -> ReportPeriod? {
        let parts = text.uppercased().split(separator: "-W")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let week = Int(parts[1]), (1...53).contains(week) else {
            return nil
        }
        return .isoWeek(year: year, week: week)
    }

    /// The Monday of an ISO week: week 1 holds the year's first Thursday.
    static func monday(isoYear: Int, week: Int) -> LocalDate? {
        guard let january4 = LocalDate(year: isoYear, month: 1, day: 4) else { return nil }
        return january4.mondayOfWeek.adding(days: (week - 1) * 7)
    }

    /// `2020-W14` for a date.
    static func isoWeekLabel(_ date: LocalDate) -> String {
        let thursday = date.mondayOfWeek.adding(days: 3)
        let year = thursday.components.year
        let week = (thursday.dayNumber - (monday(isoYear: year, week: 1)?.dayNumber ?? thursday.dayNumber)) / 7 + 1
        return "\(year)-W\(pad(week, 2))"
    }
}
