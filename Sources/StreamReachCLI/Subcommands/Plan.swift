import ArgumentParser

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check, show and fill the programme's slots.",
        subcommands: [PlanCheck.self, PlanShow.self, PlanFree.self, PlanExport.self]
    )
}
