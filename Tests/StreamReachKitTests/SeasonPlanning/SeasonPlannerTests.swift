import Testing
@testable import StreamReachKit

@Suite struct SeasonPlannerTests {
    static func winter() throws -> (Programme, ActPool) {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.plan.yaml"))
        return (programme, try ActPoolLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.acts.yaml"), for: programme))
    }

    @Test func fillsTheWinterSeriesWithinEveryActsNeeds() async throws {
        let (programme, pool) = try Self.winter()
        let plan = try await SeasonPlanner(programme: programme, pool: pool).fillOffPool()
        #expect(plan.unplaced.isEmpty, "\(plan.unplaced)")
        #expect(plan.alreadyPlaced == ["kai-schumacher"])
        let at = Dictionary(uniqueKeysWithValues: plan.placed.map { ($0.act, $0.start.description) })
        #expect(at.count == 10)
        // The only Friday, Saturday or Sunday the DJs leave free is 18 December.
        #expect(at["live-painting"] == "2020-12-18 17:00")
        #expect(Set([at["roderick-haas"], at["marc-keim"]]) == ["2020-12-27 17:00", "2021-01-02 17:00"])
        #expect(at["holger-wienpahl"].map { ["2020-12-22 17:00", "2020-12-23 17:00"].contains($0) } == true)
        #expect(at["katrin-wilking"] == "2020-12-17 17:00", "her preferred date was free")
        for placed in plan.placed {
            let act = try #require(pool.act(id: placed.act))
            #expect(act.availability.allows(placed.start.date), "\(placed.act) on \(placed.start)")
            #expect(programme.slotRules.allows(placed.start.date))
        }
        // The Christmas days off and New Year are left out; 11 playing days, all taken.
        #expect(Set(plan.placed.map(\.start.date)).count == 10)
    }

    @Test func theWrittenProgrammePassesPlanCheckAndKeepsTheHandWrittenPart() async throws {
        let (programme, pool) = try Self.winter()
        let planner = SeasonPlanner(programme: programme, pool: pool)
        let text = try InputFileText.read(path: Fixtures.schedule("fruchthalle-winter-2020.plan.yaml"))
        let written = try planner.apply(try await planner.fillOffPool(), to: text)
        #expect(ProgrammeChecker().check(written.programme).filter { $0.severity == .error }.isEmpty)
        #expect(written.programme.events.count == 11)
        // Everything that was there is still there, byte for byte, before the new events.
        #expect(written.text.hasPrefix(text.hasSuffix("\n") ? String(text.dropLast()) : text))
        #expect(written.text.contains("    # not to be streamed on facebook (act pool: channels.avoid)"))
        #expect(written.text.contains("title: \"Kabarett: Die Untiere\""), "a title with `: ` is quoted")
    }

    @Test func theSameInputGivesTheSamePlan() async throws {
        let (programme, pool) = try Self.winter()
        let first = try await SeasonPlanner(programme: programme, pool: pool).fillOffPool()
        let second = try await SeasonPlanner(programme: programme, pool: pool).fillOffPool()
        #expect(first.placed.map { "\($0.act) \($0.start) \($0.stage)" } == second.placed.map { "\($0.act) \($0.start) \($0.stage)" })
        #expect(first.cost == second.cost)
    }

    @Test(arguments: [
        ("{id: m, title: M, kind: concert, available: {weekdays: [mon]}}", "available only on Mondays; the series plays Tue, Wed, Thu, Fri"),
        ("{id: m, title: M, kind: concert, available: {dates: [2021-03-01]}}", "available only on 2021-03-01; the series runs 2020-12-15 to 2021-01-03"),
        ("{id: m, title: M, kind: concert, available: {dates: [2020-12-24, 2020-12-25]}}", "2020-12-24 (Christmas Eve), 2020-12-25 (Christmas Day) are days off"),
        ("{id: m, title: M, kind: concert, available: {weekdays: [tue, wed, thu, fri, sat, sun]}, channels: {avoid: [stadt-kl]}}",
         "must not go out on `stadt-kl`, which broadcasts every day the act can play (on every day)"),
        ("{id: m, title: M, kind: concert, available: {dates: [2020-12-15]}}", "clashes with events that stay: `kai-schumacher` (Tue 2020-12-15 17:00)"),
        ("{id: m, title: M, kind: concert, pin: 2020-12-24 17:00}", "pinned to 2020-12-24 17:00, a day it cannot play: a day off (Christmas Eve)"),
        ("{id: m, title: M, kind: concert, pin: 2020-12-16 18:00}", "pinned to 2020-12-16 18:00; the series allows starts at 17:00"),
    ])
    func saysWhyAnActCannotBePlaced(_ act: String, _ reason: String) async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.plan.yaml"))
        let pool = try ActPoolLoader.parse("acts:\n  - \(act)", file: "pool.yaml", for: programme)
        let plan = try await SeasonPlanner(programme: programme, pool: pool).fillOffPool()
        #expect(plan.placed.isEmpty)
        let unplaced = try #require(plan.unplaced.first)
        #expect(unplaced.reason.contains(reason), "\(unplaced.reason)")
        #expect(unplaced.location.description == "pool.yaml:2:5")
    }

