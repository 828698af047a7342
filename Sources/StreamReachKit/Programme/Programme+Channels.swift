extension Programme {
    /// The channels an event can be watched on: the platform channels it has a stream id on
    /// that carried the series that day, and the broadcast channels on air that day. The one
    /// rule for the programme page, the exports, `plan show` and the collector.
    package func channels(carrying event: Event) -> [Channel] {
        let date = event.start.date
        return channels.filter { channel in
            channel.carries(on: date) && (channel.sort == .broadcast || event.streams[channel.id] != nil)
        }
    }

    /// Channels on platforms whose preset read people watching now as views before the two
    /// were told apart (``Platform/storedViewersAsViews``): what the store's older runs hold
    /// for them are viewers. A generic channel is the sources file's to say (the nightly job
    /// adds the ones it now reads viewers from).
    package var channelsThatStoredViewersAsViews: Set<String> {
        Set(channels.filter { $0.platform?.storedViewersAsViews == true }.map(\.id))
    }

    /// Links to watch an event, one per platform channel that carries it and has a watch URL.
    package func watchLinks(_ event: Event) -> [(title: String, url: String)] {
        channels(carrying: event).compactMap { channel in
            guard channel.sort == .platform, let id = event.streams[channel.id], let url = channel.watchURL(streamID: id) else { return nil }
            return (channel.name, url)
        }
    }
}

extension Event {
    /// Programme order: by start, then end, then id. Every list of events uses it, so the
    /// same programme always prints in the same order.
    package static func startOrder(_ a: Event, _ b: Event) -> Bool {
        (a.start.minuteNumber, a.end.minuteNumber, a.id) < (b.start.minuteNumber, b.end.minuteNumber, b.id)
    }
}
