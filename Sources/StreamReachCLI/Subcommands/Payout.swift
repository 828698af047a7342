import ArgumentParser
import Foundation
import StreamReachKit

struct Payout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payout",
        abstract: "List who gets how much of the donations, by the programme's payout rule.",
        discussion: """
            The rule is the programme's donations.payout: equal-split divides all money \
            received equally among every performer of the events held so far; by-event gives \
            money given for an event to its performers (also before they play) and splits the \
            rest equally among those who have played. Shares \
            are whole cents; the cents left over go one each to the first performers by name, \
            so the list adds up to exactly what was received. Exit 78 when the programme has \
            no payout rule, 65 when no event held so far names its performers.
            """)

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Count donations and events up to this day (YYYY-MM-DD); today if left out.", valueName: "date"))
    var to: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let to, LocalDate(iso: to) == nil { throw ValidationError("--to '\(to)' is not a date YYYY-MM-DD") }
    }

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        let through = to.flatMap(LocalDate.init(iso:))
            ?? TimeZoneConverter(identifier: programme.series.timeZone).local(Date()).date
        let store = try await StoreLocation.openExisting(database.resolvedPath)
        let donations = try await store.read { try await $0.donations(programme: programme.series.id) }
        let list = try PayoutList.make(programme: programme, donations: donations, through: through)
        print(format == .json ? try JSONOutput.encode(list) : list.text)
    }
}
