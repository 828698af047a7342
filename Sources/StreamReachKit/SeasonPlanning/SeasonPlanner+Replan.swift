import Foundation

/// A re-plan's request that contradicts itself or the calendar: an event before `--from`,
/// an act added that is in the programme already. Usage errors (64); a name the programme
/// or pool does not have is bad data (65), as in every command.
package struct ReplanError: Error, LocalizedError, ExitStatusReporting {
    package let message: String
    package var errorDescription: String? { message }
    package var exitStatus: ExitStatus { .usage }
}

extension SeasonPlanner {
    /// Takes the `cancel`led events out and places the `add`ed acts of the pool, moving as few
    /// events as possible, then as cheaply as possible. Only events on or after `from` that
    /// the pool describes (and does not pin) may move: for the others the planner does not
    /// know when the artists could play instead.
    package func replan(cancel: [String], add: [String], from: LocalDate) throws -> SeasonPlan {
        let events = Dictionary(programme.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in cancel {
            try programme.check(.event, id)
            guard let event = events[id], event.start.date >= from else {
                throw ReplanError(message: "`\(id)` played on \(events[id]?.start.date.iso ?? "?"), before --from \(from.iso); only later events can be cancelled")
            }
        }
        for id in add {
            guard pool.act(id: id) != nil else {
                let hint = KeySuggestion.nearest(to: id, among: pool.acts.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""
                throw NotInProgramme(message: "\(pool.file): no act `\(id)` in the act pool\(hint)")
            }
            guard events[id] == nil || cancel.contains(id) else { throw ReplanError(message: "`\(id)` is in the programme already; to move it, cancel it and add it again") }
        }
        let cancelled = Set(cancel)
        var fixed: [(event: Event, act: Act?)] = []
        var movable: [(event: Event, act: Act)] = []
        for event in programme.events where !cancelled.contains(event.id) {
            let act = pool.act(id: event.id)
            if let act, act.pin == nil, event.start.date >= from {
                movable.append((event, act))
            } else {
                fixed.append((event, act))
            }
        }
        var added = add.compactMap { pool.act(id: $0) }
        // Only days from `from` on: the past is not open to a late addition either.
        let past = (programme.series.firstDay.dayNumber..<max(from.dayNumber, programme.series.firstDay.dayNumber)).map(LocalDate.init(dayNumber:))
        for index in added.indices { added[index].availability.except.formUnion(past) }
        let problem = PlanningProblem(programme: programme, fixed: fixed, movable: movable, acts: added)
        var search = PlanSearch(problem: problem, seed: seed)
        let addedItems = Array(problem.items.indices.suffix(added.count))
        var madeRoomFor: [Int: String] = [:]
        for index in addedItems {
            if let moved = search.augment(index, maximumMoves: .max, exploreLimit: 20_000) {
                for item in moved where madeRoomFor[item] == nil { madeRoomFor[item] = problem.items[index].id }
            }
        }
        var plan = describe(search, items: addedItems)
        plan.cancelled = cancel
        var movesFor: [String: Int] = [:]
        for index in problem.items.indices where problem.items[index].movable && !addedItems.contains(index) {
            guard let before = problem.items[index].current, let after = search.state.at[index], before != after else { continue }
            plan.moved.append(MovedEvent(
                event: problem.items[index].id, from: before.startTime, fromStage: problem.stageID(before),
                to: after.startTime, toStage: problem.stageID(after),
                why: "makes room for `\(madeRoomFor[index] ?? "?")`"))
            if let act = madeRoomFor[index] { movesFor[act, default: 0] += 1 }
        }
        plan.moved.sort { ($0.from, $0.event) < ($1.from, $1.event) }
        for index in plan.placed.indices {
            if let moves = movesFor[plan.placed[index].act] {
                plan.placed[index].why = "every slot open to it was taken; moving \(moves) event\(moves == 1 ? "" : "s") made room, the fewest that could, then the cheapest such chain"
            }
        }
        return plan
    }
}
