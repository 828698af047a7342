import ArgumentParser

/// The programme and the sources file: what `collect` and `live` read.
struct JobFiles: ParsableArguments {
    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @Option(help: ArgumentHelp("The sources file: how to read each platform channel.", valueName: "path"),
            completion: .file(extensions: ["yaml", "yml"]))
    var sources: String

    @OptionGroup var database: DatabaseOptions
}
