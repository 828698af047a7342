/// A series of livestreams as its programme file describes it: the rules its slots follow,
/// where it plays, where it is streamed and broadcast, and its events.
package struct Programme: Sendable {
    package var series: Series
    package var slotRules: SlotRules
    package var changeover: ChangeoverRules
    /// Built-in kinds plus those the file adds.
    package var kinds: Set<String>
    package var stages: [Stage]
    package var channels: [Channel]
    package var events: [Event]
    /// Currency and payout rule of donations (`donations:`).
    package var donations = DonationRules()
    /// The file the programme was read from, for messages.
    package var file: String

    package init(series: Series, slotRules: SlotRules, changeover: ChangeoverRules, kinds: Set<String>, stages: [Stage],
                 channels: [Channel], events: [Event], donations: DonationRules = DonationRules(), file: String) {
        self.series = series
        self.slotRules = slotRules
        self.changeover = changeover
        self.kinds = kinds
        self.stages = stages
        self.channels = channels
        self.events = events
        self.donations = donations
        self.file = file
    }

    package func channel(id: String) -> Channel? { channels.first { $0.id == id } }
    package func stage(id: String) -> Stage? { stages.first { $0.id == id } }

    /// Kinds every programme knows without declaring them.
    package static let builtInKinds: Set<String> = ["concert", "reading", "cabaret", "live-painting", "talk"]
}

/// The series as a whole: what, where, when and the reach it aims for.
package struct Series: Sendable {
    package var id: String
    package var title: String
    package var venue: String?
    package var timeZone: String
    package var firstDay: LocalDate
    package var weeks: Int
    package var target: Int
    /// The series' public page, if it has one.
    package var url: String?
    /// Language of the streams (for schedule exports), default `de`.
    package var language: String

    /// Monday of programme week 1: weeks are ISO weeks, Monday to Sunday.
    package var firstMonday: LocalDate { firstDay.mondayOfWeek }

    /// The last day the series may use: Sunday of its last week.
    package var lastDay: LocalDate { firstMonday.adding(days: weeks * 7 - 1) }

    /// Programme week (1-based) of a date; 0 or less before the series, above `weeks` after it.
    package func week(of date: LocalDate) -> Int {
        (date.dayNumber - firstMonday.dayNumber).floorDiv(7) + 1
    }

    package func days(ofWeek week: Int) -> [LocalDate] {
        let monday = firstMonday.adding(days: (week - 1) * 7)
        return (0..<7).map { monday.adding(days: $0) }
    }

    package func contains(_ date: LocalDate) -> Bool { date >= firstDay && date <= lastDay }
}

/// When the series allows events to take place.
package struct SlotRules: Sendable {
    package var days: Set<Weekday>
    /// Dates allowed although their weekday is not ("plus selected dates").
    package var extraDates: Set<LocalDate>
    /// Dates the series does not play although their weekday is allowed (a holiday), with
    /// the reason when the file gives one.
    package var daysOff: [LocalDate: String] = [:]
    /// Start times events must use; empty means any start inside `hours`.
    package var startTimes: [LocalTime]
    /// The window events must lie in (start inclusive, end inclusive); nil means all day.
    package var hours: ClosedRange<LocalTime>?
    package var defaultDuration: Int

    package func allows(_ date: LocalDate) -> Bool {
        daysOff[date] == nil && (days.contains(date.weekday) || extraDates.contains(date))
    }
}

/// Time a stage needs between two events, by kind of act.
package struct ChangeoverRules: Sendable {
    package var defaultMinutes: Int
    package var minutesByKind: [String: Int]

    package func minutes(for kind: String) -> Int { minutesByKind[kind] ?? defaultMinutes }

    /// The gap needed between two neighbouring events: the larger need of the two kinds,
    /// because the slower set-up or tear-down decides.
    package func minutes(between first: String, and second: String) -> Int {
        max(minutes(for: first), minutes(for: second))
    }
}

package struct Stage: Sendable, Hashable {
    package var id: String
    package var name: String
    /// Where the file defines it, for messages.
    package var location: SourceLocation?

    package init(id: String, name: String, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.location = location
    }
}
