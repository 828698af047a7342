import Foundation
import Testing
@testable import StreamReachKit

@Suite struct ICalendarExportTests {
    static let stamp = ISO8601DateFormatter().date(from: "2020-03-01T08:00:00Z")!

    private func export(_ name: String = "fruchthalle-2020.yaml", _ filter: ProgrammeFilter = ProgrammeFilter()) throws -> (Programme, String) {
        let programme = try ProgrammeLoader.load(path: Fixtures.schedule(name))
        return (programme, ICalendarExporter(programme: programme, stamp: Self.stamp).export(filter))
    }

    /// Our own byte-level lint: CRLF everywhere, no line over 75 octets, continuation lines
    /// start with a space, and no UTF-8 character split across a fold.
    @Test(arguments: ["fruchthalle-2020.yaml", "fruchthalle-winter-2020.yaml"])
    func bytesFollowRFC5545(_ name: String) async throws {
        let (_, ics) = try export(name)
        let bytes = Array(ics.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at byte \(index)")
                lines.append(current)
                current = []
                index += 2
                continue
            }
            #expect(bytes[index] != 0x0A, "bare LF at byte \(index)")
            current.append(bytes[index])
            index += 1
        }
        for line in lines {
            #expect(line.count <= 75, "line of \(line.count) octets")
            // Each physical line is valid UTF-8 on its own: no character was split by folding.
            #expect(String(validating: line, as: UTF8.self) != nil)
        }
        #expect(lines.first.map { String(decoding: $0, as: UTF8.self) } == "BEGIN:VCALENDAR")
        #expect(lines.last.map { String(decoding: $0, as: UTF8.self) } == "END:VCALENDAR")
    }

    @Test func foldingNeverSplitsAMultiByteCharacter() {
        let line = "SUMMARY:" + String(repeating: "Günter Werno · ", count: 12)
        let folded = ICalendarText.fold(line)
        for physical in folded.components(separatedBy: "\r\n").dropLast() {
            #expect(physical.utf8.count <= 75)
        }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line + "\r\n")
    }

    @Test func textIsEscaped() {
        #expect(ICalendarText.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
    }

    @Test func uidsAreStableNameBasedUUIDs() async throws {
        let (_, first) = try export()
        let (_, second) = try export()
        #expect(first == second)
        // uuid.uuid5(uuid.NAMESPACE_URL, "streamreach:fruchthalle-2020:event:2020-03-24-michael-halberstadt") in Python.
        #expect(first.contains("UID:a7da2483-cf78-5bbe-a391-274d1f57104b@streamreach\r\n"))
        #expect(first.contains("DTSTAMP:20200301T080000Z\r\n"))
    }

    @Test func theZoneAndItsDaylightSavingChangeAreIncluded() async throws {
        let (_, ics) = try export()
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"))
        // 29 March 2020, 02:00 CET: clocks go forward, inside the spring programme.
        #expect(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20200329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"))
        #expect(ics.contains("DTSTART;TZID=Europe/Berlin:20200324T170000\r\n"))
    }

    @Test func filtersSelectEvents() async throws {
        let (_, week) = try export("fruchthalle-2020.yaml", ProgrammeFilter(week: 3))
        #expect(week.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
        let (_, performer) = try export("fruchthalle-2020.yaml", ProgrammeFilter(performer: "kai schumacher"))
        #expect(performer.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
        let (_, nahe) = try export("fruchthalle-2020.yaml", ProgrammeFilter(channel: "nahe-tv"))
        #expect(!nahe.contains("DTSTART;TZID=Europe/Berlin:20200407"))
        #expect(nahe.contains("DTSTART;TZID=Europe/Berlin:20200414"))
    }

    @Test(.enabled { await PythonValidator.available() }, arguments: ["fruchthalle-2020.yaml", "fruchthalle-winter-2020.yaml"])
    func independentParsersReadEveryEventBack(_ name: String) async throws {
        let (programme, ics) = try export(name)
        let expected = programme.events.map { event -> [String: String] in
            func local(_ time: LocalDateTime) -> String { "\(time.date.iso)T\(time.time)" }
            return ["uid": ExportIdentity.eventUUID(series: programme.series.id, event: event.id).uuidString.lowercased() + "@streamreach",
                    "summary": event.title, "start": local(event.start), "end": local(event.end), "zone": programme.series.timeZone]
        }
        let icsPath = try ScratchFolder.file(ics, suffix: ".ics")
        let expectedPath = try ScratchFolder.file(String(decoding: try JSONEncoder().encode(expected), as: UTF8.self), suffix: ".json")
        let result = try await PythonValidator.script("check_ics.py", icsPath, expectedPath)
        #expect(result.status == 0, "\(result.output)")
    }

    /// A changed start time reaches subscribers: the re-exported VEVENT has a higher
    /// SEQUENCE and a new LAST-MODIFIED; unchanged events keep both (they had neither).
    @Test func aChangedEventGetsAHigherSequenceAndUnchangedOnesKeepTheirs() async throws {
        let original = try String(contentsOfFile: Fixtures.schedule("fruchthalle-2020.yaml"), encoding: .utf8)
        let later = ISO8601DateFormatter().date(from: "2020-05-10T09:30:00Z")!
        let first = ICalendarExporter(programme: try ProgrammeLoader.parse(original, file: "p.yaml"), stamp: Self.stamp).export()
        let moved = original.replacingOccurrences(of: "start: 2020-05-14 17:00", with: "start: 2020-05-14 18:00")
        let second = ICalendarExporter(programme: try ProgrammeLoader.parse(moved, file: "p.yaml"), stamp: later,
                                       previous: PublishedCalendar(text: first)).export()
        let uid = ExportIdentity.eventUUID(series: "fruchthalle-2020", event: "2020-05-14-djulia").uuidString.lowercased() + "@streamreach"
        func vevent(_ ics: String, _ uid: String) -> String {
            let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
            return unfolded.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:\(uid)") } ?? ""
        }
        #expect(vevent(first, uid).contains("SEQUENCE:0\r\n"))
        let changed = vevent(second, uid)
        #expect(changed.contains("SEQUENCE:1\r\n"), "\(changed)")
        #expect(changed.contains("LAST-MODIFIED:20200510T093000Z\r\n"))
        #expect(changed.contains("DTSTART;TZID=Europe/Berlin:20200514T180000"))
        let other = ExportIdentity.eventUUID(series: "fruchthalle-2020", event: "2020-03-24-michael-halberstadt").uuidString.lowercased() + "@streamreach"
        #expect(vevent(second, other).contains("SEQUENCE:0\r\n"))
        #expect(vevent(second, other).contains("LAST-MODIFIED:20200301T080000Z\r\n"), "unchanged: the first export's time")
        // A third export of the same programme changes nothing.
        let third = ICalendarExporter(programme: try ProgrammeLoader.parse(moved, file: "p.yaml"), stamp: later.addingTimeInterval(3600),
                                      previous: PublishedCalendar(text: second)).export()
        #expect(vevent(third, uid).contains("SEQUENCE:1\r\n") && vevent(third, uid).contains("LAST-MODIFIED:20200510T093000Z"))
    }
}
