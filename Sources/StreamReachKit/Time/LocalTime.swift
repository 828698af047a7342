/// A wall-clock time of day in minutes after midnight (0..<1440).
package struct LocalTime: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    package let minutes: Int

    package init(minutes: Int) { self.minutes = minutes }

    /// Parses `H:MM` or `HH:MM`; rejects `25:00` and `17:60`.
    package init?(text: some StringProtocol) {
        self.init(textBytes: ArraySlice(text.utf8))
    }

    /// `H:MM` or `HH:MM` as bytes; a slice need not start at index 0.
    init?(textBytes bytes: ArraySlice<UInt8>) {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), (1...2).contains(colon - bytes.startIndex),
              bytes.endIndex - colon - 1 == 2,
              let hour = ASCIIDigits.value(bytes[..<colon]), let minute = ASCIIDigits.value(bytes[(colon + 1)...]),
              (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        minutes = hour * 60 + minute
    }

    package var description: String { "\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))" }

    package static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }

}

extension LocalTime {
    init?(codableText text: String) { self.init(text: text) }
    var codableText: String { description }
    static let codableKind = "time"
}

/// Whole numbers written in ASCII digits only: no sign, no spaces.
enum ASCIIDigits {
    static func value(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
