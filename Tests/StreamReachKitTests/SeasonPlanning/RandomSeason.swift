@testable import StreamReachKit

/// A random series and act pool with a complete placement hidden in it: each act is made at
/// a slot of that placement, clear of the acts before it, and made available there among
/// other days. Seeded, so a failing seed can be replayed.
struct RandomSeason {
    let programme: Programme
    let pool: ActPool
    let programmeText: String

    init(seed: UInt64, maxActs: Int = 40) throws {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        func chance(_ p: Double) -> Bool { random.nextUnit() < p }
        let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let days = weekdays.filter { _ in chance(0.6) }.ifEmpty(["fri"])
        let starts = pick([["17:00"], ["17:00", "20:00"], ["16:00", "18:00", "20:00"]])
        let stages = Array(["hall", "foyer", "court"].prefix(pick([1, 1, 2, 3])))
        let weeks = pick([1, 2, 3, 4])
        var text = """
            series: {title: Random, time-zone: Europe/Berlin, first-day: 2021-03-02, weeks: \(weeks)}
            slots: {days: [\(days.joined(separator: ", "))], start-times: [\(starts.map { "\"\($0)\"" }.joined(separator: ", "))]}
            changeover: {default: \(pick(["0m", "15m"])), by-kind: {live-painting: 45m, concert: 30m}}
            stages: [\(stages.map { "{id: \($0)}" }.joined(separator: ", "))]
            channels:
              - {id: tube, platform: youtube}
              - {id: ok, type: broadcast, from: 2021-03-\(pick(["05", "10", "16"]))}
            """
        let bare = try ProgrammeLoader.parse(text, file: "random.yaml")
        let series = bare.series
        var playing = (series.firstDay.dayNumber...series.lastDay.dayNumber).map(LocalDate.init(dayNumber:)).filter(bare.slotRules.allows)
        if playing.count > 2, chance(0.5) {
            let off = pick(playing)
            text = text.replacingOccurrences(of: "start-times:", with: "days-off: [\(off.iso)], start-times:")
            playing.removeAll { $0 == off }
        }
        programmeText = text
        let programme = try ProgrammeLoader.parse(text, file: "random.yaml")
        let changeover = programme.changeover
        let okFrom = programme.channel(id: "ok")?.from ?? series.firstDay

        var slots: [(date: LocalDate, start: Int, stage: String)] = []
        for date in playing { for start in programme.slotRules.startTimes { for stage in stages { slots.append((date, start.minutes, stage)) } } }
        slots.shuffle(using: &random)
        let wanted = min(maxActs, max(1, Int(Double(slots.count) * (0.5 + 0.5 * random.nextUnit()))))
        var hidden: [HiddenAct] = []
        var lines = ["acts:"]
        for slot in slots where hidden.count < wanted {
            let kind = pick(["concert", "reading", "cabaret", "live-painting", "talk"])
            var performers = ["Performer \(hidden.count + 1)"]
            if chance(0.2) { performers.append(pick(["Ensemble A", "Ensemble B"])) }
            let act = HiddenAct(date: slot.date, start: slot.start, stage: slot.stage, kind: kind,
                                duration: pick([30, 60, 90, 120]), setup: pick([0, 0, 15]), teardown: pick([0, 0, 15]),
                                performers: performers)
            guard !hidden.contains(where: { $0.clashes(with: act, changeover) }) else { continue }
            hidden.append(act)
            var fields = ["id: act-\(hidden.count)", "title: Act \(hidden.count)", "kind: \(kind)",
                          "performers: [\(performers.joined(separator: ", "))]", "duration: \(act.duration)m",
                          "setup: \(act.setup)m", "teardown: \(act.teardown)m"]
            if chance(0.6) {
                let others = weekdays.filter { _ in chance(0.3) }
                fields.append("available: {weekdays: [\(([String(slot.date.weekday.rawValue.prefix(3))] + others).joined(separator: ", "))]}")
            } else {
                fields.append("available: {dates: [\(slot.date.adding(days: -Int(random.next() % 6)).iso)..\(slot.date.adding(days: Int(random.next() % 6)).iso)]}")
            }
            if chance(0.3) { fields.append("prefer: [\(chance(0.5) ? slot.date.iso : pick(playing).iso)]") }
            if stages.count > 1, chance(0.5) { fields.append("stages: [\(Set([slot.stage, pick(stages)]).sorted().joined(separator: ", "))]") }
            if slot.date >= okFrom, chance(0.3) { fields.append("channels: {require: [ok]}") }
            if slot.date < okFrom, chance(0.3) { fields.append("channels: {avoid: [ok]}") }
            lines.append("  - {\(fields.joined(separator: ", "))}")
        }
        self.programme = programme
        pool = try ActPoolLoader.parse(lines.joined(separator: "\n"), file: "random.acts.yaml", for: programme)
    }
}

/// An act at its hidden slot, with the test's own statement of the hard rules between two
/// placed acts (not the planner's): the stage needs the larger changeover of the two kinds
/// plus the first act's teardown and the second's setup; a performer is in one place.
struct HiddenAct {
    var date: LocalDate
    var start: Int
    var stage: String
    var kind: String
    var duration: Int
    var setup: Int
    var teardown: Int
    var performers: [String]

    var begin: Int { date.dayNumber * 1440 + start }

    func clashes(with other: HiddenAct, _ changeover: ChangeoverRules) -> Bool {
        if stage == other.stage {
            let (first, second) = begin <= other.begin ? (self, other) : (other, self)
            let gap = max(changeover.minutes(for: first.kind), changeover.minutes(for: second.kind)) + first.teardown + second.setup
            if second.begin < first.begin + first.duration + gap { return true }
        }
        let shared = Set(performers.map(PerformerName.normalised)).intersection(other.performers.map(PerformerName.normalised))
        return !shared.isEmpty && begin < other.begin + other.duration && other.begin < begin + duration
    }
}

extension Array {
    func ifEmpty(_ fallback: [Element]) -> [Element] { isEmpty ? fallback : self }
}
