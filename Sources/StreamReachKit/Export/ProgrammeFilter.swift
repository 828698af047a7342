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
        let performer = performer.map(ProgrammeChecker.normalised)
        return programme.events.filter { event in
            if let week, programme.series.week(of: event.start.date) != week { return false }
            if let stage, event.stage != stage { return false }
            if let channel, !ExportChannels.carrying(event, in: programme).contains(where: { $0.id == channel }) { return false }
            if let performer, !event.performers.map(ProgrammeChecker.normalised).contains(performer) { return false }
            return true
        }.sorted(by: ProgrammeChecker.startOrder)
    }
}

/// The channels an event can be watched on: platform channels it has a stream id for, and
/// broadcast channels on air that day.
package enum ExportChannels {
    package static func carrying(_ event: Event, in programme: Programme) -> [Channel] {
        programme.channels.filter { channel in
            channel.sort == .platform
                ? event.streams[channel.id] != nil && channel.carries(on: event.start.date)
                : channel.carries(on: event.start.date)
        }
    }

    /// Links to watch the event, one per platform channel that has a watch URL.
    package static func links(_ event: Event, in programme: Programme) -> [(title: String, url: String)] {
        carrying(event, in: programme).compactMap { channel in
            guard channel.sort == .platform, let id = event.streams[channel.id], let url = channel.watchURL(streamID: id) else { return nil }
            return (channel.name, url)
        }
    }
}
