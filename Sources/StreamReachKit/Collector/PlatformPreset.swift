/// Built-in knowledge of each platform's API, so a sources file only says `platform: youtube`
/// plus a key. Shapes follow the platforms' documentation (see MISSION.md).
///
/// Each platform offers up to two figures, kept apart (``Figure``): the cumulative view
/// count the nightly job reads, and the viewers watching now that only a live poll can see.
package struct PlatformPreset: Sendable {
    /// One figure's request and where its number is.
    package struct Reading: Sendable {
        /// `{base}` and `{secret name}` placeholders are filled from the sources file.
        package let urlTemplate: String
        package let headers: [HTTPHeader]
        package let value: String
        package let batch: (size: Int, separator: String, itemFormat: String, items: String, itemID: String, caseInsensitive: Bool)?
        package var missingItem: SourceSpec.Missing = .permanent
        package var missingValue: SourceSpec.Missing = .permanent
        /// See ``SourceSpec/zeroWhenMissingIf``.
        package var zeroWhenMissingIf: String?
    }

    package let platform: Platform
    package let defaultBaseURL: String?
    package let errorReason: [String]
    package let quotaReasons: Set<String>
    /// Secrets the preset needs, by sources-file key.
    package let secrets: [String]
    package var authReasons: Set<String> = []
    /// The cumulative count; nil where the platform's API has none.
    package let views: Reading?
    /// The concurrent viewers while live; nil where the API has none.
    package let viewers: Reading?

    package func reading(_ figure: Figure) -> Reading? {
        switch figure {
        case .views: return views
        case .viewers: return viewers
        }
    }

    /// Every platform but `generic`, which the sources file describes itself.
    package static let all: [Platform: PlatformPreset] = Dictionary(uniqueKeysWithValues: [
        youtube, facebook, facebookLive, vimeo, twitch, peertube, owncast,
    ].map { ($0.platform, $0) })

    /// YouTube Data API v3: 50 ids a call, counts as strings, unknown ids simply missing. One
    /// call gives both figures; `concurrentViewers` is there only while a stream is live.
    static let youtube = PlatformPreset(
        platform: .youtube, defaultBaseURL: "https://www.googleapis.com",
        errorReason: ["/error/errors/0/reason", "/error/message"],
        quotaReasons: ["quotaExceeded", "dailyLimitExceeded"], secrets: ["api-key"],
        authReasons: ["keyInvalid", "forbidden", "accessNotConfigured"],
        views: Reading(urlTemplate: youtubeVideos, headers: [], value: "/statistics/viewCount",
                       batch: (50, ",", "{id}", "/items", "/id", false), missingItem: .permanent, missingValue: .absent),
        viewers: Reading(urlTemplate: youtubeVideos, headers: [], value: "/liveStreamingDetails/concurrentViewers",
                         batch: (50, ",", "{id}", "/items", "/id", false), missingItem: .permanent, missingValue: .absent))

    static let youtubeVideos = "{base}/youtube/v3/videos?part=statistics,liveStreamingDetails&id={ids}&key={api-key}"

    /// Facebook Graph video insights: `total_video_views` under data[].values[].value.
    static let facebook = PlatformPreset(
        platform: .facebook, defaultBaseURL: "https://graph.facebook.com/v19.0",
        errorReason: ["/error/code", "/error/message"], quotaReasons: facebookRateLimitCodes, secrets: ["access-token"],
        authReasons: facebookAuthCodes,
        views: Reading(urlTemplate: "{base}/{id}/video_insights?metric=total_video_views&access_token={access-token}",
                       headers: [], value: "/data/0/values/0/value", batch: nil),
        viewers: nil)

    /// Graph API error codes: 4, 17, 32, 613 are rate limits; 190 and 102 a bad or expired token.
    static let facebookRateLimitCodes: Set<String> = ["4", "17", "32", "613"]
    static let facebookAuthCodes: Set<String> = ["190", "102"]

    /// Facebook Graph live videos: `live_views`, the people watching now. The recording's
    /// views are the video's insights: a `facebook` channel with the video's id reads them.
    static let facebookLive = PlatformPreset(
        platform: .facebookLive, defaultBaseURL: "https://graph.facebook.com/v19.0",
        errorReason: ["/error/code", "/error/message"], quotaReasons: facebookRateLimitCodes, secrets: ["access-token"],
        authReasons: facebookAuthCodes,
        views: nil,
        viewers: Reading(urlTemplate: "{base}/{id}?fields=live_views&access_token={access-token}",
                         headers: [], value: "/live_views", batch: nil))

    /// Vimeo: `stats.plays`, which may be null.
    static let vimeo = PlatformPreset(
        platform: .vimeo, defaultBaseURL: "https://api.vimeo.com",
        errorReason: ["/error", "/developer_message"], quotaReasons: [], secrets: ["access-token"],
        views: Reading(urlTemplate: "{base}/videos/{id}?fields=stats.plays",
                       headers: [HTTPHeader("Authorization", "bearer {access-token}"), HTTPHeader("Accept", "application/vnd.vimeo.*+json;version=3.4")],
                       value: "/stats/plays", batch: nil),
        viewers: nil)

    static let twitchHeaders = [HTTPHeader("Client-Id", "{client-id}"), HTTPHeader("Authorization", "Bearer {access-token}")]

    /// Twitch Helix. Views are the recording's (`videos`, up to 100 video ids a call);
    /// viewers are the channel's while it is live (`streams`, up to 100 logins a call;
    /// offline channels are simply absent).
    static let twitch = PlatformPreset(
        platform: .twitch, defaultBaseURL: "https://api.twitch.tv",
        errorReason: ["/message", "/error"], quotaReasons: [], secrets: ["client-id", "access-token"],
        views: Reading(urlTemplate: "{base}/helix/videos?first=100&{ids}", headers: twitchHeaders, value: "/view_count",
                       batch: (100, "&", "id={id}", "/data", "/id", false)),
        viewers: Reading(urlTemplate: "{base}/helix/streams?first=100&{ids}", headers: twitchHeaders, value: "/viewer_count",
                         batch: (100, "&", "user_login={id}", "/data", "/user_login", true), missingItem: .absent))

    /// PeerTube: `views`, and `viewers` for lives; errors come as application/problem+json.
    static let peertube = PlatformPreset(
        platform: .peertube, defaultBaseURL: nil,
        errorReason: ["/detail", "/title", "/error"], quotaReasons: [], secrets: [],
        views: Reading(urlTemplate: "{base}/api/v1/videos/{id}", headers: [], value: "/views", batch: nil),
        viewers: Reading(urlTemplate: "{base}/api/v1/videos/{id}", headers: [], value: "/viewers", batch: nil, missingValue: .absent))

    /// Owncast: one stream per server; `viewerCount` is omitted when it is 0, so a server
    /// that says it is `online` without one has nobody watching; offline, there is no
    /// figure. Its public API has no cumulative count.
    static let owncast = PlatformPreset(
        platform: .owncast, defaultBaseURL: nil,
        errorReason: [], quotaReasons: [], secrets: [],
        views: nil,
        viewers: Reading(urlTemplate: "{base}/api/status", headers: [], value: "/viewerCount", batch: nil, missingValue: .absent,
                         zeroWhenMissingIf: "/online"))
}
