/// Where a store finds each series' count at the end of a day
/// (``ReachReading/values(programme:atEndOf:)``), the same in both stores: the end of a
/// week (a report's week ends) from the week rows, keyed by the week's Monday (migration
/// v6 of both stores); any other day, or a store without week rows yet, from the day rows.
struct DayEndLookup {
    let table: String
    let key: String
    let bound: Int

    /// `weekRows`: the store has them.
    init(_ day: LocalDate, weekRows: Bool) {
        if weekRows, day.weekday == .sunday {
            (table, key, bound) = ("series_week", "monday", day.mondayOfWeek.dayNumber)
        } else {
            (table, key, bound) = ("series_day", "day", day.dayNumber)
        }
    }
}
