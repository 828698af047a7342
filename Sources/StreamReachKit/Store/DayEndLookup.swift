/// Where a store finds each series' count at the end of a day
/// (``ReachReading/values(programme:atEndOf:)``), the same in both stores: the end of a
/// week (a report's week ends) from the week rows, keyed by the week's Monday (migration
/// v6 of both stores); any other day, or a store without week rows yet, from the day rows.
struct DayEndLookup {
    let table: String
    let key: String
    let bound: Int

    /// Whether `day` ends a week: only then does a store need to know if it has week rows.
    static func endsWeek(_ day: LocalDate) -> Bool { day.weekday == .sunday }

    /// `weekRows`: the store has them (callers ask only when ``endsWeek(_:)``).
    init(_ day: LocalDate, weekRows: Bool) {
        if weekRows, Self.endsWeek(day) {
            (table, key, bound) = ("series_week", "monday", day.mondayOfWeek.dayNumber)
        } else {
            (table, key, bound) = ("series_day", "day", day.dayNumber)
        }
    }
}