    @Test func namesWhoHoldsTheSlotsOfAnActThatFindsNoneFree() async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.plan.yaml"))
        let pool = try ActPoolLoader.parse("""
            acts:
              - {id: a, title: A, kind: talk, available: {dates: [2020-12-16]}}
              - {id: b, title: B, kind: talk, available: {dates: [2020-12-16]}}
            """, file: "pool.yaml", for: programme)
        let plan = try await SeasonPlanner(programme: programme, pool: pool).fillOffPool()
        #expect(plan.placed.map(\.act) == ["a"])
        #expect(plan.unplaced.map(\.reason) == ["all 1 slot open to it is taken (by `a` (Wed 2020-12-16 17:00)), and no chain of moves frees one"])
    }

    /// Setup and teardown hold the stage beyond the kinds' changeover: at 17:00 and 19:00
    /// with 15 minutes of changeover, a 1-hour act before another leaves 45 minutes.
    @Test func setupAndTeardownKeepTheStageBusy() async throws {
        let programme = try ProgrammeLoader.parse("""
            series: {title: T, time-zone: Europe/Berlin, first-day: 2021-03-02, weeks: 1}
            slots: {days: [tue], start-times: ["17:00", "19:00"]}
            changeover: {default: 15m}
            stages: [{id: hall}]
            """, file: "p.yaml")
        func placed(_ acts: String) async throws -> Int {
            let pool = try ActPoolLoader.parse("acts:\n" + acts, file: "a.yaml", for: programme)
            return try await SeasonPlanner(programme: programme, pool: pool).fillOffPool().placed.count
        }
        // Both acts have the need, so whichever plays second at 19:00 meets it.
        #expect(try await placed("  - {id: a, title: A, kind: talk, setup: 45m}\n  - {id: b, title: B, kind: talk, setup: 45m}") == 2)
        #expect(try await placed("  - {id: a, title: A, kind: talk, setup: 46m}\n  - {id: b, title: B, kind: talk, setup: 46m}") == 1)
        #expect(try await placed("  - {id: a, title: A, kind: talk, teardown: 45m}\n  - {id: b, title: B, kind: talk, teardown: 45m}") == 2)
        #expect(try await placed("  - {id: a, title: A, kind: talk, teardown: 46m}\n  - {id: b, title: B, kind: talk, teardown: 46m}") == 1)
        #expect(try await placed("  - {id: a, title: A, kind: talk, duration: 1h45m}\n  - {id: b, title: B, kind: talk, duration: 1h45m}") == 2)
        #expect(try await placed("  - {id: a, title: A, kind: talk, duration: 1h46m}\n  - {id: b, title: B, kind: talk, duration: 1h46m}") == 1)
        // Only the second act's setup counts: the act that needs it plays second.
        #expect(try await placed("  - {id: a, title: A, kind: talk}\n  - {id: b, title: B, kind: talk, setup: 1h40m}") == 2)
    }

    /// Property: where a complete placement exists, the planner finds one, and the
    /// programme it writes breaks no hard rule, by `plan check` and by the test's own rules.
    /// The seeds run one after another on a thread of their own: in parallel on Swift's
    /// two-thread pool they starved every other test of the run.
    @Test func placesEveryActWhereAPlacementExists() async throws {
        let problems = try await OffPool.run { try (1...120).flatMap { try Self.problems(seed: UInt64($0)) } }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    static func problems(seed: UInt64) throws -> [String] {
        let season = try RandomSeason(seed: seed)
        var planner = SeasonPlanner(programme: season.programme, pool: season.pool)
        planner.iterations = 2_000
        let plan = planner.fill()
        var problems = plan.unplaced.map { "seed \(seed): \($0.act) not placed: \($0.reason)" }
        let written = try planner.apply(plan, to: season.programmeText)
        let findings = ProgrammeChecker().check(written.programme)
        problems += findings.filter { $0.severity == .error || [.dayNotAllowed, .timeNotAllowed, .outsideSeries].contains($0.rule) }
            .map { "seed \(seed): plan check: \($0)" }
        var placedActs: [HiddenAct] = []
        for placed in plan.placed {
            guard let act = season.pool.act(id: placed.act) else { problems.append("seed \(seed): unknown act \(placed.act)"); continue }
            let date = placed.start.date
            if !act.availability.allows(date) { problems.append("seed \(seed): \(act.id) on \(date), not available") }
            if !act.stages.isEmpty, !act.stages.contains(placed.stage) { problems.append("seed \(seed): \(act.id) on stage \(placed.stage)") }
            for channel in act.requiredChannels where season.programme.channel(id: channel)?.carries(on: date) != true {
                problems.append("seed \(seed): \(act.id) on \(date), \(channel) is off air")
            }
            for channel in act.excludedChannels where season.programme.channel(id: channel)?.carries(on: date) != false {
                problems.append("seed \(seed): \(act.id) on \(date), \(channel) is on air")
            }
            let mine = HiddenAct(date: date, start: placed.start.time.minutes, stage: placed.stage, kind: act.kind,
                                 duration: act.durationMinutes, setup: act.setupMinutes, teardown: act.teardownMinutes, performers: act.performers)
            for other in placedActs where mine.clashes(with: other, season.programme.changeover) {
                problems.append("seed \(seed): \(act.id) clashes with an act at \(other.date) \(other.start) on \(other.stage)")
            }
            placedActs.append(mine)
        }
        return problems
    }
}

extension SeasonPlanner {
    /// `fill()` on a thread of its own: the search is CPU-bound, and on Swift's two-thread
    /// pool it held up the in-process HTTP servers of the tests running beside it (their
    /// clients then saw timeouts and retried).
    func fillOffPool() async throws -> SeasonPlan {
        try await OffPool.run { self.fill() }
    }
}
