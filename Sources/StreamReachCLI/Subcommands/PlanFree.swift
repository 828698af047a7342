import ArgumentParser
import StreamReachKit

struct PlanFree: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "free",
        abstract: "List the free slots of a week for an act of a given length and kind.",
        discussion: """
            A slot is free when it is on one of the series' days, at an allowed start time \
            (or inside its hours), and leaves the changeover time the kinds need before and \
            after the neighbouring events on that stage.
            """
    )

    @OptionGroup var options: ProgrammeOptions

    @Option(help: "Programme week to search (1 is the week of the first day).")
    var week: Int

    @Option(help: "Length of the act, e.g. 60m, 1h30m.", transform: parseDuration)
    var duration: Int

    @Option(help: "Kind of act (its changeover time counts), e.g. live-painting.")
    var kind: String?

    @Option(help: "Only this stage.")
    var stage: String?

    func run() async throws {
        let programme = try loadProgramme(options.file)
        try programme.check(week: week)
        if let kind { try programme.check(.kind, kind) }
        if let stage { try programme.check(.stage, stage) }
        let slots = FreeSlotFinder(programme: programme)
            .freeSlots(week: week, durationMinutes: duration, kind: kind, stage: stage)
        switch options.format {
        case .text: print(PlanTextRenderer.freeSlots(slots, week: week, durationMinutes: duration))
        case .json: print(try JSONOutput.encode(slots))
        }
    }
}

func parseDuration(_ text: String) throws -> Int {
    guard let minutes = DurationText.minutes(text), minutes > 0 else {
        throw ValidationError("'\(text)' is not a positive duration; write e.g. 45m, 1h or 1h30m")
    }
    return minutes
}
