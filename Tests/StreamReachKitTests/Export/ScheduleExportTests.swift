import Foundation
import Testing
@testable import StreamReachKit

@Suite struct ScheduleExportTests {
    @Test(.enabled { await PythonValidator.available() }, arguments: ["fruchthalle-2020.yaml", "fruchthalle-winter-2020.yaml"])
    func validatesAgainstTheC3VOCSchemaWithFormatChecks(_ name: String) async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule(name))
        let json = try ScheduleJSONExporter(programme: programme).export()
        let path = try ScratchFolder.file(json, suffix: ".json")
        let result = try await PythonValidator.script("check_schedule_json.py", PythonValidator.scheduleSchema, path)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func aBrokenDocumentFailsTheValidator() async throws {
        guard await PythonValidator.available() else { return }
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml"))
        let json = try ScheduleJSONExporter(programme: programme).export().replacingOccurrences(of: "\"duration\" : \"01:00\"", with: "\"duration\" : \"1h\"")
        let path = try ScratchFolder.file(json, suffix: ".json")
        let result = try await PythonValidator.script("check_schedule_json.py", PythonValidator.scheduleSchema, path)
        #expect(result.status == 1)
        #expect(result.output.contains("does not match"))
    }

    @Test func theShapeCarriesTimesLinksAndStableGUIDs() async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml"))
        let json = try ScheduleJSONExporter(programme: programme).export(ProgrammeFilter(week: 1))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let conference = try #require((object["schedule"] as? [String: Any])?["conference"] as? [String: Any])
        #expect(conference["acronym"] as? String == "fruchthalle_2020")
        let days = try #require(conference["days"] as? [[String: Any]])
        #expect(days.count == 4)
        let events = try #require((days[0]["rooms"] as? [String: [[String: Any]]])?["Fruchthalle, großer Saal"])
        let first = try #require(events.first)
        #expect(first["date"] as? String == "2020-03-24T17:00:00+01:00")
        #expect(first["duration"] as? String == "01:00")
        #expect(first["guid"] as? String == "a7da2483-cf78-5bbe-a391-274d1f57104b")
        let links = try #require(first["links"] as? [[String: Any]])
        #expect(links.map { $0["type"] as? String } == ["media", "media"])
        #expect(links.first?["url"] as? String == "https://www.youtube.com/watch?v=krauJecXeGS")
        // After the switch to summer time the offset follows.
        let later = try ScheduleJSONExporter(programme: programme).export(ProgrammeFilter(week: 2))
        #expect(later.contains("\"date\" : \"2020-03-31T17:00:00+02:00\""))
    }

    @Test func theProgrammePageIsSelfContainedAndEscaped() async throws {
        var programme = try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml"))
        programme.events[0].title = "<script>alert(1)</script>"
        programme.events[0].performers = ["=HYPERLINK(\"x\")", "Tom & Jerry"]
        let html = ProgrammePageExporter(programme: programme).export()
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Tom &amp; Jerry"))
        for forbidden in ["<link", "<img", "src=", "@import"] { #expect(!html.contains(forbidden)) }
        #expect(html.contains("<h2>Week 8"))
    }

    /// schedule.xml is valid against frab's XSD, checked by xmllint as apps' tools do.
    @Test(arguments: ["fruchthalle-2020.yaml", "fruchthalle-winter-2020.yaml"])
    func scheduleXMLValidatesAgainstTheXSD(_ name: String) async throws {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule(name))
        let xml = try ScheduleXMLExporter(programme: programme).export()
        let path = try ScratchFolder.file(xml, suffix: ".xml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, output) = try await Tool.run("/usr/bin/xmllint", ["--noout", "--schema", PythonValidator.scheduleXSD, path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("validates"), "\(output)")
        #expect(xml.components(separatedBy: "<event id=").count - 1 == programme.events.count)
    }

    /// The version changes whenever the programme does (apps reload on it), and only then;
    /// JSON and XML carry the same one. Titles' language follows the programme.
    @Test func theVersionFollowsTheContentAndTheLanguageTheProgramme() async throws {
        let original = try String(contentsOfFile: Fixtures.schedule("fruchthalle-2020.yaml"), encoding: .utf8)
        func version(_ text: String) throws -> (json: String, xml: String) {
            let programme = try ProgrammeLoader.parse(text, file: "p.yaml")
            let json = try ScheduleJSONExporter(programme: programme).export()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let xml = try ScheduleXMLExporter(programme: programme).export()
            let xmlVersion = xml.components(separatedBy: "<version>")[1].components(separatedBy: "</version>")[0]
            return (try #require((object["schedule"] as? [String: Any])?["version"] as? String), xmlVersion)
        }
        let before = try version(original)
        #expect(before.json == before.xml)
        #expect(try version(original).json == before.json, "the same programme, the same version")
        let moved = original.replacingOccurrences(of: "start: 2020-05-14 17:00", with: "start: 2020-05-14 18:00")
        #expect(moved != original)
        #expect(try version(moved).json != before.json, "a changed start time gives a new version")

        let english = original.replacingOccurrences(of: "  target: 100000\n", with: "  target: 100000\n  language: en\n")
        let programme = try ProgrammeLoader.parse(english, file: "p.yaml")
        #expect(try ScheduleJSONExporter(programme: programme).export().contains("\"language\" : \"en\""))
        #expect(try ScheduleXMLExporter(programme: programme).export().contains("<language>en</language>"))
        #expect(ProgrammePageExporter(programme: programme).export().contains("<html lang=\"en\">"))
    }
}
