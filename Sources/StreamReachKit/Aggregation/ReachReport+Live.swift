import Foundation

extension ReachReport {
    /// The live audience (`streamreach live`): people watching during each stream, kept
    /// apart from views, and the views of each live hour against those gained since (replay).
    package struct Live: Sendable, Codable, Equatable {
        /// Every stream polled live in the period, by event, in programme order.
        package let events: [LiveEvent]
        /// All streams of the period added up at each poll: the programme's peak and total.
        package let total: LiveAudienceStats.Figures?
        /// Views at the end of the live streams that have an end read, and gained since.
        package let liveViews: Int64
        package let replayViews: Int64
        /// Per programme week up to the period's end: the views of the live hours that
        /// ended that week, and the replay views the week added to streams already over.
        package let weeks: [LiveWeek]
    }

    package struct LiveEvent: Sendable, Codable, Equatable {
        package let event: String
        package let title: String
        package let date: LocalDate?
        /// The event's platforms added up at each poll.
        package let figures: LiveAudienceStats.Figures
        package let streams: [LiveStream]
    }

    package struct LiveStream: Sendable, Codable, Equatable {
        package let channel: String
        package let figures: LiveAudienceStats.Figures
        /// The view count read right after the live stream ended (absent: not read).
        package let endViews: Int64?
        package let endAt: Date?
        /// Views gained since that end, up to the period's end: replay.
        package let replayViews: Int64?
        /// Every reading, in time order: the audience curve.
        package let curve: [LivePoint]
    }

    package struct LivePoint: Sendable, Codable, Equatable {
        package let at: Date
        package let viewers: Int64
    }

    package struct LiveWeek: Sendable, Codable, Equatable {
        package let week: Int
        package let liveViews: Int64
        package let replayViews: Int64
    }
}
