extension ProgrammeChecker {
    /// Events on one stage too close together, counting the changeover the stage needs.
    ///
    /// Sweep per stage in start order. The gap needed between an earlier event `p` and the
    /// next event `e` is max(buffer(p), buffer(e)), so `e` is clear of every earlier event iff
    /// e.start ≥ max over p of (p.end + buffer(p)) and e.start ≥ max over p of p.end + buffer(e).
    /// Two running maxima give that exactly, in one pass.
    func stageOverlaps(_ programme: Programme) -> [Finding] {
        let changeover = programme.changeover
        var findings: [Finding] = []
        let events = programme.events
        // Indices, not copies, here and below: an event is a large value whose copy retains
        // each of its parts, and this runs over every one.
        let byStage = Dictionary(grouping: events.indices.filter { events[$0].durationMinutes > 0 }) { events[$0].stage }
        for (_, indices) in byStage {
            var latestEnd: Int?
            var latestEndWithBuffer: (index: Int, minute: Int)?
            for index in indices.sorted(by: { Event.startOrder(events[$0], events[$1]) }) {
                let start = events[index].start.minuteNumber
                let end = events[index].end.minuteNumber
                let ownBuffer = changeover.minutes(for: events[index].kind)
                var clash: Int?
                if let previous = latestEnd, start < events[previous].end.minuteNumber + ownBuffer {
                    clash = previous
                } else if let previous = latestEndWithBuffer, start < previous.minute {
                    clash = previous.index
                }
                if let clash {
                    findings.append(stageFinding(events[index], events[clash], changeover))
                }
                if latestEnd.map({ end > events[$0].end.minuteNumber }) ?? true { latestEnd = index }
                let withBuffer = end + ownBuffer
                if latestEndWithBuffer.map({ withBuffer > $0.minute }) ?? true {
                    latestEndWithBuffer = (index, withBuffer)
                }
            }
        }
        return findings
    }

    /// A performer booked into two events at the same time (on any stage).
    func performerOverlaps(_ programme: Programme) -> [Finding] {
        let events = programme.events
        var byPerformer: [String: [(name: String, index: Int)]] = [:]
        for (index, event) in events.enumerated() where event.durationMinutes > 0 {
            for name in Set(event.performers) {
                byPerformer[PerformerName.normalised(name), default: []].append((name, index))
            }
        }
        var findings: [Finding] = []
        for (_, bookings) in byPerformer where bookings.count > 1 {
            var latest: Int?
            for booking in bookings.sorted(by: { Event.startOrder(events[$0.index], events[$1.index]) }) {
                let index = booking.index
                if let previousIndex = latest, events[index].start < events[previousIndex].end {
                    let event = events[index], previous = events[previousIndex]
                    findings.append(Finding(
                        .performerOverlap, at: event.locations.event,
                        "\(booking.name) is also in `\(previous.id)` (\(previous.start.time)–\(previous.end.time) on \(previous.start.date.iso), line \(previous.locations.event.line))",
                        events: [event.id, previous.id]))
                }
                if latest.map({ events[index].end > events[$0].end }) ?? true { latest = index }
            }
        }
        return findings
    }

    private func stageFinding(_ event: Event, _ previous: Event, _ changeover: ChangeoverRules) -> Finding {
        let gap = event.start.minuteNumber - previous.end.minuteNumber
        let needed = changeover.minutes(between: previous.kind, and: event.kind)
        let message: String
        if gap < 0 {
            message = "overlaps `\(previous.id)` on stage `\(event.stage)` (\(previous.start.time)–\(previous.end.time), line \(previous.locations.event.line))"
        } else {
            message = "starts \(DurationText.text(minutes: gap)) after `\(previous.id)` ends on stage `\(event.stage)`; a \(previous.kind) → \(event.kind) changeover needs \(DurationText.text(minutes: needed))"
        }
        return Finding(.stageOverlap, at: event.locations.event, message, events: [event.id, previous.id])
    }
}
