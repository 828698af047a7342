import ArgumentParser
import Foundation
import StreamReachKit

/// What `plan fill` and `plan replan` share: the act pool, where the result goes, and how
/// the outcome is printed.
struct PlanningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An act pool (YAML): the acts to place, their availability and needs. Repeat it to add a file of late additions.",
                               valueName: "pool"), completion: .file(extensions: ["yaml", "yml"]))
    var acts: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the new programme here (atomically); it may be the programme itself.",
                                                    valueName: "path"), completion: .file())
    var output: String?

    @Flag(help: "Plan and print the outcome, but write nothing.")
    var dryRun = false

    @Flag(help: "Say for each placed act why it went there and what each soft wish cost.")
    var explain = false

    func validate() throws {
        if acts.isEmpty { throw ValidationError("name the act pool: --acts POOL.yaml") }
        if output == nil, !dryRun {
            throw ValidationError("say where the new programme goes: --output FILE (it may be the programme itself), or --dry-run to only see the plan")
        }
        if output != nil, dryRun { throw ValidationError("--dry-run writes nothing; leave out --output") }
    }

    func loadPool(for programme: Programme) throws -> ActPool {
        try ActPoolLoader.load(paths: acts, for: programme)
    }

    /// The programme file's text and the programme read from it: the edit applies the
    /// programme's line and column places to this same text, so the file is read once.
    func loadProgramme(_ path: String) throws -> (text: String, programme: Programme) {
        let text = try InputFileText.read(path: path)
        return (text, try ProgrammeLoader.parse(text, file: path))
    }

    /// Writes the edited programme unless this is a dry run, prints the outcome, and exits 1
    /// when an act was left unplaced.
    func finish(_ plan: SeasonPlan, planner: SeasonPlanner, text: String, options: ProgrammeOptions) throws {
        if let output { try AtomicFile.checkWritable(output) }
        let edited = try planner.apply(plan, to: text)
        let findings = ProgrammeChecker().check(edited.programme)
        if let output { try AtomicFile.write(edited.text, to: output) }
        switch options.format {
        case .text:
            print(PlanningTextRenderer.render(plan, programme: planner.programme, findings: findings, output: output, explain: explain))
        case .json:
            print(try JSONOutput.encode(PlanningReport(options: self, programme: options.file, plan: plan, findings: findings)))
        }
        if !plan.allPlaced { throw ExitCode(.findings) }
    }
}

/// The JSON shape of `plan fill` and `plan replan` with `--format json`.
struct PlanningReport: Encodable {
    let programme: String
    let acts: [String]
    let output: String?
    let plan: SeasonPlan
    let check: CheckCounts

    struct CheckCounts: Encodable {
        let errors: Int
        let warnings: Int
    }

    init(options: PlanningOptions, programme: String, plan: SeasonPlan, findings: [Finding]) {
        self.programme = programme
        acts = options.acts
        output = options.output
        self.plan = plan
        let errors = findings.filter { $0.severity == .error }.count
        check = CheckCounts(errors: errors, warnings: findings.count - errors)
    }

    private enum CodingKeys: String, CodingKey {
        case programme, acts, output, placed, unplaced, moved, cancelled, cost, check
        case alreadyPlaced = "already-placed"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(programme, forKey: .programme)
        try container.encode(acts, forKey: .acts)
        try container.encode(output, forKey: .output)
        try container.encode(plan.placed, forKey: .placed)
        try container.encode(plan.unplaced, forKey: .unplaced)
        try container.encode(plan.moved, forKey: .moved)
        try container.encode(plan.cancelled, forKey: .cancelled)
        try container.encode(plan.alreadyPlaced, forKey: .alreadyPlaced)
        try container.encode(plan.cost, forKey: .cost)
        try container.encode(check, forKey: .check)
    }
}
