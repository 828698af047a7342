import ArgumentParser
import StreamReachKit

struct PlanCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the programme for clashes, rule breaks and missing stream ids.",
        discussion: """
            Reports every finding as file:line:column, severity, message and rule id. \
            Exits 0 when there are no errors (warnings allowed), 1 when there are, \
            65 when the file cannot be read or parsed.
            """
    )

    @OptionGroup var options: ProgrammeOptions

    @Flag(help: "Treat warnings as errors for the exit code.")
    var strict = false

    func run() async throws {
        let programme = try loadProgramme(options.file)
        let findings = ProgrammeChecker().check(programme)
        switch options.format {
        case .text: print(PlanTextRenderer.findings(findings, file: options.file))
        case .json: print(try JSONOutput.encode(CheckReport(file: options.file, findings: findings)))
        }
        let failing = findings.contains { $0.severity == .error || strict }
        if failing { throw ExitCode(.findings) }
    }
}

/// The JSON shape of `plan check --format json`.
struct CheckReport: Encodable {
    let file: String
    let errors: Int
    let warnings: Int
    let findings: [Finding]

    init(file: String, findings: [Finding]) {
        self.file = file
        self.findings = findings
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.count - errors
    }
}
