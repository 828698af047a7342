/// One assignment of the movable items to placements, with the indexes that make "does
/// this fit?" and "what does it cost?" cheap to answer.
struct PlanState: Sendable {
    private(set) var at: [Placement?]
    private(set) var ledger: WishLedger
    /// Placed movable items by stage and day, for the stage-time check.
    private var byStageDay: [Int: [Int]] = [:]
    /// How many days either side an item can reach into (its length, changeover, setup).
    private let reachDays: Int

    init(problem: PlanningProblem) {
        at = problem.items.map(\.current)
        ledger = WishLedger(problem: problem)
        let longest = problem.items.map { $0.setup + $0.duration + $0.teardown + $0.changeover }.max() ?? 0
        reachDays = longest / 1440 + 1
        for index in problem.items.indices {
            if let placement = problem.items[index].current {
                ledger.add(index, on: placement.day, in: problem)
                if problem.items[index].movable { byStageDay[key(placement.stage, placement.day), default: []].append(index) }
            }
        }
    }

    var cost: WishCost { ledger.cost }

    private func key(_ stage: Int, _ day: Int) -> Int { day &* 64 &+ stage }

    /// The placed movable items that `index` at `placement` would clash with. Fixed items are
    /// left out: candidates never clash with them.
    func blockers(of index: Int, at placement: Placement, in problem: PlanningProblem, limit: Int = .max) -> [Int] {
        let footprint = problem.footprints[index]
        var found: [Int] = []
        let day = placement.day
        for nearby in (day - reachDays)...(day + reachDays) {
            guard let onStage = byStageDay[key(placement.stage, nearby)] else { continue }
            for other in onStage where other != index {
                if let there = at[other], Footprint.stageClash(footprint, at: placement, problem.footprints[other], at: there) {
                    found.append(other)
                    if found.count >= limit { return found }
                }
            }
        }
        // Mates share a performer by construction: running at the same time is the clash.
        for mate in problem.mates[index] where problem.items[mate].movable && !found.contains(mate) {
            if let there = at[mate], Footprint.overlap(footprint, at: placement, problem.footprints[mate], at: there) {
                found.append(mate)
                if found.count >= limit { return found }
            }
        }
        return found
    }

    func fits(_ index: Int, at placement: Placement, in problem: PlanningProblem) -> Bool {
        blockers(of: index, at: placement, in: problem, limit: 1).isEmpty
    }

    mutating func place(_ index: Int, at placement: Placement, in problem: PlanningProblem) {
        remove(index, in: problem)
        at[index] = placement
        byStageDay[key(placement.stage, placement.day), default: []].append(index)
        ledger.add(index, on: placement.day, in: problem)
    }

    mutating func remove(_ index: Int, in problem: PlanningProblem) {
        guard let placement = at[index] else { return }
        at[index] = nil
        let slot = key(placement.stage, placement.day)
        byStageDay[slot]?.removeAll { $0 == index }
        ledger.remove(index, in: problem)
    }
}
