import ArgumentParser

/// Output of the plan, collect and runs commands: for people, or for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The programme file argument and `--format`, shared by the `plan` subcommands.
struct ProgrammeOptions: ParsableArguments {
    @Argument(help: "The programme file (YAML), e.g. Schedules/fruchthalle-2020.yaml.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "Output format: text for people, json for scripts.")
    var format: OutputFormat = .text
}
