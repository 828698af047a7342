import ArgumentParser
import Foundation
import StreamReachKit

struct ImportDonations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donations",
        abstract: "Enter donations from a CSV file, e.g. an account statement.",
        discussion: """
            The CSV has a header row with the columns date, amount and source, and may have \
            currency (else the programme's), reference and event (empty: given to the series). \
            Amounts as 25,50 or 1.234,56 or 1,234.56; commas or semicolons between columns. \
            Every row is checked first; if any is wrong, nothing is stored and each problem is \
            printed as file:line (exit 65). Importing the same file again stores nothing new: \
            identical lines are told apart by their order, so a later statement that repeats \
            earlier lines adds only the new ones.
            """)

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @Argument(help: "The CSV file of donations.", completion: .file(extensions: ["csv"]))
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        let donations = try DonationCSV.read(path: file, programme: programme)
        let stored = try await StoreLocation.open(database.resolvedPath)
            .recordDonations(programme: programme.series.id, donations, as: .importing, enteredAt: Date())
        let skipped = donations.count - stored.count
        print("stored \(stored.count) donation\(stored.count == 1 ? "" : "s") from \(file)"
              + (skipped > 0 ? "; \(skipped) already stored from an earlier import" : ""))
    }
}
