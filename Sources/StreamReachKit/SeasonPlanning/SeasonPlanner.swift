/// Fills a programme's series from an act pool, and re-plans a published programme after a
/// cancellation or a late addition, changing as little as it can.
///
/// Hard rules are those `plan check` reports as errors or warnings about the calendar (stage
/// time with changeover, performers in two places, series days and start times or hours,
/// days off), plus each act's availability, stages and channels. Soft wishes are weighed as
/// ``WishCost`` says. The same input always gives the same plan.
package struct SeasonPlanner: Sendable {
    package let programme: Programme
    package let pool: ActPool
    /// Steps of the cost search; nil scales them with the pool.
    package var iterations: Int?
    package var seed: UInt64 = 0x5EA5_0F20_2020

    package init(programme: Programme, pool: ActPool) {
        self.programme = programme
        self.pool = pool
    }

    /// Places every act of the pool that is not an event of the programme yet. The
    /// programme's own events stay where they are.
    package func fill() -> SeasonPlan {
        let existing = Set(programme.events.map(\.id))
        let acts = pool.acts.filter { !existing.contains($0.id) }
        let fixed = programme.events.map { event in (event: event, act: pool.act(id: event.id)) }
        let problem = PlanningProblem(programme: programme, fixed: fixed, movable: [], acts: acts)
        var search = PlanSearch(problem: problem, seed: seed)
        let actItems = Array(problem.items.indices.filter { problem.items[$0].movable })
        search.placeAll(actItems)
        search.improve(iterations: iterations ?? Self.defaultIterations(actItems.count))
        search.placeAll(actItems)
        var plan = describe(search, items: actItems)
        plan.alreadyPlaced = pool.acts.map(\.id).filter(existing.contains)
        return plan
    }

    static func defaultIterations(_ acts: Int) -> Int { min(max(5_000, acts * 600), 600_000) }

    /// The plan as a result: placed acts in programme order with why and what they cost,
    /// unplaced ones in pool order with the reason.
    func describe(_ search: PlanSearch, items: [Int]) -> SeasonPlan {
        let problem = search.problem
        var plan = SeasonPlan()
        plan.cost = search.state.cost
        for index in items {
            let item = problem.items[index]
            guard let act = item.act else { continue }
            if let placement = search.state.at[index] {
                plan.placed.append(PlacedAct(
                    act: act.id, title: act.title, kind: act.kind, start: placement.startTime,
                    durationMinutes: act.durationMinutes, stage: problem.stageID(placement),
                    why: why(index, search), wishes: wishes(index, at: placement, search)))
            } else {
                plan.unplaced.append(UnplacedAct(act: act.id, title: act.title, location: act.location,
                                                 reason: problem.unplaceable[index] ?? crowdedOut(index, search)))
            }
        }
        plan.placed.sort { ($0.start, $0.stage, $0.act) < ($1.start, $1.stage, $1.act) }
        return plan
    }

    private func why(_ index: Int, _ search: PlanSearch) -> String {
        let item = search.problem.items[index]
        if item.act?.pin != nil { return "pinned there by the act pool" }
        let count = item.candidates.count
        if count == 1 { return "the only slot its availability, stages and channels leave open" }
        return "the cheapest free one of the \(count) slots its availability, stages and channels leave open"
    }

    /// Why an act with slots open to it found none free: who holds them.
    private func crowdedOut(_ index: Int, _ search: PlanSearch) -> String {
        let problem = search.problem
        var holders: [Int] = []
        for placement in problem.items[index].candidates {
            for blocker in search.state.blockers(of: index, at: placement, in: problem) where !holders.contains(blocker) {
                holders.append(blocker)
            }
        }
        let count = problem.items[index].candidates.count
        let names = holders.prefix(3).map { blocker -> String in
            var item = problem.items[blocker]
            item.current = search.state.at[blocker]
            return problem.describe(item)
        }.joined(separator: ", ")
        return "all \(count) slot\(count == 1 ? "" : "s") open to it \(count == 1 ? "is" : "are") taken (by \(names)\(holders.count > 3 ? " and \(holders.count - 3) more" : "")), and no chain of moves frees one"
    }

    /// Each wish the act's placement costs, with the points: a shared cost (two acts of a
    /// kind on neighbouring days) shows at both acts.
    private func wishes(_ index: Int, at placement: Placement, _ search: PlanSearch) -> [WishNote] {
        let problem = search.problem
        let item = problem.items[index]
        let ledger = search.state.ledger
        let day = placement.day
        let kind = problem.kinds[item.kind]
        var notes: [WishNote] = []
        if !item.preferredDays.isEmpty, !item.preferredDays.contains(day) {
            let wanted = item.preferredDays.sorted().prefix(3).map { LocalDate(dayNumber: $0).iso }.joined(separator: ", ")
            notes.append(WishNote(cost: WishCost.Weights.preferredDate, note: "not on a preferred date (\(wanted))"))
        }
        for neighbour in [day - 1, day + 1] where ledger.count(kind: item.kind, day: neighbour) > 0 {
            notes.append(WishNote(cost: WishCost.Weights.kindOnConsecutiveDays,
                                  note: "another \(kind) on \(LocalDate(dayNumber: neighbour).iso), the day \(neighbour < day ? "before" : "after") (shared)"))
        }
        let week = ledger.count(kind: item.kind, weekOf: day)
        if week.count > week.share {
            notes.append(WishNote(cost: (week.count - week.share) * WishCost.Weights.crowdedWeek,
                                  note: "week \(problem.programme.series.week(of: LocalDate(dayNumber: day))) has \(week.count) of kind \(kind), its share is \(week.share) (shared)"))
        }
        for mate in problem.mates[index] {
            guard let other = ledger.day(of: mate), abs(other - day) < WishCost.Weights.performerSpacingDays else { continue }
            let shared = problem.items[mate].performers.first(where: item.performers.contains) ?? ""
            notes.append(WishNote(cost: WishCost.Weights.performerClose,
                                  note: "\(shared) also plays `\(problem.items[mate].id)` on \(LocalDate(dayNumber: other).iso), under \(WishCost.Weights.performerSpacingDays) days apart (shared)"))
        }
        return notes
    }
}
