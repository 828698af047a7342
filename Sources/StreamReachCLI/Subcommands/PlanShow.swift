import ArgumentParser
import StreamReachKit

struct PlanShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the programme by week and day."
    )

    @OptionGroup var options: ProgrammeOptions

    @Option(help: "Only this programme week (1 is the week of the first day).")
    var week: Int?

    func run() async throws {
        let programme = try loadProgramme(options.file)
        if let week { try programme.check(week: week) }
        let view = ProgrammeWeekView(programme, week: week)
        switch options.format {
        case .text: print(PlanTextRenderer.weeks(view))
        case .json: print(try JSONOutput.encode(view))
        }
    }
}
