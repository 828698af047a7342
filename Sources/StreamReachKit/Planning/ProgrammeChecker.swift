/// Checks a programme against its own rules and reports every ``Finding``.
///
/// Every rule is a sort plus one sweep (or a single pass), so a programme of 10,000 events
/// checks in milliseconds; nothing compares all pairs of events.
package struct ProgrammeChecker: Sendable {
    package init() {}

    package func check(_ programme: Programme) -> [Finding] {
        var findings: [Finding] = []
        findings += duplicateIDs(programme)
        findings += references(programme)
        findings += calendar(programme)
        findings += stageOverlaps(programme)
        findings += performerOverlaps(programme)
        return findings.sorted(by: Self.reportOrder)
    }

    /// File order, then errors before warnings, then rule id: stable output for diffs and tests.
    static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.line, a.location.column, a.severity == .error ? 0 : 1, a.rule.rawValue)
            < (b.location.line, b.location.column, b.severity == .error ? 0 : 1, b.rule.rawValue)
    }

    private func duplicateIDs(_ programme: Programme) -> [Finding] {
        // The first use's line, not the event: copying an event into the table retained each
        // of its parts, a twentieth of checking a 10,000-event programme.
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(programme.events.count)
        var findings: [Finding] = []
        for event in programme.events {
            if let line = firstLine[event.id] {
                findings.append(Finding(.duplicateID, at: event.locations.event,
                                        "event id `\(event.id)` is already used at line \(line); ids must be unique",
                                        events: [event.id]))
            } else {
                firstLine[event.id] = event.locations.event.line
            }
        }
        return findings
    }

    private func references(_ programme: Programme) -> [Finding] {
        let stages = Set(programme.stages.map(\.id))
        let channels = Dictionary(programme.channels.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let platformChannels = programme.channels.filter { $0.sort == .platform }
        var findings: [Finding] = []
        for event in programme.events {
            let ids = [event.id]
            if !programme.kinds.contains(event.kind) {
                findings.append(Finding(.unknownKind, at: event.locations.kind,
                                        "unknown kind `\(event.kind)`\(hint(event.kind, programme.kinds.sorted()))",
                                        events: ids))
            }
            if !stages.contains(event.stage) {
                findings.append(Finding(.unknownStage, at: event.locations.stage,
                                        "unknown stage `\(event.stage)`\(hint(event.stage, stages.sorted()))",
                                        events: ids))
            }
            if event.durationMinutes <= 0 {
                findings.append(Finding(.nonPositiveDuration, at: event.locations.duration,
                                        "duration is \(DurationText.text(minutes: event.durationMinutes)); it must be positive",
                                        events: ids))
            }
            for (channelID, location) in event.locations.streams.sorted(by: { $0.key < $1.key }) {
                if channels[channelID] == nil {
                    findings.append(Finding(.unknownChannel, at: location,
                                            "unknown channel `\(channelID)`\(hint(channelID, channels.keys.sorted()))",
                                            events: ids))
                }
            }
            for channel in platformChannels where channel.carries(on: event.start.date) && event.streams[channel.id] == nil {
                findings.append(Finding(.missingStreamID, at: event.locations.event,
                                        "no stream id for platform channel `\(channel.id)`; its views cannot be collected",
                                        events: ids))
            }
        }
        return findings
    }

    private func calendar(_ programme: Programme) -> [Finding] {
        let series = programme.series
        let rules = programme.slotRules
        let allowedStarts = Set(rules.startTimes)
        var findings: [Finding] = []
        for event in programme.events {
            let ids = [event.id]
            let date = event.start.date
            guard series.contains(date) else {
                findings.append(Finding(.outsideSeries, at: event.locations.start,
                                        "starts \(date.iso), outside the series (\(series.firstDay.iso) to \(series.lastDay.iso), \(series.weeks) weeks)",
                                        events: ids))
                continue
            }
            if let reason = rules.daysOff[date] {
                findings.append(Finding(.dayNotAllowed, at: event.locations.start,
                                        "on \(date.iso), a day off in `slots.days-off`\(reason.isEmpty ? "" : " (\(reason))")",
                                        events: ids))
            } else if !rules.allows(date) {
                let allowed = Weekday.allCases.filter(rules.days.contains).map(\.shortName).joined(separator: ", ")
                findings.append(Finding(.dayNotAllowed, at: event.locations.start,
                                        "on a \(date.weekday.rawValue.capitalized); the series plays on \(allowed)",
                                        events: ids))
            }
            let startTime = event.start.time
            if !allowedStarts.isEmpty, !allowedStarts.contains(startTime) {
                findings.append(Finding(.timeNotAllowed, at: event.locations.start,
                                        "starts at \(startTime); allowed start times are \(rules.startTimes.map(\.description).joined(separator: ", "))",
                                        events: ids))
            } else if let hours = rules.hours,
                      startTime < hours.lowerBound || startTime.minutes + event.durationMinutes > hours.upperBound.minutes {
                findings.append(Finding(.timeNotAllowed, at: event.locations.start,
                                        "runs \(startTime)–\(event.end.time), outside the series' hours \(hours.lowerBound)–\(hours.upperBound)",
                                        events: ids))
            }
        }
        return findings
    }

    private func hint(_ word: String, _ candidates: [String]) -> String {
        if let nearest = KeySuggestion.nearest(to: word, among: candidates) { return "; did you mean `\(nearest)`?" }
        return candidates.isEmpty ? "" : "; known: \(candidates.joined(separator: ", "))"
    }
}
