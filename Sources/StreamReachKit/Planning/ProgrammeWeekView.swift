/// The programme laid out by week, the shape `plan show` prints and `--format json` encodes.
package struct ProgrammeWeekView: Sendable, Codable {
    package struct SeriesSummary: Sendable, Codable {
        package let id: String
        package let title: String
        package let venue: String?
        package let timeZone: String
        package let firstDay: LocalDate
        package let lastDay: LocalDate
        package let weeks: Int
        package let target: Int
    }

    package struct Week: Sendable, Codable {
        package let week: Int
        package let from: LocalDate
        package let to: LocalDate
        package let events: [Item]
    }

    package struct Item: Sendable, Codable {
        package let id: String
        package let title: String
        package let kind: String
        package let genre: String?
        package let performers: [String]
        package let date: LocalDate
        package let weekday: Weekday
        package let start: LocalTime
        package let end: LocalTime
        package let durationMinutes: Int
        package let stage: String
        /// Every channel that carries the event: platform channels it has a stream id on,
        /// and broadcast channels on air that day.
        package let channels: [String]
        package let streams: [String: String]
    }

    package let series: SeriesSummary
    package let weeks: [Week]

    /// All weeks, or only `week` when given. Events outside the series' weeks are left out
    /// (`plan check` reports them).
    package init(_ programme: Programme, week: Int? = nil) {
        let series = programme.series
        self.series = SeriesSummary(
            id: series.id, title: series.title, venue: series.venue, timeZone: series.timeZone,
            firstDay: series.firstDay, lastDay: series.lastDay, weeks: series.weeks, target: series.target)
        let byWeek = Dictionary(grouping: programme.events) { series.week(of: $0.start.date) }
        let numbers = week.map { [$0] } ?? Array(1...series.weeks)
        weeks = numbers.map { number in
            let days = series.days(ofWeek: number)
            let events = (byWeek[number] ?? []).sorted(by: Event.startOrder)
            return Week(week: number, from: days[0], to: days[6], events: events.map { Self.item($0, programme) })
        }
    }

    private static func item(_ event: Event, _ programme: Programme) -> Item {
        let date = event.start.date
        let channels = programme.channels(carrying: event)
        return Item(
            id: event.id, title: event.title, kind: event.kind, genre: event.genre, performers: event.performers,
            date: date, weekday: date.weekday, start: event.start.time, end: event.end.time,
            durationMinutes: event.durationMinutes, stage: event.stage, channels: channels.map(\.id),
            streams: event.streams)
    }
}
