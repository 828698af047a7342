/// Nights without a run between the previous run and this one: found at the next run,
/// reported, never filled in with invented counts.
package enum MissedNights {
    package static func between(previous: LocalDate?, current: LocalDate) -> [LocalDate] {
        guard let previous, current.dayNumber - previous.dayNumber > 1 else { return [] }
        return (previous.dayNumber + 1..<current.dayNumber).map(LocalDate.init(dayNumber:))
    }

    package static func message(_ nights: [LocalDate]) -> String? {
        guard let first = nights.first, let last = nights.last else { return nil }
        let span = nights.count == 1 ? "on \(first.iso)" : "on \(nights.count) nights, \(first.iso) to \(last.iso)"
        return "no collect run \(span); the views of those nights are counted in this run (nothing is lost, only their days are not known)"
    }
}
