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

    var footprint: Footprint { Footprint(duration: duration, setup: setup, teardown: teardown, changeover: changeover) }

    /// The stage time this item holds before its start and after its end, against `other`,
    /// counting the larger changeover of the two kinds (as `plan check` does) and the
    /// act's own setup and teardown.
    static func clash(_ a: PlanItem, at p: Placement, _ b: PlanItem, at q: Placement) -> Bool {
        if Footprint.stageClash(a.footprint, at: p, b.footprint, at: q) { return true }
        return Footprint.overlap(a.footprint, at: p, b.footprint, at: q) && a.performers.contains(where: b.performers.contains)
    }
}

/// What the search needs of an item to test a clash, in plain integers: copying a whole
/// ``PlanItem`` (its strings and arrays) in the inner loop cost more than the test itself.
struct Footprint: Sendable {
    var duration: Int
    var setup: Int
    var teardown: Int
    var changeover: Int

    /// Too close on one stage: the larger changeover, the first one's teardown and the
    /// second one's setup must fit between them.
    static func stageClash(_ a: Footprint, at p: Placement, _ b: Footprint, at q: Placement) -> Bool {
        guard p.stage == q.stage else { return false }
        let (first, firstAt, second, secondAt) = (p.start, p.stage) <= (q.start, q.stage) ? (a, p, b, q) : (b, q, a, p)
        return secondAt.start < firstAt.start + first.duration + max(first.changeover, second.changeover) + first.teardown + second.setup
    }

    /// Running at the same time (for two items that share a performer).
    static func overlap(_ a: Footprint, at p: Placement, _ b: Footprint, at q: Placement) -> Bool {
        p.start < q.start + b.duration && q.start < p.start + a.duration
    }
}
