import Foundation

/// The planner's search over a ``PlanningProblem``: place as many acts as possible, then
/// lower the wishes' cost by moving and swapping acts.
///
/// Written here rather than taken from a solver library: no constraint or MIP solver is
/// available as a Swift package on this platform, and the rules are narrow enough that an
/// augmenting-path placement plus simulated annealing with incremental costs reaches
/// CP-SAT's answers in a fraction of its time (Benchmarks/planner_bench.py measures that).
/// Every random choice comes from a seeded generator, so the same input gives the same plan.
struct PlanSearch {
    let problem: PlanningProblem
    var state: PlanState
    private var random: SplitMix64
    private let grid: SlotGrid
    /// Per item, the placements it may take, as a bitmap over the ``SlotGrid``.
    private let allowed: [[UInt64]]
    /// Items the search may move: movable and not pinned.
    private let mayMove: [Bool]

    init(problem: PlanningProblem, seed: UInt64) {
        self.problem = problem
        state = PlanState(problem: problem)
        random = SplitMix64(seed: seed)
        mayMove = problem.items.map { $0.movable && $0.act?.pin == nil }
        let grid = SlotGrid(problem: problem)
        self.grid = grid
        allowed = problem.items.map { item in
            var bits = Array(repeating: UInt64(0), count: grid.count / 64 + 1)
            for placement in item.candidates {
                if let slot = grid.index(of: placement) { bits[slot >> 6] |= 1 << UInt64(slot & 63) }
            }
            return bits
        }
    }

