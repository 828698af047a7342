/// Which events an export includes: all, or those of one week, stage, channel or performer.
package struct ProgrammeFilter: Sendable {
    package var week: Int?
    package var stage: String?
    package var channel: String?
    package var performer: String?

    package init(week: Int? = nil, stage: String? = nil, channel: String? = nil, performer: String? = nil) {
        self.week = week
        self.stage = stage
        self.channel = channel
        self.performer = performer
    }

    /// The matching events in start order.
    package func events(of programme: Programme) -> [Event] {
        let performer = performer.map(PerformerName.normalised)
        return programme.events.filter { event in
            if let week, programme.series.week(of: event.start.date) != week { return false }
            if let stage, event.stage != stage { return false }
            if let channel, !programme.channels(carrying: event).contains(where: { $0.id == channel }) { return false }
            if let performer, !event.performers.map(PerformerName.normalised).contains(performer) { return false }
            return true
        }.sorted(by: Event.startOrder)
    }
}
