import ArgumentParser
import Foundation
import StreamReachKit

struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Enter a reach figure or a donation by hand.",
        discussion: "`record PROGRAMME --event …` without a subcommand is `record reach`.",
        subcommands: [RecordReach.self, RecordDonation.self],
        defaultSubcommand: RecordReach.self)
}

struct RecordReach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Enter one reach figure by hand for a broadcast channel (an Offene Kanal).",
        discussion: "Hand-entered figures are reported apart from measured platform views, with their source."
    )

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Event id from the programme.")
    var event: String

    @Option(help: "Broadcast channel id from the programme.")
    var channel: String

    // Unconditional, so `--figure -5` is read as a (refused) number, not as a missing value.
    @Option(parsing: .unconditional, help: "The reach figure (people or views, as the source states it), 0 or more.")
    var figure: Int64

    @Option(help: ArgumentHelp("The date the figure is for (YYYY-MM-DD).", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("Where the figure comes from: estimate, survey, the channel's own statistics …", valueName: "text"))
    var source: String

    func validate() throws {
        guard figure >= 0 else { throw ValidationError("--figure must be 0 or more, found \(figure)") }
        guard LocalDate(iso: date) != nil else { throw ValidationError("--date '\(date)' is not a date YYYY-MM-DD") }
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--source must say where the figure comes from (estimate, survey, the channel's own statistics)")
        }
    }

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        let entry = ManualReach(event: event, channel: channel, date: LocalDate(iso: date)!, figure: figure, source: source)
        try ManualReachValidator(programme: programme).check(entry)
        let replaced = try await StoreLocation.open(database.resolvedPath)
            .recordManualReach(programme: programme.series.id, [entry], enteredAt: Date())
        let what = "\(entry.figure) for \(entry.event) on \(entry.channel), \(entry.date.iso) (\(entry.source))"
        print(replaced.first.flatMap { $0 }.map { "replaced \($0) with \(what)" } ?? "recorded \(what)")
    }
}
