import Testing
@testable import StreamReachKit

/// On seasons small enough to try every placement, the planner places as many acts as can
/// be placed at the least wish cost there is. The cost is counted here again, from the rules
/// as docs/PLANNER.md states them, not with the planner's ledger.
@Suite struct PlannerOptimalityTests {
    struct SmallAct {
        var kind: String
        var performers: Set<String>
        var days: Set<Int>
        var prefer: Set<Int>
    }

    /// The seeds run one after another off Swift's two-thread pool (see `SeasonPlannerTests`).
    @Test func matchesExhaustiveSearch() async throws {
        let problems = try await OffPool.run { try (1...30).flatMap { try Self.problems(seed: $0) } }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    static func problems(seed: Int) throws -> [String] {
        var random = SplitMix64(seed: UInt64(seed) &* 7919)
        let weekdays = ["tue", "wed", "thu", "fri", "sat", "sun"]
        let days = Array(weekdays.shuffled(using: &random).prefix(3 + Int(random.next() % 2)))
        let programme = try ProgrammeLoader.parse("""
            series: {title: T, time-zone: Europe/Berlin, first-day: 2021-03-01, weeks: 2}
            slots: {days: [\(days.joined(separator: ", "))], start-times: ["18:00"]}
            stages: [{id: hall}]
            """, file: "p.yaml")
        let series = programme.series
        let playing = (series.firstDay.dayNumber...series.lastDay.dayNumber).filter { programme.slotRules.allows(LocalDate(dayNumber: $0)) }
        var acts: [SmallAct] = []
        var lines = ["acts:"]
        for index in 0..<(4 + Int(random.next() % 2)) {
            let kind = ["concert", "talk", "reading"][Int(random.next() % 3)]
            var performers: Set<String> = ["p\(index)"]
            if random.next() % 3 == 0 { performers.insert("shared") }
            let available = Set(playing.filter { _ in random.next() % 3 != 0 })
            let prefer: Set<Int> = random.next() % 2 == 0 ? [playing[Int(random.next() % UInt64(playing.count))]] : []
            acts.append(SmallAct(kind: kind, performers: performers, days: available, prefer: prefer))
            let dates = available.sorted().map { LocalDate(dayNumber: $0).iso }
            lines.append("  - {id: a\(index), title: A\(index), kind: \(kind), performers: [\(performers.sorted().joined(separator: ", "))], "
                + "available: {dates: [\(dates.isEmpty ? "2000-01-01" : dates.joined(separator: ", "))]}"
                + (prefer.isEmpty ? "" : ", prefer: [\(LocalDate(dayNumber: prefer.first!).iso)]") + "}")
        }
        let pool = try ActPoolLoader.parse(lines.joined(separator: "\n"), file: "a.yaml", for: programme)
        let plan = SeasonPlanner(programme: programme, pool: pool).fill()

        let weeks = Set(playing.map { ($0 - series.firstMonday.dayNumber) / 7 }).count
        var best = (placed: -1, cost: Int.max)
        var chosen = [Int?](repeating: nil, count: acts.count)
        func search(_ index: Int, _ used: Set<Int>) {
            guard index < acts.count else {
                let placed = chosen.compactMap { $0 }.count
                let cost = Self.cost(acts, chosen, firstMonday: series.firstMonday.dayNumber, weeks: weeks)
                if (placed, -cost) > (best.placed, -best.cost) { best = (placed, cost) }
                return
            }
            chosen[index] = nil
            search(index + 1, used)
            for day in acts[index].days.sorted() where !used.contains(day) {
                chosen[index] = day
                search(index + 1, used.union([day]))
            }
            chosen[index] = nil
        }
        search(0, [])
        var problems: [String] = []
        if plan.placed.count != best.placed { problems.append("seed \(seed): placed \(plan.placed.count), exhaustive \(best.placed)") }
        if plan.cost.total != best.cost { problems.append("seed \(seed): cost \(plan.cost.total), exhaustive \(best.cost)") }
        let planned = acts.indices.map { index in plan.placed.first { $0.act == "a\(index)" }.map(\.start.date.dayNumber) }
        let recounted = Self.cost(acts, planned, firstMonday: series.firstMonday.dayNumber, weeks: weeks)
        if recounted != plan.cost.total { problems.append("seed \(seed): the planner counts \(plan.cost.total), the test \(recounted)") }
        return problems
    }

    /// The wishes: 3 per act off its preferred date; 2 per kind playing two days running;
    /// 1 per event of a kind beyond ⌈its events / playing weeks⌉ in a week; 2 per two
    /// events sharing a performer less than 7 days apart.
    static func cost(_ acts: [SmallAct], _ days: [Int?], firstMonday: Int, weeks: Int) -> Int {
        var cost = 0
        var kindDays = Set<String>()
        var perWeek: [String: Int] = [:]
        for (act, day) in zip(acts, days) {
            guard let day else { continue }
            if !act.prefer.isEmpty, !act.prefer.contains(day) { cost += 3 }
            kindDays.insert("\(act.kind) \(day)")
            perWeek["\(act.kind) \((day - firstMonday) / 7)", default: 0] += 1
        }
        for (act, day) in zip(acts, days) where day != nil && kindDays.contains("\(act.kind) \(day! + 1)") {
            // Counted once per kind and day, however many events of the kind play that day.
            if kindDays.remove("\(act.kind) \(day!)") != nil { cost += 2 }
        }
        for (key, count) in perWeek {
            let kind = String(key.split(separator: " ")[0])
            let total = acts.filter { $0.kind == kind }.count
            cost += max(0, count - (total + weeks - 1) / weeks)
        }
        for i in acts.indices {
            for j in acts.indices where i < j {
                guard let a = days[i], let b = days[j], !acts[i].performers.isDisjoint(with: acts[j].performers) else { continue }
                if abs(a - b) < 7 { cost += 2 }
            }
        }
        return cost
    }
}
