import ArgumentParser
import Foundation
import StreamReachKit

struct RecordDonation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donation",
        abstract: "Enter one donation by hand.",
        discussion: """
            Donations are reported apart from reach (report: "Donations"; payout: who gets \
            what). Leave --event out when the money was given to the series, as most is: it \
            is then reported as not attributed, never spread over events by a guess. Each \
            call records one more donation, also when an identical one exists (two people \
            giving €10 on the same day). Exit 65 when the event is unknown.
            """)

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @OptionGroup var database: DatabaseOptions

    // Unconditional, so `--amount -10,00` (money given back) is read as a number, not a flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("The amount: 25, 25.50, 25,50 or 1.234,56; negative for money given back.", valueName: "amount"))
    var amount: String

    @Option(help: ArgumentHelp("ISO 4217 code; the programme's (donations.currency, EUR by default) if left out.", valueName: "code"))
    var currency: String?

    @Option(help: ArgumentHelp("The day the money arrived (YYYY-MM-DD).", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("The transfer's reference, if any.", valueName: "text"))
    var reference = ""

    @Option(help: ArgumentHelp("Event id from the programme, when the donor named it.", valueName: "id"))
    var event: String?

    @Option(help: ArgumentHelp("Where the entry comes from: bank statement, PayPal, cash box …", valueName: "text"))
    var source: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard let cents = MoneyText.cents(amount) else { throw ValidationError("--" + MoneyText.problem(amount)) }
        guard cents != 0 else { throw ValidationError("--amount is 0: nothing to record") }
        guard LocalDate(iso: date) != nil else { throw ValidationError("--date '\(date)' is not a date YYYY-MM-DD") }
        if let currency, MoneyText.currency(currency) == nil {
            throw ValidationError("--currency '\(currency)' is not a three-letter code such as EUR")
        }
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--source must say where the entry comes from (bank statement, PayPal, cash box)")
        }
    }

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        let donation = Donation(date: LocalDate(iso: date)!, amount: MoneyText.cents(amount)!,
                                currency: currency.flatMap(MoneyText.currency) ?? programme.donations.currency,
                                reference: reference, event: event, source: source)
        try DonationValidator(programme: programme).check(donation)
        let stored = try await StoreLocation.open(database.resolvedPath)
            .recordDonations(programme: programme.series.id, [donation], as: .adding, enteredAt: Date())
        if format == .json {
            print(try JSONOutput.encode(stored))
        } else {
            let given = donation.event.map { "for \($0)" } ?? "to the series (not attributed to an event)"
            print("recorded \(MoneyText.text(donation.amount, donation.currency)) on \(donation.date.iso) \(given) (\(donation.source))")
        }
    }
}
