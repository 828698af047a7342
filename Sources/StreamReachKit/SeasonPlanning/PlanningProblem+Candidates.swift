extension PlanningProblem {
    /// Every placement the act of item `index` may take on its own: the series' days and
    /// start times, its availability, stages and channels, clear of the fixed events. Or
    /// the first of those rules that leaves nothing, as the reason.
    func candidates(for index: Int, fixed: [Int]) -> Result<[Placement], UnplaceableReason> {
        let item = items[index]
        guard let act = item.act else { return .failure(UnplaceableReason("not described by the act pool")) }
        let rules = programme.slotRules
        let days: [LocalDate]
        do { days = try playableDays(for: act).get() } catch { return .failure(error) }
        let fitting = starts.filter { start in
            guard let hours = rules.hours else { return true }
            return start >= hours.lowerBound.minutes && start + act.durationMinutes <= hours.upperBound.minutes
        }
        if fitting.isEmpty, let hours = rules.hours {
            return .failure(UnplaceableReason("runs \(DurationText.text(minutes: act.durationMinutes)); no allowed start keeps it inside the series' hours \(hours.lowerBound)–\(hours.upperBound)"))
        }
        let stageIndices = act.stages.isEmpty
            ? Array(programme.stages.indices)
            : act.stages.compactMap { id in programme.stages.firstIndex { $0.id == id } }

        var placements: [Placement] = []
        if let pin = act.pin {
            let stage = stageIndices.count == 1 || programme.stages.count == 1 ? stageIndices.first : nil
            guard let stage else { return .failure(UnplaceableReason("pinned without a stage")) }
            guard days.contains(pin.date) else {
                return .failure(UnplaceableReason("pinned to \(pin), a day it cannot play: \(dayProblem(pin.date, act))"))
            }
            guard fitting.contains(pin.time.minutes) else {
                return .failure(UnplaceableReason("pinned to \(pin); the series allows starts at \(fitting.map { LocalTime(minutes: $0).description }.joined(separator: ", "))"))
            }
            placements = [Placement(stage: stage, start: pin.minuteNumber)]
        } else {
            placements.reserveCapacity(days.count * fitting.count * stageIndices.count)
            for day in days {
                for start in fitting {
                    for stage in stageIndices {
                        placements.append(Placement(stage: stage, start: day.dayNumber * 1440 + start))
                    }
                }
            }
        }
        return clear(placements, of: item, from: fixed)
    }

    /// The days the act may play: the series' playing days that its availability allows,
    /// that every channel it must go out on carries and no broadcast it must avoid does.
    private func playableDays(for act: Act) -> Result<[LocalDate], UnplaceableReason> {
        let series = programme.series
        let rules = programme.slotRules
        guard !playingDays.isEmpty else { return .failure(UnplaceableReason("the series has no day it plays")) }

        var days = playingDays.filter(act.availability.allows)
        if days.isEmpty {
            let inSeries = seriesDays.filter(act.availability.allows)
            if inSeries.isEmpty {
                return .failure(UnplaceableReason("available only on \(act.availability.summary); the series runs \(series.firstDay.iso) to \(series.lastDay.iso)"))
            }
            let off = inSeries.compactMap { day in rules.daysOff[day].map { "\(day.iso)\($0.isEmpty ? "" : " (\($0))")" } }
            let playsOn = Weekday.allCases.filter(rules.days.contains).map(\.shortName).joined(separator: ", ")
            let offNote = off.isEmpty ? "" : "; \(off.prefix(3).joined(separator: ", ")) \(off.count == 1 ? "is a day" : "are days") off"
            return .failure(UnplaceableReason("available only on \(act.availability.summary); the series plays \(playsOn)\(offNote)"))
        }
        for channelID in act.requiredChannels {
            guard let channel = programme.channel(id: channelID) else { continue }
            days = days.filter(channel.carries(on:))
            if days.isEmpty {
                return .failure(UnplaceableReason("must go out on `\(channelID)`, which carries the series \(window(channel)); the act can play on none of those days"))
            }
        }
        for channelID in act.excludedChannels {
            guard let channel = programme.channel(id: channelID), channel.sort == .broadcast else { continue }
            days = days.filter { !channel.carries(on: $0) }
            if days.isEmpty {
                return .failure(UnplaceableReason("must not go out on `\(channelID)`, which broadcasts every day the act can play (\(window(channel)))"))
            }
        }
        return .success(days)
    }

    /// The placements that clash with none of the events that stay, or the ones they clash with.
    private func clear(_ placements: [Placement], of item: PlanItem, from fixed: [Int]) -> Result<[Placement], UnplaceableReason> {
        var blockers: [Int] = []
        let clear = placements.filter { placement in
            let blocker = fixed.first { other in
                items[other].current.map { PlanItem.clash(item, at: placement, items[other], at: $0) } ?? false
            }
            if let blocker, !blockers.contains(blocker) { blockers.append(blocker) }
            return blocker == nil
        }
        if clear.isEmpty {
            let names = blockers.prefix(3).map { describe(items[$0]) }.joined(separator: ", ")
            return .failure(UnplaceableReason("every slot open to it (\(placements.count)) clashes with events that stay: \(names)\(blockers.count > 3 ? " and \(blockers.count - 3) more" : "")"))
        }
        return .success(clear)
    }

    /// `` `id` (Tue 2020-12-15 17:00, stage) ``
    func describe(_ item: PlanItem) -> String {
        guard let at = item.current else { return "`\(item.id)`" }
        return "`\(item.id)` (\(at.startTime.date.weekday.shortName) \(at.startTime)\(programme.stages.count > 1 ? ", \(stageID(at))" : ""))"
    }

    private func window(_ channel: Channel) -> String {
        switch (channel.from, channel.until) {
        case (let from?, let until?): return "only from \(from.iso) until \(until.iso)"
        case (let from?, nil): return "only from \(from.iso)"
        case (nil, let until?): return "only until \(until.iso)"
        case (nil, nil): return "on every day"
        }
    }

    private func dayProblem(_ date: LocalDate, _ act: Act) -> String {
        let rules = programme.slotRules
        if !programme.series.contains(date) { return "outside the series" }
        if let reason = rules.daysOff[date] { return "a day off\(reason.isEmpty ? "" : " (\(reason))")" }
        if !rules.allows(date) { return "the series does not play on \(date.weekday.rawValue.capitalized)s" }
        if !act.availability.allows(date) { return "the act is available only on \(act.availability.summary)" }
        return "a channel rule of the act excludes it"
    }
}
