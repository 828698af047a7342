import Foundation
import Testing
@testable import StreamReachKit

@Suite struct ProgrammeLoaderTests {
    @Test func readsTheSpring2020Programme() throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml"))
        #expect(programme.series.title == "Fruchthalle Streams")
        #expect(programme.series.timeZone == "Europe/Berlin")
        #expect(programme.series.firstDay.iso == "2020-03-24")
        #expect(programme.series.target == 100_000)
        #expect(programme.events.count == 30)
        #expect(programme.events.first?.start.description == "2020-03-24 17:00")
        #expect(programme.events.last?.start.description == "2020-05-15 17:00")
        #expect(programme.events.allSatisfy { $0.durationMinutes == 60 && $0.stage == "fruchthalle" })
        #expect(programme.slotRules.days == [.tuesday, .wednesday, .thursday, .friday])
        #expect(programme.changeover.minutes(between: "reading", and: "live-painting") == 45)
        #expect(programme.kinds.contains("dj-set"))
        let naheTV = try #require(programme.channel(id: "nahe-tv"))
        #expect(naheTV.sort == .broadcast)
        #expect(naheTV.from?.iso == "2020-04-14")
        #expect(programme.channels.filter { $0.sort == .platform }.map(\.platform) == [.youtube, .facebook])
    }

    @Test func theShippedProgrammesHaveNoErrors() throws {
        for name in ["fruchthalle-2020.yaml", "fruchthalle-winter-2020.yaml"] {
            let programme = try ProgrammeLoader.load(path: Fixtures.schedule(name))
            #expect(ProgrammeChecker().check(programme).isEmpty, "\(name)")
        }
    }

    /// Each broken file, the exact place of its first problem and words the message must hold.
    @Test(arguments: [
        ("syntax-error.yaml", 3, 8, "YAML syntax"),
        ("unknown-key.yaml", 9, 5, "an event needs `title`"),
        ("hour-25.yaml", 12, 12, "`start` must be a local date and time"),
        ("impossible-date.yaml", 4, 14, "`first-day` must be a date YYYY-MM-DD, found `2020-02-30`"),
        ("bad-time-zone.yaml", 3, 14, "IANA time zone"),
        ("wrong-type.yaml", 5, 10, "`weeks` must be a single value, found a list"),
        ("weeks-not-number.yaml", 5, 10, "`weeks` must be a whole number, found `two`"),
        ("missing-series.yaml", 1, 1, "needs `series`"),
        ("empty.yaml", 1, 1, "file is empty"),
        ("not-a-mapping.yaml", 1, 1, "must be a mapping"),
        ("binary.yaml", 2, 10, "not UTF-8"),
        ("events-not-a-list.yaml", 9, 3, "`events` must be a list"),
        ("duplicate-key.yaml", 11, 5, "`title` appears more than once"),
        ("bad-duration.yaml", 12, 15, "`duration` must be a duration"),
        ("stage-without-id.yaml", 7, 5, "a stage needs `id`"),
    ])
    func brokenFile(_ name: String, _ line: Int, _ column: Int, _ words: String) throws {
        let path = Fixtures.path("broken/programmes/\(name)")
        let error = try #require(throws: InputFileError.self) { try ProgrammeLoader.load(path: path) }
        let first = try #require(error.diagnostics.first)
        #expect(first.location == SourceLocation(file: path, line: line, column: column), "\(error.diagnostics)")
        #expect(first.message.contains(words), "\(first.message)")
    }

    @Test func unknownKeyNamesTheKeyAndSuggestsTheNearest() throws {
        let path = Fixtures.path("broken/programmes/unknown-key.yaml")
        let error = try #require(throws: InputFileError.self) { try ProgrammeLoader.load(path: path) }
        #expect(error.diagnostics.map(\.description).contains(
            "\(path):10:5: unknown key `titel` in an event; did you mean `title`?"))
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        let text = """
            series:
              title: T
              time-zone: Europe/Berlin
              first-day: 2020-03-24
              weeks: 2
              colour: red
            stages: [{id: hall}]
            events:
              - {id: a, title: A, kind: concert, start: "2020-03-24 99:00"}
              - {id: b, title: B, kind: concert, start: "2020-03-24 17:00", duraton: 1h}
            """
        let error = try #require(throws: InputFileError.self) { try ProgrammeLoader.parse(text, file: "x.yaml") }
        #expect(error.diagnostics.map(\.location.line) == [6, 9, 10])
        #expect(error.diagnostics[2].message.contains("did you mean `duration`?"))
    }

    @Test func aFileOverTheSizeLimitIsRefusedWithoutReadingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID()).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x23, count: 9 << 20)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: InputFileError.self) { try ProgrammeLoader.load(path: path) }
        #expect(error.diagnostics.first?.message.contains("larger than 8 MiB") == true)
    }
}
