/// A calendar date without a time zone, stored as days since 1970-01-01.
///
/// Planning works on whole days and minutes of local time, so plain integer arithmetic
/// (Howard Hinnant's civil-date algorithms) replaces Foundation's `Calendar` on the hot path.
package struct LocalDate: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    package let dayNumber: Int

    package init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Returns nil for impossible dates such as 2020-02-30.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else {
            return nil
        }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    package init?(iso text: some StringProtocol) {
        // Byte by byte: a programme has a date per event, and splitting strings cost more
        // than the rest of reading an event.
        self.init(isoBytes: ArraySlice(text.utf8))
    }

    /// `YYYY-MM-DD` as bytes; a slice need not start at index 0.
    init?(isoBytes bytes: ArraySlice<UInt8>) {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              let year = ASCIIDigits.value(bytes[start..<start + 4]),
              let month = ASCIIDigits.value(bytes[start + 5..<start + 7]),
              let day = ASCIIDigits.value(bytes[start + 8..<start + 10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    package var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        Weekday.allCases[((dayNumber + 3) % 7 + 7) % 7]
    }

    /// The Monday of this date's ISO week.
    package var mondayOfWeek: LocalDate { adding(days: -weekday.isoIndex) }

    package func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    package var iso: String {
        let (y, m, d) = components
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    package var description: String { iso }

    package static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Zero-padded decimal, used by the date and time formatters.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension LocalDate {
    init?(codableText text: String) { self.init(iso: text) }
    var codableText: String { iso }
    static let codableKind = "date"
}
