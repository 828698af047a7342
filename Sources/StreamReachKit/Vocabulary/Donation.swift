import Foundation

/// Money given to the series, entered by hand: a bank statement line, a PayPal export, an
/// envelope counted after the show. Kept apart from reach in every report.
package struct Donation: Sendable, Equatable, Codable {
    /// The day the money arrived (the statement's booking date).
    package let date: LocalDate
    /// In the currency's minor unit (cents): money is never a floating-point number.
    /// Negative: money given back (a returned transfer), subtracted.
    package let amount: Int64
    /// ISO 4217 code, upper case (`EUR`).
    package let currency: String
    /// The transfer's reference ("Spende Fruchthalle"); empty when there was none.
    package let reference: String
    /// The event the money is for, when the donor said so; nil: not attributed. Money that
    /// went to the series' one account is never spread over events by a guess.
    package let event: String?
    /// Where the entry comes from: bank statement, PayPal, cash box.
    package let source: String
    /// The how-many-th identical line (same day, amount, currency, reference, event and
    /// source) this is: two people giving €10 with the same reference on the same day are
    /// two donations, and importing the same statement twice stores them once.
    package let occurrence: Int

    package init(date: LocalDate, amount: Int64, currency: String, reference: String, event: String?, source: String, occurrence: Int = 1) {
        self.date = date
        self.amount = amount
        self.currency = currency
        self.reference = reference
        self.event = event
        self.source = source
        self.occurrence = occurrence
    }

    /// What makes two entries the same line of a statement, apart from their occurrence.
    package var line: String {
        [date.iso, String(amount), currency, reference, event ?? "", source].joined(separator: "\u{1F}")
    }

    package func numbered(_ occurrence: Int) -> Donation {
        Donation(date: date, amount: amount, currency: currency, reference: reference, event: event, source: source, occurrence: occurrence)
    }

    /// Numbers identical lines 1, 2, 3 … in the order given: what a statement file means.
    package static func numberingRepeats(_ entries: [Donation]) -> [Donation] {
        var seen: [String: Int] = [:]
        return entries.map { entry in
            let occurrence = (seen[entry.line] ?? 0) + 1
            seen[entry.line] = occurrence
            return entry.numbered(occurrence)
        }
    }
}

/// How a donation is stored: as one more (typed in) or as a line of a statement that may
/// have been imported before.
package enum DonationEntry: Sendable {
    /// Always a new donation: its occurrence follows the identical ones already stored.
    case adding
    /// Lines keep their occurrence; a line the store holds already is skipped.
    case importing
}

/// Amounts of money as people write them, in minor units (cents).
///
/// Written by hand because no library here reads both `1.234,56` (a German statement) and
/// `1,234.56`: a lone separator followed by exactly three digits is refused as ambiguous.
package enum MoneyText {
    /// `25`, `25.5`, `25,50`, `1.234,56`, `1,234.56`, `1.000.000`, `-10,00` → cents; nil if
    /// not an amount with at most two decimals and well-placed thousands separators.
    package static func cents(_ text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = body.hasPrefix("-")
        if negative || body.hasPrefix("+") { body = body.dropFirst() }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
        let kinds = Set(body.filter { $0 == "." || $0 == "," })
        var whole = body
        var fraction: Substring = ""
        if let last = body.lastIndex(where: kinds.contains) {
            let decimal = body[last]
            let after = body[body.index(after: last)...]
            let count = body.filter { $0 == decimal }.count
            // The last separator marks decimals when the other kind comes before it, or when
            // it stands alone with one or two digits after it; otherwise every separator groups.
            let marksDecimals = kinds.count == 2 || (count == 1 && after.count != 3)
            if marksDecimals {
                guard count == 1, (1...2).contains(after.count) else { return nil }
                whole = body[..<last]
                fraction = after
            } else if count == 1 {
                return nil // `1.234`: a thousand, or one and a bit? Refused rather than guessed.
            }
            if let grouping = kinds.count == 2 ? kinds.subtracting([decimal]).first : (marksDecimals ? nil : decimal) {
                let groups = whole.split(separator: grouping, omittingEmptySubsequences: false)
                guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
                whole = Substring(groups.joined())
            }
        }
        guard !whole.isEmpty, whole.allSatisfy(\.isNumber), whole.count <= 13, let units = Int64(whole),
              let minor = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))
        else { return nil }
        let cents = units * 100 + minor
        return negative ? -cents : cents
    }

    /// Why `text` is not an amount, for messages.
    package static func problem(_ text: String) -> String {
        let separators = text.filter { $0 == "." || $0 == "," }
        if separators.count == 1, let last = text.lastIndex(where: { $0 == "." || $0 == "," }),
           text[text.index(after: last)...].count == 3 {
            let whole = text.replacingOccurrences(of: String(separators), with: "")
            return "amount `\(text)` is ambiguous (a thousand, or decimals?): write \(whole) or \(whole),00 for the thousands, or at most two decimals"
        }
        return "amount `\(text)` is not an amount such as 25, 25,50 or 1.234,56 (at most two decimals)"
    }

    /// `123456` → `1,234.56`, in the style of every other number StreamReach prints.
    package static func text(_ cents: Int64) -> String { text(cents, grouped: true) }

    /// `1234.56`: for CSV and metrics, without grouping.
    package static func plain(_ cents: Int64) -> String { text(cents, grouped: false) }

    private static func text(_ cents: Int64, grouped: Bool) -> String {
        let (units, fraction) = cents.magnitude.quotientAndRemainder(dividingBy: 100)
        let whole = grouped ? DisplayText.number(Int64(units)) : String(units)
        return (cents < 0 ? "-" : "") + whole + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `1,234.56 EUR`.
    package static func text(_ cents: Int64, _ currency: String) -> String { "\(text(cents)) \(currency)" }

    /// A currency code: three letters (ISO 4217), upper-cased.
    package static func currency(_ text: String) -> String? {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        return code.count == 3 && code.allSatisfy({ $0.isASCII && $0.isLetter }) ? code : nil
    }
}
