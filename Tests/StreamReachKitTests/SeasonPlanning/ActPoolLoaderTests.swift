import Testing
@testable import StreamReachKit

@Suite struct ActPoolLoaderTests {
    static let programmeText = """
        series: {title: T, time-zone: Europe/Berlin, first-day: 2020-12-15, weeks: 2}
        slots: {days: [tue, wed, thu, fri], start-times: ["17:00", "20:00"]}
        stages: [{id: hall}, {id: foyer}]
        channels:
          - {id: youtube, platform: youtube}
          - {id: ok54, type: broadcast, from: 2020-12-22}
        """

    static var programme: Programme { get throws { try ProgrammeLoader.parse(programmeText, file: "p.yaml") } }

    @Test func readsTheWinterPoolWithEveryKindOfNeed() async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.plan.yaml"))
        let pool = try ActPoolLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.acts.yaml"), for: programme)
        #expect(pool.acts.count == 11)
        let untiere = try #require(pool.act(id: "die-untiere"))
        #expect(untiere.availability.weekdays == [.wednesday, .thursday])
        #expect(untiere.durationMinutes == 60, "the series' default duration")
        let holger = try #require(pool.act(id: "holger-wienpahl"))
        #expect(holger.availability.dates.map(\.iso).sorted() == ["2020-12-21", "2020-12-22", "2020-12-23"])
        #expect(pool.act(id: "live-painting")?.setupMinutes == 30)
        #expect(pool.act(id: "marc-keim")?.excludedChannels == ["facebook"])
        #expect(pool.act(id: "kai-schumacher")?.pin == LocalDateTime(text: "2020-12-15 17:00"))
        #expect(pool.act(id: "usafe-band-trio")?.availability.allows(LocalDate(iso: "2020-12-15")!) == false, "except wins over weekdays")
        #expect(pool.act(id: "usafe-band-trio")?.availability.allows(LocalDate(iso: "2020-12-22")!) == true)
    }

    @Test(arguments: [
        ("acts:\n  - {title: A, kind: concert, availble: {weekdays: [mon]}}", "a.yaml:2:31: unknown key `availble` in an act; did you mean `available`?"),
        ("acts:\n  - {title: A, kind: concrt}", "a.yaml:2:22: unknown kind `concrt`; did you mean `concert`?"),
        ("acts:\n  - {title: A, kind: concert, stages: [hal]}", "a.yaml:2:39: unknown stage `hal`; did you mean `hall`?"),
        ("acts:\n  - {title: A, kind: concert, channels: {require: [ok45]}}", "a.yaml:2:51: unknown channel `ok45`; did you mean `ok54`?"),
        ("acts:\n  - {title: A, kind: concert, prefer: [2020-12-32]}", "a.yaml:2:39: `2020-12-32` in `prefer` is not a date"),
        ("acts:\n  - {title: A, kind: concert, available: {dates: [2020-12-20..2020-12-10]}}", "a.yaml:2:50: `2020-12-20..2020-12-10` in `dates` is not a date"),
        ("acts:\n  - {title: A, kind: concert, channels: {require: [ok54], avoid: [ok54]}}", "a.yaml:2:41: channel `ok54` is both required and avoided"),
        ("acts:\n  - {title: A, kind: concert}\n  - {title: A, kind: talk}", "a.yaml:3:5: act id `a` is already used at line 2"),
        ("acts:\n  - {kind: concert}", "a.yaml:2:5: an act needs `title`"),
        ("acts:\n  - {title: A, kind: concert, pin: 2020-12-16 17:00}", "a.yaml:2:36: a pinned act needs its stage"),
        ("acts:\n  - {title: A, kind: concert, duration: 0m}", "a.yaml:2:41: `duration` must be a positive duration"),
        ("acts:\n  - {title: A, kind: concert, available: {weekdays: [funday]}}", "a.yaml:2:53: `funday` is not a day of the week"),
        ("acts: []", "a.yaml:1:1: `acts` is empty"),
        ("acts:\n  - {title: A, kind: jazz-brunch}", "a.yaml:2:22: unknown kind `jazz-brunch`; the programme has cabaret, concert, live-painting, reading, talk; add it under the programme's `kinds:` first"),
        ("act:\n  - {title: A, kind: concert}", "a.yaml:1:1: unknown key `act` in the act pool; did you mean `acts`?"),
    ])
    func reportsEveryProblemAtItsPlace(_ text: String, _ expected: String) async throws {
        let error = try #require(throws: InputFileError.self) { try ActPoolLoader.parse(text, file: "a.yaml", for: try Self.programme) }
        #expect(error.exitStatus == .dataError)
        #expect(error.errorDescription?.contains(expected) == true, "\(error.errorDescription ?? "")")
    }

    @Test func twoPoolsMayNotBothListAnAct() async throws {
        let first = try ScratchFolder.file("acts:\n  - {id: a, title: A, kind: concert}\n", suffix: ".yaml")
        let second = try ScratchFolder.file("acts:\n  - {id: b, title: B, kind: talk}\n  - {id: a, title: A2, kind: talk}\n", suffix: ".yaml")
        let error = try #require(throws: InputFileError.self) { try ActPoolLoader.load(paths: [first, second], for: try Self.programme) }
        #expect(error.errorDescription == "\(second):3:5: act id `a` is already used at \(first):2:5; keep it in one pool")
        let merged = try ActPoolLoader.load(paths: [first], for: try Self.programme)
        #expect(merged.acts.map(\.id) == ["a"])
    }
}
