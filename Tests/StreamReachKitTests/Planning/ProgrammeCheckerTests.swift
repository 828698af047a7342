import Foundation
import Testing
@testable import StreamReachKit

@Suite struct ProgrammeCheckerTests {
    /// The rules the fixture's `# expect:` comments name, by line.
    private func expectations(in relative: String) throws -> [Int: Set<String>] {
        var expected: [Int: Set<String>] = [:]
        for (index, line) in try Fixtures.text(relative).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let range = line.range(of: "# expect: ") else { continue }
            let rules = line[range.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            expected[index + 1, default: []].formUnion(rules)
        }
        return expected
    }

    @Test func everyRuleFiresWhereTheFixtureSaysAndNowhereElse() throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.path("programmes/checks.yaml"))
        let findings = ProgrammeChecker().check(programme)
        var found: [Int: Set<String>] = [:]
        for finding in findings { found[finding.location.line, default: []].insert(finding.rule.rawValue) }
        #expect(found == (try expectations(in: "programmes/checks.yaml")))
        // The fixture covers every rule there is.
        #expect(Set(findings.map(\.rule)) == Set(Finding.Rule.allCases))
    }

    @Test func nearMissesRaiseNothing() throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.path("programmes/checks-clean.yaml"))
        #expect(ProgrammeChecker().check(programme) == [])
    }

    @Test func severities() throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.path("programmes/checks.yaml"))
        let findings = ProgrammeChecker().check(programme)
        let warnings = Set(findings.filter { $0.severity == .warning }.map(\.rule))
        #expect(warnings == [.dayNotAllowed, .timeNotAllowed, .missingStreamID])
    }

    @Test func findingsNameBothEventsOfAClash() throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.path("programmes/checks.yaml"))
        let findings = ProgrammeChecker().check(programme)
        let painter = try #require(findings.first { $0.rule == .stageOverlap && $0.events.first == "painter" })
        #expect(painter.events == ["painter", "band"])
        #expect(painter.message.contains("needs 45m"))
        let twice = try #require(findings.first { $0.rule == .performerOverlap })
        #expect(twice.events == ["twice", "band"])
    }

    /// The sweep must see a clash with an event that ended earlier but needs a longer
    /// changeover than the one that ended last.
    @Test func clashWithAnEarlierEventThatNeedsALongerChangeover() throws {
        let text = """
            series: {title: T, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 1}
            changeover: {default: 0m, by-kind: {live-painting: 60m}}
            stages: [{id: hall}]
            events:
              - {id: paint, title: P, kind: live-painting, start: "2020-03-24 10:00", duration: 2h}
              - {id: talk, title: T, kind: talk, start: "2020-03-24 10:30", duration: 1h35m}
              - {id: late, title: L, kind: talk, start: "2020-03-24 12:10", duration: 30m}
            """
        let findings = ProgrammeChecker().check(try ProgrammeLoader.parse(text, file: "x.yaml"))
        // talk overlaps paint; late starts 5m after talk (fine) but 10m after paint (needs 60m).
        #expect(findings.map(\.events) == [["talk", "paint"], ["late", "paint"]])
    }

    @Test func manyEventsCheckWithoutPairwiseWork() throws {
        // 2,000 back-to-back events on one stage: a clean sweep finds nothing.
        var lines = ["series: {title: T, time-zone: UTC, first-day: 2020-01-01, weeks: 60}", "stages: [{id: s}]", "events:"]
        let first = try #require(LocalDate(iso: "2020-01-01"))
        for index in 0..<2000 {
            let start = LocalDateTime(minuteNumber: LocalDateTime(date: first, time: LocalTime(minutes: 0)).minuteNumber + index * 60)
            lines.append("  - {id: e\(index), title: E, kind: talk, performers: [P\(index % 7)], start: \"\(start)\"}")
        }
        let programme = try ProgrammeLoader.parse(lines.joined(separator: "\n"), file: "many.yaml")
        #expect(programme.events.count == 2000)
        #expect(ProgrammeChecker().check(programme) == [])
    }
}
