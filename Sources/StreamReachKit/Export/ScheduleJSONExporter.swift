import Foundation

/// The programme in the c3voc/frab `schedule.json` format that conference apps and
/// streaming tools read (schema: shared/schemas/c3voc-schedule.schema.json).
package struct ScheduleJSONExporter: Sendable {
    package let programme: Programme

    package init(programme: Programme) { self.programme = programme }

    package func export(_ filter: ProgrammeFilter = ProgrammeFilter()) throws -> String {
        try JSONOutput.encode(document(filter)) + "\n"
    }

    /// The schedule as the format's model, shared by the JSON and the XML exports.
    func document(_ filter: ProgrammeFilter = ProgrammeFilter()) throws -> ScheduleDocument {
        let series = programme.series
        let events = filter.events(of: programme)
        let zone = TimeZoneConverter(identifier: series.timeZone)
        let byDay = Dictionary(grouping: events, by: \.start.date)
        let days = byDay.keys.sorted().enumerated().map { index, date in
            let dayEvents = byDay[date] ?? []
            let rooms = Dictionary(grouping: dayEvents) { programme.stage(id: $0.stage)?.name ?? $0.stage }
                .mapValues { $0.map { scheduleEvent($0, zone: zone) } }
            return ScheduleDocument.Day(
                index: index + 1, date: date.iso,
                day_start: Self.dateTime(LocalDateTime(date: date, time: LocalTime(minutes: 0)), zone),
                day_end: Self.dateTime(LocalDateTime(date: date, time: LocalTime(minutes: 1439)), zone),
                rooms: rooms)
        }
        let kinds = Set(events.map(\.kind)).sorted()
        let conference = ScheduleDocument.Conference(
            acronym: Self.acronym(series.id), title: series.title,
            description: series.venue.map { "Livestreams from \($0)" },
            start: (events.first?.start.date ?? series.firstDay).iso, end: (events.last?.start.date ?? series.lastDay).iso,
            daysCount: days.count, timeslot_duration: "00:15", time_zone_name: series.timeZone, url: series.url,
            rooms: programme.stages.map {
                ScheduleDocument.Room(name: $0.name, slug: Self.slug($0.id), guid: ExportIdentity.uuid(series: series.id, kind: "stage", name: $0.id).uuidString.lowercased(), type: "stage")
            },
            tracks: kinds.map { ScheduleDocument.Track(name: $0, slug: Self.slug($0)) },
            days: days)
        return ScheduleDocument(
            schema: "https://c3voc.de/schedule/schema.json",
            generator: .init(name: "streamreach", version: StreamReachVersion.current),
            schedule: .init(version: try Self.version(of: conference, series: series.id), base_url: series.url, conference: conference))
    }

    /// Apps reload a schedule when its version changes, so the version is taken from the
    /// content: any change of a time, duration, room, title or person gives a new one, and
    /// the same programme always the same (a hash, not a counter: nothing is stored).
    static func version(of conference: ScheduleDocument.Conference, series: String) throws -> String {
        let digest = NameBasedUUID.make(name: try JSONOutput.encode(conference)).uuidString.lowercased()
        return "\(series) \(conference.days.map { $0.rooms.values.map(\.count).reduce(0, +) }.reduce(0, +)) events, \(digest.prefix(8))"
    }

    private func scheduleEvent(_ event: Event, zone: TimeZoneConverter) -> ScheduleDocument.Event {
        let series = programme.series
        let guid = ExportIdentity.eventUUID(series: series.id, event: event.id)
        let links = programme.watchLinks(event)
        let channels = programme.channels(carrying: event).map(\.name)
        var abstract = event.performers.isEmpty ? "" : "With " + event.performers.joined(separator: ", ") + ". "
        if !channels.isEmpty { abstract += "Live on " + channels.joined(separator: ", ") + "." }
        return ScheduleDocument.Event(
            guid: guid.uuidString.lowercased(),
            id: Self.integerID(guid),
            date: Self.dateTime(event.start, zone), start: event.start.time.description, end: Self.dateTime(event.end, zone),
            duration: "\(pad(event.durationMinutes / 60, 2)):\(pad(event.durationMinutes % 60, 2))",
            room: programme.stage(id: event.stage)?.name ?? event.stage,
            slug: Self.slug("\(series.id)-\(event.id)"),
            url: links.first?.url ?? series.url ?? "urn:uuid:\(guid.uuidString.lowercased())",
            title: event.title, subtitle: event.genre, track: event.kind, type: event.kind, language: series.language,
            abstract: abstract.trimmingCharacters(in: .whitespaces), description: nil,
            persons: event.performers.map {
                ScheduleDocument.Person(name: $0, guid: ExportIdentity.uuid(series: series.id, kind: "person", name: PerformerName.normalised($0)).uuidString.lowercased())
            },
            links: links.map { ScheduleDocument.Link(type: "media", url: $0.url, title: $0.title) })
    }

    /// RFC 3339 with the zone's offset at that moment: `2020-03-24T17:00:00+01:00`.
    static func dateTime(_ local: LocalDateTime, _ zone: TimeZoneConverter) -> String {
        let offset = zone.timeZone.secondsFromGMT(for: zone.instant(local)) / 60
        let sign = offset < 0 ? "-" : "+"
        return "\(local.date.iso)T\(local.time):00\(sign)\(pad(abs(offset) / 60, 2)):\(pad(abs(offset) % 60, 2))"
    }

    /// The schema's acronym: lower-case letters, digits and underscores, at least four.
    static func acronym(_ id: String) -> String {
        let base = Slug.make(id).replacingOccurrences(of: "-", with: "_")
        return base.count >= 4 ? base : base + String(repeating: "_", count: 4 - base.count)
    }

    /// The schema's slug: `[a-z0-9_-]` ending in a letter or digit.
    static func slug(_ text: String) -> String {
        let slug = Slug.make(text)
        return slug.count >= 2 ? slug : slug + "0"
    }

    /// The deprecated integer id, still required: taken from the GUID so it is stable too.
    static func integerID(_ guid: UUID) -> Int {
        let bytes = guid.uuid
        return (Int(bytes.0) << 23 | Int(bytes.1) << 15 | Int(bytes.2) << 7 | Int(bytes.3) >> 1) + 1
    }
}