    func mayTake(_ index: Int, _ placement: Placement) -> Bool {
        guard let slot = grid.index(of: placement) else { return false }
        return allowed[index][slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    private var movable: [Int] { problem.items.indices.filter { mayMove[$0] } }

    // MARK: Placing

    /// Places every movable act not placed yet: the most constrained first, each where it
    /// costs least; then an augmenting path for each that found no room.
    mutating func placeAll(_ indices: [Int]) {
        let order = indices.filter { state.at[$0] == nil && !problem.items[$0].candidates.isEmpty }.sorted {
            (problem.items[$0].candidates.count, problem.items[$0].id) < (problem.items[$1].candidates.count, problem.items[$1].id)
        }
        for index in order {
            if let best = cheapestFree(index) { state.place(index, at: best, in: problem) }
        }
        for index in order where state.at[index] == nil {
            _ = augment(index, maximumMoves: .max)
        }
    }

    /// The free candidate of unplaced `index` that adds least cost (the earliest among
    /// equals). Tries each in place and takes it out again: a copy of the state per call
    /// cost more than the search.
    mutating func cheapestFree(_ index: Int) -> Placement? {
        var best: (Placement, Int)?
        for placement in problem.items[index].candidates where state.fits(index, at: placement, in: problem) {
            state.place(index, at: placement, in: problem)
            let cost = state.cost.total
            if best.map({ cost < $0.1 }) ?? true { best = (placement, cost) }
            state.remove(index, in: problem)
        }
        return best?.0
    }

    /// Places unplaced item `index` by moving a chain of placed items, each into the place of
    /// the next or into a free one: breadth-first, so the chain moves as few items as can
    /// be. Among the shortest chains the cheapest wins. Returns the items moved, or nil.
    mutating func augment(_ index: Int, maximumMoves: Int, exploreLimit: Int = 4000) -> [Int]? {
        var nodes = [ChainNode(item: index, parent: nil, target: nil, depth: 0)]
        var seen: Set<Int> = [index]
        var cursor = 0
        var found: [(node: Int, placement: Placement, cost: Int)] = []
        var foundDepth = Int.max
        while cursor < nodes.count, nodes.count <= exploreLimit {
            let node = nodes[cursor]
            if node.depth > foundDepth || node.depth > maximumMoves { break }
            for placement in problem.items[node.item].candidates where placement != state.at[node.item] {
                let blockers = state.blockers(of: node.item, at: placement, in: problem, limit: 2)
                if blockers.isEmpty {
                    if let cost = trial(chain: chain(cursor, nodes, placement)) {
                        found.append((cursor, placement, cost))
                        foundDepth = node.depth
                    }
                } else if blockers.count == 1, node.depth < foundDepth, node.depth < maximumMoves {
                    let blocker = blockers[0]
                    if mayMove[blocker], seen.insert(blocker).inserted {
                        nodes.append(ChainNode(item: blocker, parent: cursor, target: placement, depth: node.depth + 1))
                    }
                }
            }
            cursor += 1
        }
        guard let best = found.min(by: { ($0.cost, $0.node) < ($1.cost, $1.node) }) else { return nil }
        let moves = chain(best.node, nodes, best.placement)
        apply(moves)
        return moves.map(\.item).filter { $0 != index }
    }

    /// One step of an augmenting chain: `item` would move to `target`, the place of its
    /// parent's item; `depth` is how many items the chain moves before it.
    private struct ChainNode {
        let item: Int
        let parent: Int?
        let target: Placement?
        let depth: Int
    }

    /// The moves of the chain ending at `node`: its item to `placement`, each parent to the
    /// place its child leaves.
    private func chain(_ node: Int, _ nodes: [ChainNode], _ placement: Placement) -> [(item: Int, to: Placement)] {
        var moves = [(item: nodes[node].item, to: placement)]
        var current = node
        while let parent = nodes[current].parent, let target = nodes[current].target {
            moves.append((nodes[parent].item, target))
            current = parent
        }
        return moves
    }

    /// The cost after `moves`, or nil if they clash with each other.
    private func trial(chain moves: [(item: Int, to: Placement)]) -> Int? {
        var probe = self
        guard probe.apply(moves) else { return nil }
        return probe.state.cost.total
    }

    @discardableResult
    private mutating func apply(_ moves: [(item: Int, to: Placement)]) -> Bool {
        for move in moves { state.remove(move.item, in: problem) }
        for move in moves {
            guard state.fits(move.item, at: move.to, in: problem) else { return false }
            state.place(move.item, at: move.to, in: problem)
        }
        return true
    }

    // MARK: Improving

    /// Simulated annealing over moves to a free candidate and swaps of two acts, keeping the
    /// best plan seen; then a pass of every single move until none helps, where affordable.
    mutating func improve(iterations: Int) {
        let pool = movable.filter { problem.items[$0].candidates.count > 1 || state.at[$0] == nil }
        guard !pool.isEmpty, iterations > 0 else { return }
        var best = state
        let rounds = 3
        for round in 0..<rounds {
            let start = 2.0 / Double(round + 1)
            let end = 0.05
            let perRound = iterations / rounds
            for step in 0..<perRound {
                let temperature = start * pow(end / start, Double(step) / Double(max(perRound, 1)))
                anneal(pool, temperature: temperature)
                if state.cost.total < best.cost.total { best = state }
            }
            state = best
        }
        descend(pool)
    }

    private mutating func anneal(_ pool: [Int], temperature: Double) {
        let index = pool[Int(random.next() % UInt64(pool.count))]
        guard let from = state.at[index] else { return }
        let candidates = problem.items[index].candidates
        let to = candidates[Int(random.next() % UInt64(candidates.count))]
        guard to != from else { return }
        let before = state.cost.total
        let blockers = state.blockers(of: index, at: to, in: problem, limit: 2)
        var undo: [(Int, Placement)] = [(index, from)]
        if blockers.isEmpty {
            state.place(index, at: to, in: problem)
        } else if blockers.count == 1, let other = blockers.first, let otherAt = state.at[other],
                  mayMove[other], mayTake(other, from) {
            state.remove(index, in: problem)
            state.remove(other, in: problem)
            undo.append((other, otherAt))
            guard state.fits(index, at: to, in: problem) else { return restore(undo) }
            state.place(index, at: to, in: problem)
            guard state.fits(other, at: from, in: problem) else { return restore(undo) }
            state.place(other, at: from, in: problem)
        } else {
            return
        }
        let delta = Double(state.cost.total - before)
        if delta <= 0 || random.nextUnit() < exp(-delta / temperature) { return }
        restore(undo)
    }

    private mutating func restore(_ undo: [(Int, Placement)]) {
        for (item, _) in undo { state.remove(item, in: problem) }
        for (item, placement) in undo { state.place(item, at: placement, in: problem) }
    }

    /// Moves each item to its cheapest free candidate until no move lowers the cost: the
    /// plan ends at a local optimum. Skipped on seasons too large for it to pay off.
    private mutating func descend(_ pool: [Int]) {
        let work = pool.reduce(0) { $0 + problem.items[$1].candidates.count }
        guard work <= 200_000 else { return }
        var improved = true
        while improved {
            improved = false
            for index in pool {
                guard let from = state.at[index] else { continue }
                let before = state.cost.total
                state.remove(index, in: problem)
                if let best = cheapestFree(index) {
                    state.place(index, at: best, in: problem)
                    if state.cost.total < before { improved = true; continue }
                    state.remove(index, in: problem)
                }
                state.place(index, at: from, in: problem)
            }
        }
    }
}

/// Numbers every slot of the series (day, allowed start, stage) densely, for the bitmaps of
/// which slots an item may take.
private struct SlotGrid {
    let firstDay: Int
    let stageCount: Int
    let startIndex: [Int: Int]
    let count: Int

    init(problem: PlanningProblem) {
        firstDay = problem.programme.series.firstDay.dayNumber
        stageCount = max(problem.programme.stages.count, 1)
        startIndex = Dictionary(uniqueKeysWithValues: problem.starts.enumerated().map { ($1, $0) })
        count = problem.seriesDays.count * max(problem.starts.count, 1) * stageCount
    }

    func index(of placement: Placement) -> Int? {
        guard let start = startIndex[placement.start - placement.day * 1440] else { return nil }
        let slot = ((placement.day - firstDay) * startIndex.count + start) * stageCount + placement.stage
        return slot >= 0 && slot < count ? slot : nil
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the planner's
/// choices must repeat exactly for the same input, which `SystemRandomNumberGenerator` cannot.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
