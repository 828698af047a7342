import Foundation

/// `plan fill` and `plan replan` for people: what changed, what could not be placed and why,
/// what the wishes cost, and what was written.
package enum PlanningTextRenderer {
    package static func render(_ plan: SeasonPlan, programme: Programme, findings: [Finding], output: String?, explain: Bool) -> String {
        var lines: [String] = []
        let multiStage = programme.stages.count > 1
        func slot(_ start: LocalDateTime, _ stage: String) -> String {
            "\(start.date.weekday.shortName) \(start)\(multiStage ? "  \(stage)" : "")"
        }
        for id in plan.cancelled { lines.append("cancelled  \(id)") }
        for move in plan.moved {
            lines.append("moved      \(move.event): \(slot(move.from, move.fromStage)) → \(slot(move.to, move.toStage)); \(move.why)")
        }
        let verb = plan.cancelled.isEmpty && plan.moved.isEmpty ? "placed" : "added"
        for act in plan.placed {
            lines.append("\(verb.padding(toLength: 10, withPad: " ", startingAt: 0)) \(act.act): \(slot(act.start, act.stage))  \(act.title)")
            if explain {
                lines.append("             why: \(act.why)")
                lines += act.wishes.map { "             \($0)" }
                if act.wishes.isEmpty { lines.append("             +0 every wish met") }
            }
        }
        if !plan.unplaced.isEmpty {
            lines.append("")
            lines.append("Could not place \(plan.unplaced.count) act\(plan.unplaced.count == 1 ? "" : "s"):")
            lines += plan.unplaced.map { "  \($0.location): \($0.act): \($0.reason)" }
        }
        if !plan.alreadyPlaced.isEmpty {
            lines.append("")
            lines.append("Already in the programme, left as they are: \(plan.alreadyPlaced.joined(separator: ", "))")
        }
        lines.append("")
        let cost = plan.cost
        lines.append("Placed \(plan.placed.count) of \(plan.placed.count + plan.unplaced.count) act\(plan.placed.count + plan.unplaced.count == 1 ? "" : "s")"
            + (plan.moved.isEmpty ? "" : ", moved \(plan.moved.count) event\(plan.moved.count == 1 ? "" : "s")")
            + ". Wish cost \(cost.total) (preferred dates \(cost.preferredDates), kind on consecutive days \(cost.kindOnConsecutiveDays), "
            + "crowded weeks \(cost.crowdedWeeks), performers close \(cost.performersClose)).")
        let errors = findings.filter { $0.severity == .error }.count
        let check = "plan check: \(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s")"
        lines.append(output.map { "Wrote \($0) (\(check))." } ?? "Dry run: nothing written (\(check)).")
        return lines.joined(separator: "\n")
    }
}
