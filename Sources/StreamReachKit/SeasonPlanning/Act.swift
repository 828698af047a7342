/// An act waiting for a slot: one entry of an act pool, which `plan fill` places into the
/// series and `plan replan` moves or adds.
package struct Act: Sendable {
    package var id: String
    package var title: String
    package var kind: String
    package var genre: String?
    package var performers: [String]
    package var durationMinutes: Int
    /// Stage time the act needs before its start and after its end, on top of the
    /// changeover its kind needs (a grand piano to tune, a painting wall to clear).
    package var setupMinutes: Int
    package var teardownMinutes: Int
    package var availability: ActAvailability
    /// Dates the act would rather play; missing them costs ``WishWeights/preferredDate``.
    package var preferredDates: Set<LocalDate>
    /// Stages it can use; empty means any stage of the programme.
    package var stages: [String]
    /// Channels it must go out on: it plays only on days they carry the series.
    package var requiredChannels: [String]
    /// Channels it must not go out on: a broadcast channel carries a whole day, so the act
    /// plays only on days that channel is off air; a platform channel gets no stream.
    package var excludedChannels: [String]
    /// A fixed slot: the act plays there or not at all, and a re-plan never moves it.
    package var pin: LocalDateTime?
    /// Where the pool lists it, for messages.
    package var location: SourceLocation

    package init(id: String, title: String, kind: String, genre: String? = nil, performers: [String] = [],
                 durationMinutes: Int, setupMinutes: Int = 0, teardownMinutes: Int = 0,
                 availability: ActAvailability = ActAvailability(), preferredDates: Set<LocalDate> = [],
                 stages: [String] = [], requiredChannels: [String] = [], excludedChannels: [String] = [],
                 pin: LocalDateTime? = nil, location: SourceLocation) {
        self.id = id
        self.title = title
        self.kind = kind
        self.genre = genre
        self.performers = performers
        self.durationMinutes = durationMinutes
        self.setupMinutes = setupMinutes
        self.teardownMinutes = teardownMinutes
        self.availability = availability
        self.preferredDates = preferredDates
        self.stages = stages
        self.requiredChannels = requiredChannels
        self.excludedChannels = excludedChannels
        self.pin = pin
        self.location = location
    }
}

/// The days an act can play: given weekdays and dates (either, both, or neither for any
/// day), minus the exceptions.
package struct ActAvailability: Sendable, Hashable {
    package var weekdays: Set<Weekday>?
    package var dates: Set<LocalDate>
    package var except: Set<LocalDate>

    package init(weekdays: Set<Weekday>? = nil, dates: Set<LocalDate> = [], except: Set<LocalDate> = []) {
        self.weekdays = weekdays
        self.dates = dates
        self.except = except
    }

    package var isUnrestricted: Bool { weekdays == nil && dates.isEmpty && except.isEmpty }

    package func allows(_ date: LocalDate) -> Bool {
        if except.contains(date) { return false }
        if weekdays == nil, dates.isEmpty { return true }
        return weekdays?.contains(date.weekday) == true || dates.contains(date)
    }

    /// "Mondays", "Tue, Wed", "2020-12-15, 2020-12-18" or both: for reasons a planner reads.
    package var summary: String {
        var parts: [String] = []
        if let weekdays {
            let days = Weekday.allCases.filter(weekdays.contains)
            parts.append(days.count == 1 ? "\(days[0].rawValue.capitalized)s" : days.map(\.shortName).joined(separator: ", "))
        }
        if !dates.isEmpty {
            let sorted = dates.sorted()
            parts.append(sorted.prefix(4).map(\.iso).joined(separator: ", ") + (sorted.count > 4 ? " and \(sorted.count - 4) more dates" : ""))
        }
        return parts.isEmpty ? "any day" : parts.joined(separator: " and ")
    }
}

/// Acts to place, as read from an act pool file.
package struct ActPool: Sendable {
    package var acts: [Act]
    package var file: String

    package init(acts: [Act], file: String) {
        self.acts = acts
        self.file = file
    }

    package func act(id: String) -> Act? { acts.first { $0.id == id } }
}
