import Testing
@testable import StreamReachKit

@Suite struct ProgrammeTextEditorTests {
    static let text = """
        # A programme with comments everywhere.
        series: {title: T, time-zone: Europe/Berlin, first-day: 2021-03-02, weeks: 2}
        slots: {days: [tue, wed, thu], start-times: ["17:00", "20:00"]}
        stages: [{id: hall}, {id: foyer}]

        events:
          # Opening night.
          - id: opening
            title: Opening
            kind: concert
            start: "2021-03-02 17:00"   # doors at 16:30
            stage: hall
          # Second night, flow style.
          - {id: second, title: Second, kind: talk, start: 2021-03-03 17:00, stage: foyer}

          # Third night.
          - id: third
            title: Third
            kind: reading
            start: 2021-03-04 20:00
            stage: hall

        # Trailing notes stay at the end.
        """

    @Test func movesEditOnlyTheValuesAndCancelsTakeOnlyTheEventsLines() async throws {
        let programme = try ProgrammeLoader.parse(Self.text, file: "p.yaml")
        let events = Dictionary(uniqueKeysWithValues: programme.events.map { ($0.id, $0) })
        var editor = ProgrammeTextEditor(text: Self.text, programme: programme)
        editor.move(try #require(events["opening"]), to: LocalDateTime(text: "2021-03-09 20:00")!, stage: "foyer")
        editor.move(try #require(events["second"]), to: LocalDateTime(text: "2021-03-10 17:00")!, stage: "hall")
        editor.remove("third")
        let edited = try editor.result()
        #expect(edited == Self.text
            .replacingOccurrences(of: "start: \"2021-03-02 17:00\"   # doors at 16:30\n    stage: hall",
                                  with: "start: 2021-03-09 20:00   # doors at 16:30\n    stage: foyer")
            .replacingOccurrences(of: "start: 2021-03-03 17:00, stage: foyer}", with: "start: 2021-03-10 17:00, stage: hall}")
            .replacingOccurrences(of: "  - id: third\n    title: Third\n    kind: reading\n    start: 2021-03-04 20:00\n    stage: hall\n", with: ""))
        let reread = try ProgrammeLoader.parse(edited, file: "p.yaml")
        #expect(reread.events.map { "\($0.id) \($0.start) \($0.stage)" } == ["opening 2021-03-09 20:00 foyer", "second 2021-03-10 17:00 hall"])
    }

    @Test func newEventsGoAtTheEndOfTheListInItsIndentation() async throws {
        let programme = try ProgrammeLoader.parse(Self.text, file: "p.yaml")
        var editor = ProgrammeTextEditor(text: Self.text, programme: programme)
        editor.add(Self.event(id: "new", title: "Yes", performers: ["A, B", "C"], start: "2021-03-11 20:00", minutes: 90, stage: "foyer"),
                   notes: ["a note"])
        let edited = try editor.result()
        #expect(edited.contains("""
                stage: hall
              - id: new
                title: "Yes"
                kind: talk
                performers: ["A, B", C]
                start: 2021-03-11 20:00
                duration: 1h30m
                stage: foyer
                # a note

            # Trailing notes stay at the end.
            """))
        let reread = try ProgrammeLoader.parse(edited, file: "p.yaml")
        let added = try #require(reread.events.last)
        #expect(added.title == "Yes" && added.performers == ["A, B", "C"] && added.durationMinutes == 90)
    }

    @Test(arguments: ["events: []\n", "", "events: [] # none yet\n"])
    func addsToAnEmptyOrMissingList(_ events: String) async throws {
        let text = "series: {title: T, time-zone: Europe/Berlin, first-day: 2021-03-02, weeks: 1}\nstages: [{id: hall}]\n" + events
        let programme = try ProgrammeLoader.parse(text, file: "p.yaml")
        var editor = ProgrammeTextEditor(text: text, programme: programme)
        editor.add(Self.event(id: "a", title: "A"))
        let reread = try ProgrammeLoader.parse(try editor.result(), file: "p.yaml")
        #expect(reread.events.map(\.id) == ["a"])
    }

    @Test(arguments: ["Kabarett: Die Untiere", "#1 hit", "- dash", "yes", "No", "say \"hi\"", "back\\slash", "trailing ", "Ünïcödé", "12:30", "[x]", "a, b"])
    func titlesReadBackAsWritten(_ title: String) async throws {
        let text = "series: {title: T, time-zone: Europe/Berlin, first-day: 2021-03-02, weeks: 1}\nstages: [{id: hall}]\n"
        let programme = try ProgrammeLoader.parse(text, file: "p.yaml")
        var editor = ProgrammeTextEditor(text: text, programme: programme)
        editor.add(Self.event(id: "a", title: title, genre: title, performers: [title]))
        let event = try #require(try ProgrammeLoader.parse(try editor.result(), file: "p.yaml").events.first)
        #expect(event.title == title && event.genre == title && event.performers == [title])
    }

    static func event(id: String, title: String, genre: String? = nil, performers: [String] = [], start: String = "2021-03-02 17:00",
                      minutes: Int = 60, stage: String = "hall") -> Event {
        Event(id: id, title: title, kind: "talk", genre: genre, performers: performers, start: LocalDateTime(text: start)!,
              durationMinutes: minutes, stage: stage, streams: [:], locations: Event.Locations(event: SourceLocation(file: "new", line: 1, column: 1)))
    }
}
