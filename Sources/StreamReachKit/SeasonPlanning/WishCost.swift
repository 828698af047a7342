/// What the soft wishes cost, by wish, in weighted points (lower is better).
///
/// The weights are fixed and documented (docs/PLANNER.md); the benchmark's CP-SAT model
/// (Benchmarks/planner_cpsat.py) states the same rules and weights independently, and
/// re-scores StreamReach's answers with them.
package struct WishCost: Sendable, Hashable, Encodable {
    /// ``Weights/preferredDate`` for each act with preferred dates placed on none of them.
    package var preferredDates = 0
    /// ``Weights/kindOnConsecutiveDays`` for each kind and day when that kind plays on the
    /// day and on the day after.
    package var kindOnConsecutiveDays = 0
    /// ``Weights/crowdedWeek`` for each event of a kind in a week beyond that kind's even
    /// share: its number of events over the weeks the series plays, rounded up.
    package var crowdedWeeks = 0
    /// ``Weights/performerClose`` for each two events sharing a performer less than 7 days apart.
    package var performersClose = 0

    package var total: Int { preferredDates + kindOnConsecutiveDays + crowdedWeeks + performersClose }

    package enum Weights {
        package static let preferredDate = 3
        package static let kindOnConsecutiveDays = 2
        package static let crowdedWeek = 1
        package static let performerClose = 2
        /// Two appearances of a performer closer than this many days cost ``performerClose``.
        package static let performerSpacingDays = 7
    }

    private enum CodingKeys: String, CodingKey {
        case preferredDates = "preferred-dates", kindOnConsecutiveDays = "kind-on-consecutive-days"
        case crowdedWeeks = "crowded-weeks", performersClose = "performers-close", total
    }

    package init() {}

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(preferredDates, forKey: .preferredDates)
        try container.encode(kindOnConsecutiveDays, forKey: .kindOnConsecutiveDays)
        try container.encode(crowdedWeeks, forKey: .crowdedWeeks)
        try container.encode(performersClose, forKey: .performersClose)
        try container.encode(total, forKey: .total)
    }
}

/// Keeps ``WishCost`` current as items are placed and removed, in time independent of the
/// season's length: counts per kind and day and per kind and week, and each item's mates.
struct WishLedger: Sendable {
    private(set) var cost = WishCost()
    private let firstDay: Int
    private let dayCount: Int
    private let weekCount: Int
    private let firstMonday: Int
    /// Count of events per kind and day, with an empty day before and after the series.
    private var kindDay: [Int32]
    private var kindWeek: [Int32]
    /// Each kind's even share of a week.
    private let shares: [Int32]
    private var placedDay: [Int?]

    init(problem: PlanningProblem) {
        let series = problem.programme.series
        firstDay = series.firstDay.dayNumber - 1
        dayCount = series.lastDay.dayNumber - series.firstDay.dayNumber + 3
        firstMonday = series.firstMonday.dayNumber
        weekCount = series.weeks
        kindDay = Array(repeating: 0, count: problem.kinds.count * dayCount)
        kindWeek = Array(repeating: 0, count: problem.kinds.count * weekCount)
        placedDay = Array(repeating: nil, count: problem.items.count)
        let playingWeeks = max(Set(problem.playingDays.map(series.week(of:))).count, 1)
        var perKind = Array(repeating: 0, count: problem.kinds.count)
        for item in problem.items where item.movable || item.current.map({ series.contains(LocalDate(dayNumber: $0.day)) }) == true {
            perKind[item.kind] += 1
        }
        shares = perKind.map { Int32(($0 + playingWeeks - 1) / playingWeeks) }
    }

    func day(of item: Int) -> Int? { placedDay[item] }

    mutating func add(_ index: Int, on day: Int, in problem: PlanningProblem) {
        // Fields read one by one: a copy of the whole item retains every string and array in it.
        let kind = problem.items[index].kind
        let offset = day - firstDay
        // An event outside the series (plan check reports it) is no part of its wishes.
        guard offset >= 1, offset < dayCount - 1 else { return }
        if !problem.items[index].preferredDays.isEmpty, !problem.items[index].preferredDays.contains(day) {
            cost.preferredDates += WishCost.Weights.preferredDate
        }
        let row = kind * dayCount
        if kindDay[row + offset] == 0 {
            let neighbours = (kindDay[row + offset - 1] > 0 ? 1 : 0) + (kindDay[row + offset + 1] > 0 ? 1 : 0)
            cost.kindOnConsecutiveDays += neighbours * WishCost.Weights.kindOnConsecutiveDays
        }
        kindDay[row + offset] += 1
        let week = kind * weekCount + (day - firstMonday) / 7
        if kindWeek[week] >= shares[kind] { cost.crowdedWeeks += WishCost.Weights.crowdedWeek }
        kindWeek[week] += 1
        cost.performersClose += closeMates(index, day, problem) * WishCost.Weights.performerClose
        placedDay[index] = day
    }

    mutating func remove(_ index: Int, in problem: PlanningProblem) {
        guard let day = placedDay[index] else { return }
        placedDay[index] = nil
        let kind = problem.items[index].kind
        if !problem.items[index].preferredDays.isEmpty, !problem.items[index].preferredDays.contains(day) {
            cost.preferredDates -= WishCost.Weights.preferredDate
        }
        let offset = day - firstDay
        let row = kind * dayCount
        kindDay[row + offset] -= 1
        if kindDay[row + offset] == 0 {
            let neighbours = (kindDay[row + offset - 1] > 0 ? 1 : 0) + (kindDay[row + offset + 1] > 0 ? 1 : 0)
            cost.kindOnConsecutiveDays -= neighbours * WishCost.Weights.kindOnConsecutiveDays
        }
        let week = kind * weekCount + (day - firstMonday) / 7
        kindWeek[week] -= 1
        if kindWeek[week] >= shares[kind] { cost.crowdedWeeks -= WishCost.Weights.crowdedWeek }
        cost.performersClose -= closeMates(index, day, problem) * WishCost.Weights.performerClose
    }

    private func closeMates(_ index: Int, _ day: Int, _ problem: PlanningProblem) -> Int {
        var close = 0
        for mate in problem.mates[index] {
            if let other = placedDay[mate], abs(other - day) < WishCost.Weights.performerSpacingDays { close += 1 }
        }
        return close
    }

    /// Placed items of `kind` on `day`: for explanations.
    func count(kind: Int, day: Int) -> Int {
        let offset = day - firstDay
        guard offset >= 0, offset < dayCount else { return 0 }
        return Int(kindDay[kind * dayCount + offset])
    }

    func count(kind: Int, weekOf day: Int) -> (count: Int, share: Int) {
        let week = (day - firstMonday) / 7
        guard week >= 0, week < weekCount else { return (0, 0) }
        return (Int(kindWeek[kind * weekCount + week]), Int(shares[kind]))
    }
}
