import ArgumentParser

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the programme, show it by week, find free slots, export it for calendars and apps.",
        subcommands: [PlanCheck.self, PlanShow.self, PlanFree.self, PlanExport.self]
    )
}
