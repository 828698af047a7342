import ArgumentParser

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check the programme, show it by week, find free slots, fill it from an act pool, re-plan it, export it.",
        subcommands: [PlanCheck.self, PlanShow.self, PlanFree.self, PlanFill.self, PlanReplan.self, PlanExport.self]
    )
}
