/// A wall-clock moment in the programme's time zone, as minutes since 1970-01-01 00:00 local.
///
/// Keeping local minutes (not instants) makes every planning rule integer arithmetic.
/// Instants are derived only at the edges (exports, collection) with ``TimeZoneConverter``.
package struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let minuteNumber: Int

    package init(minuteNumber: Int) { self.minuteNumber = minuteNumber }

    package init(date: LocalDate, time: LocalTime) {
        minuteNumber = date.dayNumber * 1440 + time.minutes
    }

    /// Parses `YYYY-MM-DD HH:MM` (a `T` separator is accepted too).
    package init?(text: String) {
        // Over bytes: a programme has a start per event, and splitting it into Characters
        // (grapheme by grapheme) cost more than parsing its date and time. The separators are
        // ASCII, so no byte of another character is taken for one; where the two ways do
        // differ (a space carrying a combining mark), the mark stays in a piece that is
        // refused either way.
        let parts = Array(text.utf8).split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") })
        guard parts.count == 2, let date = LocalDate(isoBytes: parts[0]), let time = LocalTime(textBytes: parts[1]) else {
            return nil
        }
        self.init(date: date, time: time)
    }

    package var date: LocalDate { LocalDate(dayNumber: minuteNumber.floorDiv(1440)) }
    package var time: LocalTime { LocalTime(minutes: minuteNumber - date.dayNumber * 1440) }

    package func adding(minutes: Int) -> LocalDateTime { LocalDateTime(minuteNumber: minuteNumber + minutes) }

    package var description: String { "\(date.iso) \(time)" }

    package static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.minuteNumber < rhs.minuteNumber }
}

extension Int {
    /// Division rounding towards negative infinity, so dates before 1970 stay correct.
    func floorDiv(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension LocalDateTime: TextCodable {
    init?(codableText text: String) { self.init(text: text) }
    var codableText: String { description }
    static let codableKind = "local date and time YYYY-MM-DD HH:MM"
}
