import Foundation
import Testing

@Suite struct PlanCommandTests {
    @Test func checkExitsZeroOnTheRealProgramme() async throws {
        let result = try await CLIRunner.run(["plan", "check", "Schedules/fruchthalle-2020.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no problems found"))
    }

    @Test func checkExitsOneWhenThereAreErrors() async throws {
        let result = try await CLIRunner.run(["plan", "check", "Fixtures/programmes/checks.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Fixtures/programmes/checks.yaml:33:5: error: starts 30m after `band`"))
        #expect(result.stdout.contains("11 errors, 5 warnings"))
    }

    @Test func checkExits65OnAFileItCannotParse() async throws {
        let result = try await CLIRunner.run(["plan", "check", "Fixtures/broken/programmes/hour-25.yaml"])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: Fixtures/broken/programmes/hour-25.yaml:12:12: "))
    }

    @Test func checkExits65OnAMissingFile() async throws {
        let result = try await CLIRunner.run(["plan", "check", "Schedules/nope.yaml"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("Schedules/nope.yaml:1:1: no such file"))
    }

    @Test func usageErrorsExit64() async throws {
        #expect(try await CLIRunner.run(["plan", "check"]).status == 64)
        #expect(try await CLIRunner.run(["plan", "free", "Schedules/fruchthalle-2020.yaml", "--week", "3", "--duration", "soon"]).status == 64)
        #expect(try await CLIRunner.run(["plan", "show", "Schedules/fruchthalle-2020.yaml", "--format", "xml"]).status == 64)
    }

    /// A well-formed command line naming what the programme does not have is bad data (65)
    /// in every command, with a "did you mean" (a week out of range was 64 here, 65 in report).
    @Test(arguments: [
        (["plan", "free", "Schedules/fruchthalle-2020.yaml", "--week", "9", "--duration", "1h"], "week 9 is outside the series (weeks 1 to 8)"),
        (["plan", "show", "Schedules/fruchthalle-2020.yaml", "--week", "0"], "week 0 is outside the series"),
        (["plan", "export", "Schedules/fruchthalle-2020.yaml", "--format", "ics", "--week", "12"], "week 12 is outside the series"),
        (["plan", "export", "Schedules/fruchthalle-2020.yaml", "--format", "ics", "--channel", "youtub"],
         "no channel `youtub` in this programme; did you mean `youtube`?"),
        (["plan", "free", "Schedules/fruchthalle-2020.yaml", "--week", "2", "--duration", "1h", "--stage", "fruchthale"], "did you mean `fruchthalle`?"),
        (["plan", "free", "Schedules/fruchthalle-2020.yaml", "--week", "2", "--duration", "1h", "--kind", "concrt"], "did you mean `concert`?"),
    ])
    func namesTheProgrammeDoesNotHaveExit65(_ arguments: [String], _ words: String) async throws {
        let result = try await CLIRunner.run(arguments)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
    }

    @Test func checkJSONCarriesEveryFindingWithItsPlace() async throws {
        let result = try await CLIRunner.run(["plan", "check", "Fixtures/programmes/checks.yaml", "--format", "json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["errors"] as? Int == 11)
        #expect(json["warnings"] as? Int == 5)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(first["rule"] as? String == "stage-overlap")
        #expect(first["severity"] as? String == "error")
        let location = try #require(first["location"] as? [String: Any])
        #expect(location["line"] as? Int == 33)
        #expect(location["column"] as? Int == 5)
        #expect(first["events"] as? [String] == ["painter", "band"])
    }

    @Test func strictTurnsWarningsIntoFailure() async throws {
        let path = Fixtures.path("programmes/checks-clean.yaml")
        #expect(try await CLIRunner.run(["plan", "check", path, "--strict"]).status == 0)
        let winter = try await CLIRunner.run(["plan", "check", "Fixtures/programmes/warnings-only.yaml"])
        #expect(winter.status == 0)
        #expect(try await CLIRunner.run(["plan", "check", "Fixtures/programmes/warnings-only.yaml", "--strict"]).status == 1)
    }

    @Test func showJSONGroupsEventsByWeek() async throws {
        let result = try await CLIRunner.run(["plan", "show", "Schedules/fruchthalle-2020.yaml", "--week", "4", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let weeks = try #require(json["weeks"] as? [[String: Any]])
        #expect(weeks.count == 1)
        #expect(weeks[0]["from"] as? String == "2020-04-13")
        let events = try #require(weeks[0]["events"] as? [[String: Any]])
        #expect(events.map { $0["date"] as? String } == ["2020-04-14", "2020-04-15", "2020-04-16", "2020-04-17"])
        // Nahe TV carries the series from 14 April on.
        #expect((events[0]["channels"] as? [String])?.contains("nahe-tv") == true)
    }

    @Test func showTextIsReadable() async throws {
        let result = try await CLIRunner.run(["plan", "show", "Schedules/fruchthalle-2020.yaml", "--week", "1"])
        #expect(result.stdout.contains("Week 1 · Mon 2020-03-23 – Sun 2020-03-29 · 4 events"))
        #expect(result.stdout.contains("17:00–18:00  Michael Halberstadt & Tebriz Xelilov"))
    }

    @Test func freeListsSlotsAsTextAndJSON() async throws {
        let text = try await CLIRunner.run(["plan", "free", "Schedules/fruchthalle-winter-2020.yaml", "--week", "2", "--duration", "60m", "--kind", "live-painting"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("No free 1h slot in week 2."), "Christmas Eve and Day are days off: \(text.stdout)")
        let json = try await CLIRunner.run(["plan", "free", "Schedules/fruchthalle-winter-2020.yaml", "--week", "3", "--duration", "1h", "--format", "json"])
        let slots = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(slots.map { $0["date"] as? String } == ["2020-12-31"])
    }
}
