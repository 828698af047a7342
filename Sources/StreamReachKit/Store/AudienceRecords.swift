import Foundation

/// People watching one stream at one moment: a gauge, kept apart from view counts and
/// never added to them (``Figure``).
package struct AudienceSample: Sendable, Equatable {
    package enum Origin: String, Sendable {
        /// Read while the stream was live.
        case live
        /// Stored as a view count by a version that did not tell the figures apart, and moved
        /// here by ``ReachStore/separateFigures(programme:channels:)``.
        case moved
    }

    package let eventID: String
    package let channelID: String
    /// The stream's id on its platform (a series seen first here is created with it).
    package let streamID: String
    package let observedAt: Date
    package let viewers: Int64
    package let origin: Origin

    package init(eventID: String, channelID: String, streamID: String, observedAt: Date, viewers: Int64, origin: Origin) {
        self.eventID = eventID
        self.channelID = channelID
        self.streamID = streamID
        self.observedAt = observedAt
        self.viewers = viewers
        self.origin = origin
    }
}

/// What separating views from viewers did on one channel of a programme.
package struct FigureSeparation: Sendable, Equatable {
    package let channel: String
    /// Viewer readings moved out of the counts into the audience samples.
    package let moved: Int
    /// Readings of those runs without a figure (failed, absent), removed with them.
    package let removed: Int
}

/// A stream's view count read right after its live broadcast ended: the views of the live
/// hour. What the count gains later is replay.
package struct LiveEndViews: Sendable, Equatable {
    package let eventID: String
    package let channelID: String
    package let streamID: String
    package let observedAt: Date
    package let views: Int64

    package init(eventID: String, channelID: String, streamID: String, observedAt: Date, views: Int64) {
        self.eventID = eventID
        self.channelID = channelID
        self.streamID = streamID
        self.observedAt = observedAt
        self.views = views
    }
}