/// The schedule.json document, field names as the format spells them.
struct ScheduleDocument: Encodable {
    struct Generator: Encodable { let name: String; let version: String }
    struct Schedule: Encodable { let version: String; let base_url: String?; let conference: Conference }
    struct Conference: Encodable {
        let acronym: String
        let title: String
        let description: String?
        let start: String
        let end: String
        let daysCount: Int
        let timeslot_duration: String
        let time_zone_name: String
        let url: String?
        let rooms: [Room]
        let tracks: [Track]
        let days: [Day]
    }
    struct Room: Encodable { let name: String; let slug: String; let guid: String; let type: String }
    struct Track: Encodable { let name: String; let slug: String }
    struct Day: Encodable {
        let index: Int
        let date: String
        let day_start: String
        let day_end: String
        let rooms: [String: [Event]]
    }
    struct Event: Encodable {
        let guid: String
        let id: Int
        let date: String
        let start: String
        let end: String
        let duration: String
        let room: String
        let slug: String
        let url: String
        let title: String
        let subtitle: String?
        let track: String
        let type: String
        let language: String
        let abstract: String
        let description: String?
        let persons: [Person]
        let links: [Link]

        // subtitle and description are nullable and required or expected: encode null, not nothing.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(guid, forKey: .guid)
            try container.encode(id, forKey: .id)
            try container.encode(date, forKey: .date)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(duration, forKey: .duration)
            try container.encode(room, forKey: .room)
            try container.encode(slug, forKey: .slug)
            try container.encode(url, forKey: .url)
            try container.encode(title, forKey: .title)
            try container.encode(subtitle, forKey: .subtitle)
            try container.encode(track, forKey: .track)
            try container.encode(type, forKey: .type)
            try container.encode(language, forKey: .language)
            try container.encode(abstract, forKey: .abstract)
            try container.encode(description, forKey: .description)
            try container.encode(persons, forKey: .persons)
            try container.encode(links, forKey: .links)
        }

        enum CodingKeys: String, CodingKey {
            case guid, id, date, start, end, duration, room, slug, url, title, subtitle, track, type, language, abstract, description, persons, links
        }
    }
    struct Person: Encodable { let name: String; let guid: String }
    struct Link: Encodable { let type: String; let url: String; let title: String }

    let schema: String
    let generator: Generator
    let schedule: Schedule

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", generator, schedule
    }
}
