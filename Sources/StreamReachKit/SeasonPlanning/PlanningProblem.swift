/// What the planner works on: every event and act of one planning run as ``PlanItem``s,
/// where each movable one may go, and why an act has nowhere to go.
struct PlanningProblem: Sendable {
    let programme: Programme
    var items: [PlanItem]
    /// Kind names; ``PlanItem/kind`` indexes this.
    let kinds: [String]
    /// For each item, the other items it shares a performer with.
    let mates: [[Int]]
    /// Why an act cannot be placed whatever else happens, by item index.
    var unplaceable: [Int: String] = [:]
    /// The start times the series allows, in minutes of the day.
    let starts: [Int]
    /// Each item's ``Footprint``, for the search's inner loop.
    let footprints: [Footprint]
    /// Every day of the series' weeks from its first day, and those of them it plays on.
    let seriesDays: [LocalDate]
    let playingDays: [LocalDate]

    /// - Parameters:
    ///   - fixed: events that stay where they are, with the act behind each when the pool has it
    ///     (its setup and teardown still hold the stage).
    ///   - movable: events the planner may move, with the act that describes their needs.
    ///   - acts: acts to place.
    init(programme: Programme, fixed: [(event: Event, act: Act?)], movable: [(event: Event, act: Act)], acts: [Act]) {
        self.programme = programme
        var kindNames = Array(Set(fixed.map(\.event.kind) + movable.map(\.act.kind) + acts.map(\.kind))).sorted()
        if kindNames.isEmpty { kindNames = [""] }
        kinds = kindNames
        let kindIndex = Dictionary(uniqueKeysWithValues: kindNames.enumerated().map { ($1, $0) })
        let stageIndex = Dictionary(programme.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let changeover = programme.changeover

        func item(id: String, title: String, kind: String, performers: [String], act: Act?) -> PlanItem {
            PlanItem(id: id, title: title, kind: kindIndex[kind] ?? 0,
                     performers: Array(Set(performers.map(PerformerName.normalised))).sorted(),
                     duration: act?.durationMinutes ?? 0, setup: act?.setupMinutes ?? 0, teardown: act?.teardownMinutes ?? 0,
                     changeover: changeover.minutes(for: kind),
                     preferredDays: Set(act?.preferredDates.map(\.dayNumber) ?? []), current: nil, movable: act != nil, act: act)
        }
        var items: [PlanItem] = []
        for (event, act) in fixed {
            var fixedItem = item(id: event.id, title: event.title, kind: event.kind, performers: event.performers, act: act)
            fixedItem.movable = false
            fixedItem.preferredDays = []
            fixedItem.duration = max(event.durationMinutes, 0)
            fixedItem.current = Placement(stage: stageIndex[event.stage] ?? -1, start: event.start.minuteNumber)
            items.append(fixedItem)
        }
        for (event, act) in movable {
            var movableItem = item(id: event.id, title: event.title, kind: act.kind, performers: act.performers, act: act)
            movableItem.current = Placement(stage: stageIndex[event.stage] ?? -1, start: event.start.minuteNumber)
            items.append(movableItem)
        }
        for act in acts {
            items.append(item(id: act.id, title: act.title, kind: act.kind, performers: act.performers, act: act))
        }
        var byPerformer: [String: [Int]] = [:]
        for (index, item) in items.enumerated() {
            for name in item.performers { byPerformer[name, default: []].append(index) }
        }
        mates = items.indices.map { index in
            Array(Set(items[index].performers.flatMap { byPerformer[$0] ?? [] }).subtracting([index])).sorted()
        }
        let rules = programme.slotRules
        seriesDays = (programme.series.firstDay.dayNumber...programme.series.lastDay.dayNumber).map(LocalDate.init(dayNumber:))
        playingDays = seriesDays.filter(rules.allows)
        starts = rules.startTimes.isEmpty
            ? Array(stride(from: rules.hours?.lowerBound.minutes ?? 0, to: rules.hours?.upperBound.minutes ?? 1440, by: 30))
            : rules.startTimes.map(\.minutes)
        self.items = items
        footprints = items.map(\.footprint)
        let fixedIndices = items.indices.filter { !items[$0].movable }
        for index in items.indices where items[index].movable {
            switch candidates(for: index, fixed: fixedIndices) {
            case .success(let placements): self.items[index].candidates = placements
            case .failure(let reason): unplaceable[index] = reason.text
            }
        }
    }

    func stageID(_ placement: Placement) -> String {
        programme.stages.indices.contains(placement.stage) ? programme.stages[placement.stage].id : "?"
    }
}

/// Why an act has no slot, in words a planner acts on.
struct UnplaceableReason: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
