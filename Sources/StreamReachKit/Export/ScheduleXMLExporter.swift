import Foundation

/// The programme as frab's `schedule.xml`, which many conference and streaming apps still
/// read instead of the JSON (XSD: shared/schemas/schedule.xml.xsd). Built from the same
/// model as the JSON export, so both carry the same events, ids and version.
///
/// Written as text: the document is small and fixed in shape, and no XML library is in the
/// package; every value goes through `DisplayText.html`, which escapes what XML needs.
package struct ScheduleXMLExporter: Sendable {
    package let programme: Programme

    package init(programme: Programme) { self.programme = programme }

    package func export(_ filter: ProgrammeFilter = ProgrammeFilter()) throws -> String {
        let document = try ScheduleJSONExporter(programme: programme).document(filter)
        let conference = document.schedule.conference
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
        xml += "  <version>\(e(document.schedule.version))</version>\n"
        xml += "  <conference>\n"
        xml += "    <title>\(e(conference.title))</title>\n    <acronym>\(e(conference.acronym))</acronym>\n"
        xml += "    <start>\(conference.start)</start>\n    <end>\(conference.end)</end>\n"
        xml += "    <days>\(conference.daysCount)</days>\n    <timeslot_duration>\(conference.timeslot_duration)</timeslot_duration>\n"
        xml += "  </conference>\n"
        for day in conference.days {
            xml += "  <day index=\"\(day.index)\" date=\"\(day.date)\" start=\"\(day.day_start)\" end=\"\(day.day_end)\">\n"
            for (room, events) in day.rooms.sorted(by: { $0.key < $1.key }) {
                xml += "    <room name=\"\(e(room))\">\n"
                for event in events.sorted(by: { ($0.date, $0.slug) < ($1.date, $1.slug) }) { xml += self.event(event) }
                xml += "    </room>\n"
            }
            xml += "  </day>\n"
        }
        return xml + "</schedule>\n"
    }

    private func event(_ event: ScheduleDocument.Event) -> String {
        var xml = "      <event id=\"\(event.id)\" guid=\"\(event.guid)\">\n"
        let fields: [(String, String)] = [
            ("date", event.date), ("start", event.start), ("duration", event.duration), ("room", event.room),
            ("slug", event.slug), ("title", event.title), ("subtitle", event.subtitle ?? ""), ("track", event.track),
            ("type", event.type), ("language", event.language), ("abstract", event.abstract),
        ]
        for (name, value) in fields { xml += "        <\(name)>\(e(value))</\(name)>\n" }
        xml += "        <persons>\n"
        for person in event.persons { xml += "          <person>\(e(person.name))</person>\n" }
        xml += "        </persons>\n        <links>\n"
        for link in event.links { xml += "          <link href=\"\(e(link.url))\">\(e(link.title))</link>\n" }
        return xml + "        </links>\n      </event>\n"
    }

    private func e(_ text: String) -> String { DisplayText.html(text) }
}
