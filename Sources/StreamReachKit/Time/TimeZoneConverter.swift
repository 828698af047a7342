import Foundation

/// Converts the programme's local wall-clock times to instants, at the edges (collection,
/// exports) where real time matters.
package struct TimeZoneConverter: Sendable {
    package let timeZone: TimeZone

    package init(identifier: String) {
        timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
    }

    /// The instant of a local time. A time skipped by a DST change resolves forwards.
    package func instant(_ local: LocalDateTime) -> Date {
        let wall = Double(local.minuteNumber) * 60
        let guess = wall - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall)))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))
        return Date(timeIntervalSince1970: wall - Double(offset))
    }

    /// The local wall-clock time of an instant, to the minute.
    package func local(_ instant: Date) -> LocalDateTime {
        let wall = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        return LocalDateTime(minuteNumber: Int((wall / 60).rounded(.down)))
    }
}
