/// Where an event plays: a stage (index into the programme's stages) and its local start.
package struct Placement: Sendable, Hashable, Comparable {
    package var stage: Int
    /// ``LocalDateTime/minuteNumber`` of the start.
    package var start: Int

    package init(stage: Int, start: Int) {
        self.stage = stage
        self.start = start
    }

    package var startTime: LocalDateTime { LocalDateTime(minuteNumber: start) }
    package var day: Int { start.floorDiv(1440) }

    /// Programme order: by time, then stage.
    package static func < (a: Placement, b: Placement) -> Bool { (a.start, a.stage) < (b.start, b.stage) }
}

/// One thing the planner places or works around: an act to place, an event it may move,
/// or an event that stays where it is.
struct PlanItem: Sendable {
    var id: String
    var title: String
    var kind: Int
    /// Normalised performer names.
    var performers: [String]
    var duration: Int
    var setup: Int
    var teardown: Int
    var changeover: Int
    /// Days (``LocalDate/dayNumber``) the act would rather play; empty for no wish.
    var preferredDays: Set<Int>
    /// Where it is now: always for events already in the programme, nil for acts not placed.
    var current: Placement?
    /// May the planner move it (or place it, for an act)?
    var movable: Bool
    /// Where it may go, in programme order; empty for items that cannot move.
    var candidates: [Placement] = []
    /// The act this item came from, nil for an event the pool does not describe.
    var act: Act?

    /// The stage time this item holds before its start and after its end, against `other`,
    /// counting the larger changeover of the two kinds (as `plan check` does) and the
    /// act's own setup and teardown.
    static func clash(_ a: PlanItem, at p: Placement, _ b: PlanItem, at q: Placement) -> Bool {
        if p.stage == q.stage {
            let (first, firstAt, second, secondAt) = (p.start, p.stage) <= (q.start, q.stage) ? (a, p, b, q) : (b, q, a, p)
            let gap = max(first.changeover, second.changeover) + first.teardown + second.setup
            if secondAt.start < firstAt.start + first.duration + gap { return true }
        }
        if !a.performers.isEmpty, !b.performers.isEmpty,
           p.start < q.start + b.duration, q.start < p.start + a.duration,
           a.performers.contains(where: b.performers.contains) {
            return true
        }
        return false
    }
}
