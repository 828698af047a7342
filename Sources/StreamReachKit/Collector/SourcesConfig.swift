/// The sources file: how to read every platform channel, and the limits of a run.
package struct SourcesConfig: Sendable {
    /// The cumulative count of each channel whose platform has one: what the nightly job reads.
    package var sources: [String: SourceSpec]
    /// The viewers watching now, for each channel whose platform reports them while live.
    package var viewerSources: [String: SourceSpec] = [:]
    /// The id a channel's live figure is read by, where it is the channel's, not each
    /// stream's: a Twitch channel's login (its events' stream ids are recordings).
    package var liveIDs: [String: String] = [:]
    package var transfer: TransferOptions
    /// The whole run, retries included, must end within this.
    package var deadlineSeconds: Double
    package var maxAttempts: Int
    /// The YouTube API project's daily quota (units; each call costs one), shared by the
    /// nightly job and the live poller through the store's ledger.
    package var youtubeDailyQuota = defaultYouTubeDailyQuota
    /// What a YouTube Data API project gets unless Google granted more.
    package static let defaultYouTubeDailyQuota = 10_000
    /// Every secret the file resolved, for redaction.
    package var redactor: Redactor
    package var file: String

    package init(sources: [String: SourceSpec], viewerSources: [String: SourceSpec] = [:], transfer: TransferOptions,
                 deadlineSeconds: Double, maxAttempts: Int, redactor: Redactor, file: String) {
        self.sources = sources
        self.viewerSources = viewerSources
        self.transfer = transfer
        self.deadlineSeconds = deadlineSeconds
        self.maxAttempts = maxAttempts
        self.redactor = redactor
        self.file = file
    }

    /// The readings of one figure, by channel.
    package func sources(for figure: Figure) -> [String: SourceSpec] {
        switch figure {
        case .views: return sources
        case .viewers: return viewerSources
        }
    }

    /// Whether the file says how to read `channel` at all (either figure).
    package func configures(_ channel: String) -> Bool {
        sources[channel] != nil || viewerSources[channel] != nil
    }
}
