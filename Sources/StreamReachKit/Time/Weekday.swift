/// A day of the week, in ISO order (Monday first).
package enum Weekday: String, Sendable, CaseIterable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// 0 for Monday … 6 for Sunday.
    package var isoIndex: Int { Weekday.allCases.firstIndex(of: self)! }

    package var shortName: String { String(rawValue.prefix(3)).capitalized }

    /// Accepts `tue`, `Tuesday`, `TUE`.
    package init?(name: String) {
        let lowered = name.lowercased()
        guard lowered.count >= 3,
              let match = Weekday.allCases.first(where: { $0.rawValue.hasPrefix(lowered) })
        else { return nil }
        self = match
    }
}
