import Foundation

/// The programme as an RFC 5545 calendar: one VEVENT per event, times in the programme's
/// zone with its VTIMEZONE (or UTC for a UTC programme).
package struct ICalendarExporter: Sendable {
    package let programme: Programme
    /// DTSTAMP: when the calendar was made. Passed in, so exports can be reproduced.
    package let stamp: Date
    /// The calendar published before, for SEQUENCE and LAST-MODIFIED (empty: the first).
    package let previous: PublishedCalendar

    package init(programme: Programme, stamp: Date, previous: PublishedCalendar = PublishedCalendar()) {
        self.programme = programme
        self.stamp = stamp
        self.previous = previous
    }

    package func export(_ filter: ProgrammeFilter = ProgrammeFilter()) -> String {
        let series = programme.series
        let events = filter.events(of: programme)
        let converter = TimeZoneConverter(identifier: series.timeZone)
        let utc = series.timeZone == "UTC"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//StreamReach//streamreach \(StreamReachVersion.current)//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:\(ICalendarText.escape(series.title))",
            "X-WR-TIMEZONE:\(series.timeZone)",
        ]
        if !utc, let first = events.first, let last = events.last {
            lines += VTimeZoneBuilder.lines(zone: series.timeZone, from: converter.instant(first.start), to: converter.instant(last.end))
        }
        for event in events {
            lines += vevent(event, converter: converter, utc: utc)
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    private func vevent(_ event: Event, converter: TimeZoneConverter, utc: Bool) -> [String] {
        let series = programme.series
        func time(_ name: String, _ local: LocalDateTime) -> String {
            utc ? "\(name):\(Self.utcStamp(converter.instant(local)))" : "\(name);TZID=\(series.timeZone):\(Self.localStamp(local))"
        }
        let stage = programme.stage(id: event.stage)?.name ?? event.stage
        let links = programme.watchLinks(event)
        var description: [String] = []
        description.append(event.genre.map { "\(event.kind) (\($0))" } ?? event.kind)
        if !event.performers.isEmpty { description.append("With: " + event.performers.joined(separator: ", ")) }
        let channels = programme.channels(carrying: event).map(\.name)
        if !channels.isEmpty { description.append("Watch on: " + channels.joined(separator: ", ")) }
        description += links.map { "\($0.title): \($0.url)" }
        let uid = "\(ExportIdentity.eventUUID(series: series.id, event: event.id).uuidString.lowercased())@streamreach"
        let (start, end) = (time("DTSTART", event.start), time("DTEND", event.end))
        let location = ICalendarText.escape([stage, series.venue].compactMap { $0 }.joined(separator: ", "))
        let summary = ICalendarText.escape(event.title)
        // Changed since the last published feed: one more SEQUENCE, and now as LAST-MODIFIED.
        let fingerprint = PublishedCalendar.fingerprint(start: start, end: end, location: location, summary: summary)
        let published = previous.entries[uid]
        let unchanged = published?.fingerprint == fingerprint
        let sequence = unchanged ? published?.sequence ?? 0 : published.map { $0.sequence + 1 } ?? 0
        let lastModified = unchanged ? published?.lastModified ?? Self.utcStamp(stamp) : Self.utcStamp(stamp)
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(uid)",
            "DTSTAMP:\(Self.utcStamp(stamp))",
            "LAST-MODIFIED:\(lastModified.isEmpty ? Self.utcStamp(stamp) : lastModified)",
            "SEQUENCE:\(sequence)",
            start,
            end,
            "SUMMARY:\(summary)",
            "DESCRIPTION:\(ICalendarText.escape(description.joined(separator: "\n")))",
            "LOCATION:\(location)",
            "CATEGORIES:\(ICalendarText.escape(event.kind))",
            "X-STREAMREACH-FINGERPRINT:\(fingerprint)",
        ]
        if let url = links.first?.url ?? series.url { lines.append("URL:\(url)") }
        return lines + ["END:VEVENT"]
    }

    /// `20200324T170000`: a local date-time, for TZID properties and VTIMEZONE starts.
    static func localStamp(_ local: LocalDateTime) -> String {
        let (y, m, d) = local.date.components
        return "\(pad(y, 4))\(pad(m, 2))\(pad(d, 2))T\(pad(local.time.minutes / 60, 2))\(pad(local.time.minutes % 60, 2))00"
    }

    /// The same layout for an instant read as UTC wall time.
    static func localStamp(_ wall: Date) -> String {
        let seconds = Int(wall.timeIntervalSince1970)
        let local = LocalDateTime(minuteNumber: seconds.floorDiv(60))
        return localStamp(local)
    }

    /// `20200324T160000Z`.
    static func utcStamp(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970)
        let minute = LocalDateTime(minuteNumber: seconds.floorDiv(60))
        let (y, m, d) = minute.date.components
        let time = minute.time.minutes
        return "\(pad(y, 4))\(pad(m, 2))\(pad(d, 2))T\(pad(time / 60, 2))\(pad(time % 60, 2))\(pad(((seconds % 60) + 60) % 60, 2))Z"
    }
}

/// Stable identifiers for exports: the same programme and event id always give the same UUID.
package enum ExportIdentity {
    package static func eventUUID(series: String, event: String) -> UUID {
        NameBasedUUID.make(name: "streamreach:\(series):event:\(event)")
    }

    package static func uuid(series: String, kind: String, name: String) -> UUID {
        NameBasedUUID.make(name: "streamreach:\(series):\(kind):\(name)")
    }
}
