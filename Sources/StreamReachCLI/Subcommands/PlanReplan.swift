import ArgumentParser
import Foundation
import StreamReachKit

struct PlanReplan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Change a published programme as little as possible: cancel events, add acts from the pool.",
        discussion: """
            Cancelled events are taken out; added acts are placed where they fit, moving other \
            events only when nothing is free, and then as few as can be. Only events on or after \
            --from that the act pool describes and does not pin may move: for the others the \
            planner does not know when the artists could play. The output lists exactly what \
            was cancelled, moved (from, to, why) and added, for a planner to approve before \
            writing with --output. Exits 0 when every added act is placed, 1 when one could not \
            be, 64 for an event before --from or an added act already in the programme, 65 for an \
            event or act that is not there (with a "did you mean") or a file that cannot be read.
            """
    )

    @OptionGroup var options: ProgrammeOptions
    @OptionGroup var planning: PlanningOptions

    @Option(name: .customLong("cancel"), help: ArgumentHelp("An event to take out (its id); repeat for more.", valueName: "event"))
    var cancelled: [String] = []

    @Option(name: .customLong("add"), help: ArgumentHelp("An act of the pool to place (its id); repeat for more.", valueName: "act"))
    var added: [String] = []

    @Option(help: ArgumentHelp("Events before this date never move (default: today in the series' time zone).", valueName: "YYYY-MM-DD"))
    var from: String?

    func validate() throws {
        if cancelled.isEmpty, added.isEmpty { throw ValidationError("nothing to change: give --cancel EVENT and/or --add ACT") }
        if let from, LocalDate(iso: from) == nil { throw ValidationError("--from '\(from)' is not a date YYYY-MM-DD") }
    }

    func run() async throws {
        let (text, programme) = try planning.loadProgramme(options.file)
        let planner = SeasonPlanner(programme: programme, pool: try planning.loadPool(for: programme))
        let firstDay = from.flatMap(LocalDate.init(iso:)) ?? TimeZoneConverter(identifier: programme.series.timeZone).local(Date()).date
        let plan: SeasonPlan
        do {
            plan = try planner.replan(cancel: cancelled, add: added, from: firstDay)
        } catch let error as ReplanError {
            throw ValidationError(error.message)
        }
        try planning.finish(plan, planner: planner, text: text, options: options)
    }
}
