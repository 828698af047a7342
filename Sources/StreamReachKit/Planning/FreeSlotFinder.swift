/// A slot where an event could be placed without breaking the series' rules.
package struct FreeSlot: Sendable, Hashable, Codable {
    package let stage: String
    package let date: LocalDate
    package let start: LocalTime
    package let end: LocalTime
    package let weekday: Weekday
}

/// Finds the free slots of one programme week for an event of a given length and kind.
package struct FreeSlotFinder: Sendable {
    package let programme: Programme
    /// Step between candidate starts when the series has an hours window instead of start times.
    package var stepMinutes = 30

    package init(programme: Programme) { self.programme = programme }

    /// Slots in `week` on every stage (or only `stage`) that respect the series' days, start
    /// times or hours, and the changeover buffers to the events around them.
    package func freeSlots(week: Int, durationMinutes: Int, kind: String?, stage: String? = nil) -> [FreeSlot] {
        let series = programme.series
        let rules = programme.slotRules
        let kind = kind ?? ""
        let stages = programme.stages.map(\.id).filter { stage == nil || $0 == stage }
        let days = series.days(ofWeek: week).filter { series.contains($0) && rules.allows($0) }
        let starts = candidateStarts(durationMinutes: durationMinutes)
        // The events that could conflict: on the week's days, or running into them.
        let weekStart = (days.first?.dayNumber ?? 0) * 1440 - 1440
        let weekEnd = ((days.last?.dayNumber ?? 0) + 2) * 1440
        let nearby = Dictionary(grouping: programme.events.filter {
            $0.end.minuteNumber >= weekStart && $0.start.minuteNumber <= weekEnd
        }, by: \.stage)

        var slots: [FreeSlot] = []
        for stageID in stages {
            let events = nearby[stageID] ?? []
            for day in days {
                for start in starts {
                    let begin = LocalDateTime(date: day, time: start).minuteNumber
                    let finish = begin + durationMinutes
                    let clear = events.allSatisfy { event in
                        let buffer = programme.changeover.minutes(between: event.kind, and: kind)
                        return finish + buffer <= event.start.minuteNumber || begin >= event.end.minuteNumber + buffer
                    }
                    if clear {
                        slots.append(FreeSlot(stage: stageID, date: day, start: start,
                                              end: LocalTime(minutes: (start.minutes + durationMinutes) % 1440),
                                              weekday: day.weekday))
                    }
                }
            }
        }
        return slots.sorted { ($0.date, $0.start, $0.stage) < ($1.date, $1.start, $1.stage) }
    }

    private func candidateStarts(durationMinutes: Int) -> [LocalTime] {
        let rules = programme.slotRules
        let window = rules.hours ?? LocalTime(minutes: 0)...LocalTime(minutes: 1440)
        if !rules.startTimes.isEmpty {
            return rules.startTimes.filter { $0 >= window.lowerBound && $0.minutes + durationMinutes <= window.upperBound.minutes }
        }
        return stride(from: window.lowerBound.minutes, through: window.upperBound.minutes - durationMinutes, by: stepMinutes)
            .map(LocalTime.init(minutes:))
    }
}
