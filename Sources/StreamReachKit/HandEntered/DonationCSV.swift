import CSV
import Foundation

/// Reads donations from CSV, e.g. an account statement trimmed to its donations: a header
/// row with `date,amount,source` and optionally `currency` (else the programme's),
/// `reference` and `event` (empty: given to the series), comma- or semicolon-separated, with
/// or without a byte-order mark. Amounts as a German or an English statement writes them.
package enum DonationCSV {
    static let required = ["date", "amount", "source"]
    static let optional = ["currency", "reference", "event"]

    package static func read(path: String, programme: Programme) throws -> [Donation] {
        try parse(InputFileText.read(path: path), file: path, programme: programme)
    }

    package static func parse(_ original: String, file: String, programme: Programme) throws -> [Donation] {
        let table = try HandEnteredCSV(original, file: file, required: required)
        let validator = DonationValidator(programme: programme)
        var donations: [Donation] = []
        var problems: [Diagnostic] = []
        for row in table.rows {
            let location = SourceLocation(file: file, line: row.line, column: 1)
            guard let date = LocalDate(iso: row["date"]) else {
                problems.append(Diagnostic(location, "date `\(row["date"])` is not a date YYYY-MM-DD"))
                continue
            }
            guard let amount = MoneyText.cents(row["amount"]) else {
                problems.append(Diagnostic(location, MoneyText.problem(row["amount"])))
                continue
            }
            let currency = row["currency"].isEmpty ? programme.donations.currency : row["currency"].uppercased()
            let event = row["event"].isEmpty ? nil : row["event"]
            let donation = Donation(date: date, amount: amount, currency: currency, reference: row["reference"], event: event, source: row["source"])
            if let problem = validator.problem(with: donation) {
                problems.append(Diagnostic(location, problem))
            } else {
                donations.append(donation)
            }
        }
        problems += table.problems
        guard problems.isEmpty else { throw InputFileError(problems) }
        return Donation.numberingRepeats(donations)
    }
}
