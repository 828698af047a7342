/// Checks a donation against the programme.
package struct DonationValidator: Sendable {
    package let programme: Programme

    package init(programme: Programme) { self.programme = programme }

    /// Throws what is wrong as bad data (65), for a donation given on the command line.
    package func check(_ donation: Donation) throws {
        if let problem = problem(with: donation) { throw NotInProgramme(message: problem) }
    }

    /// A sentence saying what is wrong, or nil.
    package func problem(with donation: Donation) -> String? {
        if let event = donation.event, !programme.events.contains(where: { $0.id == event }) {
            let hint = KeySuggestion.nearest(to: event, among: programme.events.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""
            return "unknown event `\(event)`\(hint); leave the event out when the money was given to the series"
        }
        guard donation.amount != 0 else { return "the amount is 0: nothing to record" }
        guard MoneyText.currency(donation.currency) == donation.currency else {
            return "currency `\(donation.currency)` is not a three-letter code such as EUR"
        }
        guard !donation.source.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "say where the entry comes from (bank statement, PayPal, cash box)"
        }
        return nil
    }
}
