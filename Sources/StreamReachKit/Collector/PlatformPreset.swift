/// Built-in knowledge of each platform's API, so a sources file only says `platform: youtube`
/// plus a key. Shapes follow the platforms' documentation (see MISSION.md).
package struct PlatformPreset: Sendable {
    package let platform: Platform
    package let defaultBaseURL: String?
    /// `{base}` and `{secret name}` placeholders are filled from the sources file.
    package let urlTemplate: String
    package let headers: [HTTPHeader]
    package let value: String
    package let batch: (size: Int, separator: String, itemFormat: String, items: String, itemID: String, caseInsensitive: Bool)?
    package let errorReason: [String]
    package let quotaReasons: Set<String>
    /// Secrets the preset needs, by sources-file key.
    package let secrets: [String]
    package var authReasons: Set<String> = []
    package var missingItem: SourceSpec.Missing = .permanent
    package var missingValue: SourceSpec.Missing = .permanent

    /// Every platform but `generic`, which the sources file describes itself.
    package static let all: [Platform: PlatformPreset] = Dictionary(uniqueKeysWithValues: [
        youtube, facebook, facebookLive, vimeo, twitch, peertube, owncast,
    ].map { ($0.platform, $0) })

    /// YouTube Data API v3: 50 ids a call, counts as strings, unknown ids simply missing.
    static let youtube = PlatformPreset(
        platform: .youtube, defaultBaseURL: "https://www.googleapis.com",
        urlTemplate: "{base}/youtube/v3/videos?part=statistics,liveStreamingDetails&id={ids}&key={api-key}",
        headers: [], value: "/statistics/viewCount",
        batch: (50, ",", "{id}", "/items", "/id", false),
        errorReason: ["/error/errors/0/reason", "/error/message"],
        quotaReasons: ["quotaExceeded", "dailyLimitExceeded"], secrets: ["api-key"],
        authReasons: ["keyInvalid", "forbidden", "accessNotConfigured"], missingItem: .permanent, missingValue: .absent)

    /// Facebook Graph video insights: `total_video_views` under data[].values[].value.
    static let facebook = PlatformPreset(
        platform: .facebook, defaultBaseURL: "https://graph.facebook.com/v19.0",
        urlTemplate: "{base}/{id}/video_insights?metric=total_video_views&access_token={access-token}",
        headers: [], value: "/data/0/values/0/value", batch: nil,
        errorReason: ["/error/code", "/error/message"], quotaReasons: facebookRateLimitCodes, secrets: ["access-token"],
        authReasons: facebookAuthCodes)

    /// Graph API error codes: 4, 17, 32, 613 are rate limits; 190 and 102 a bad or expired token.
    static let facebookRateLimitCodes: Set<String> = ["4", "17", "32", "613"]
    static let facebookAuthCodes: Set<String> = ["190", "102"]

    /// Facebook Graph live videos: `live_views`.
    static let facebookLive = PlatformPreset(
        platform: .facebookLive, defaultBaseURL: "https://graph.facebook.com/v19.0",
        urlTemplate: "{base}/{id}?fields=live_views&access_token={access-token}",
        headers: [], value: "/live_views", batch: nil,
        errorReason: ["/error/code", "/error/message"], quotaReasons: facebookRateLimitCodes, secrets: ["access-token"],
        authReasons: facebookAuthCodes)

    /// Vimeo: `stats.plays`, which may be null.
    static let vimeo = PlatformPreset(
        platform: .vimeo, defaultBaseURL: "https://api.vimeo.com",
        urlTemplate: "{base}/videos/{id}?fields=stats.plays",
        headers: [HTTPHeader("Authorization", "bearer {access-token}"), HTTPHeader("Accept", "application/vnd.vimeo.*+json;version=3.4")],
        value: "/stats/plays", batch: nil,
        errorReason: ["/error", "/developer_message"], quotaReasons: [], secrets: ["access-token"])

    /// Twitch Helix: up to 100 logins a call; offline channels are simply absent.
    static let twitch = PlatformPreset(
        platform: .twitch, defaultBaseURL: "https://api.twitch.tv",
        urlTemplate: "{base}/helix/streams?first=100&{ids}",
        headers: [HTTPHeader("Client-Id", "{client-id}"), HTTPHeader("Authorization", "Bearer {access-token}")],
        value: "/viewer_count",
        batch: (100, "&", "user_login={id}", "/data", "/user_login", true),
        errorReason: ["/message", "/error"], quotaReasons: [], secrets: ["client-id", "access-token"],
        missingItem: .absent)

    /// PeerTube: `views`; errors come as application/problem+json.
    static let peertube = PlatformPreset(
        platform: .peertube, defaultBaseURL: nil,
        urlTemplate: "{base}/api/v1/videos/{id}", headers: [], value: "/views", batch: nil,
        errorReason: ["/detail", "/title", "/error"], quotaReasons: [], secrets: [])

    /// Owncast: one stream per server; `viewerCount` is omitted when it is 0.
    static let owncast = PlatformPreset(
        platform: .owncast, defaultBaseURL: nil,
        urlTemplate: "{base}/api/status", headers: [], value: "/viewerCount", batch: nil,
        errorReason: [], quotaReasons: [], secrets: [], missingValue: .absent)
}
