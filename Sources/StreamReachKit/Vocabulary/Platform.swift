import Foundation

/// The platforms StreamReach reads counts from, by the names programme and sources files
/// use. One list: the programme loader, the collector's presets and the watch links all
/// take it from here.
package enum Platform: String, Sendable, CaseIterable, Codable, Hashable {
    case youtube
    case facebook
    /// Facebook live videos: `live_views` while live, the video's views after.
    case facebookLive = "facebook-live"
    case vimeo
    case twitch
    case peertube
    case owncast
    /// Any JSON API, described in the sources file (URL and JSON Pointer).
    case generic

    /// The names as files spell them, for messages.
    package static var names: [String] { allCases.map(\.rawValue) }

    /// Where people watch a stream on this platform (`{id}` is the stream id), when the
    /// address follows from the id alone.
    package var watchURLTemplate: String? {
        switch self {
        case .youtube: return "https://www.youtube.com/watch?v={id}"
        case .facebook, .facebookLive: return "https://www.facebook.com/watch/?v={id}"
        case .vimeo: return "https://vimeo.com/{id}"
        case .twitch: return "https://www.twitch.tv/{id}"
        case .peertube, .owncast, .generic: return nil
        }
    }

    /// Why a platform has no cumulative view count, for reports; nil where it has one.
    package var noViewCountReason: String? {
        switch self {
        case .owncast: return "Owncast's API has no cumulative view count, only the viewers watching now"
        case .facebookLive:
            return "Facebook's `live_views` counts people watching a live video, not views; a `facebook` channel with the recording's video id reads its views"
        default: return nil
        }
    }

    /// Whether StreamReach's preset for this platform read people watching now as if they
    /// were views before the two were told apart (store schema v4): Twitch's
    /// `viewer_count`, Owncast's `viewerCount` and Facebook's `live_views`.
    package var storedViewersAsViews: Bool {
        switch self {
        case .twitch, .owncast, .facebookLive: return true
        default: return false
        }
    }
}
