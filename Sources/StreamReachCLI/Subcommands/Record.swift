import ArgumentParser
import Foundation
import StreamReachKit

struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enter one reach figure by hand for a broadcast channel (an Offene Kanal).",
        discussion: "Hand-entered figures are reported apart from measured platform views, with their source."
    )

    @Argument(help: "The programme file (YAML).")
    var programme: String

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Event id from the programme.")
    var event: String

    @Option(help: "Broadcast channel id from the programme.")
    var channel: String

    @Option(help: "The reach figure (people or views, as the source states it).")
    var figure: Int64

    @Option(help: ArgumentHelp("The date the figure is for (YYYY-MM-DD).", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("Where the figure comes from: estimate, survey, the channel's own statistics …", valueName: "text"))
    var source: String

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        guard let day = LocalDate(iso: date) else { throw ValidationError("'\(date)' is not a date YYYY-MM-DD") }
        let entry = ManualReach(event: event, channel: channel, date: day, figure: figure, source: source)
        try ManualReachValidator(programme: programme).check(entry)
        try await StoreLocation.open(database.resolvedPath).recordManualReach(programme: programme.series.id, [entry], enteredAt: Date())
    }
}
