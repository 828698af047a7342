import ArgumentParser
import StreamReachKit

struct PlanFill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Place the acts of an act pool into the series' free slots and write the new programme.",
        discussion: """
            Hard rules: the series' days, start times or hours and days off; stage time with the \
            changeover of both kinds plus an act's setup and teardown; no performer in two \
            places; each act's availability, stages and channels. Soft wishes (weighed, \
            lower is better): preferred dates 3, a kind on consecutive days 2, a kind over its \
            share of a week 1, one performer's appearances under 7 days apart 2. \
            The events already in the programme stay, and so do its comments and order: new \
            events go at the end of `events:`. The same input gives the same plan. \
            Exits 0 when every act is placed, 1 when some could not be (each is listed with \
            the reason), 65 when the programme or the pool cannot be read.
            """
    )

    @OptionGroup var options: ProgrammeOptions
    @OptionGroup var planning: PlanningOptions

    func run() async throws {
        let (text, programme) = try planning.loadProgramme(options.file)
        let planner = SeasonPlanner(programme: programme, pool: try planning.loadPool(for: programme))
        try planning.finish(planner.fill(), planner: planner, text: text, options: options)
    }
}
