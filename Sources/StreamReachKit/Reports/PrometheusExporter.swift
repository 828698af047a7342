import Foundation

/// Prometheus text exposition format, for node_exporter's textfile collector.
///
/// Views are gauges, not counters: platforms correct counts downwards, and a counter's
/// reset logic would turn a correction of 50 views into a fake gain. Labels stay few
/// (channel, kind); per-event series only when asked.
package enum PrometheusExporter {
    package static func render(_ snapshot: MetricsSnapshot, perEvent: Bool = false) -> String {
        render([snapshot], perEvent: perEvent)
    }

    /// Several programmes in one exposition (the served board's `/metrics`): each family
    /// once, with every programme's samples under it, as the format requires.
    package static func render(_ snapshots: [MetricsSnapshot], perEvent: Bool = false) -> String {
        var families: [(name: String, help: String, lines: [String])] = []
        var index: [String: Int] = [:]
        for snapshot in snapshots {
            add(snapshot, perEvent: perEvent) { name, help, lines in
                if let at = index[name] { families[at].lines += lines; return }
                index[name] = families.count
                families.append((name, help, lines))
            }
        }
        return families.map { "# HELP \($0.name) \($0.help)\n# TYPE \($0.name) gauge\n" + $0.lines.map { $0 + "\n" }.joined() }.joined()
    }

    private static func add(_ snapshot: MetricsSnapshot, perEvent: Bool, to emit: (String, String, [String]) -> Void) {
        let programme = ["programme": snapshot.programme]
        func family(_ name: String, _ help: String, _ samples: [([String: String], String)]) {
            emit(name, help, samples.map { labels, value in "\(name)\(labelText(programme.merging(labels) { $1 })) \(value)" })
        }
        let byChannelAndKind = Dictionary(grouping: snapshot.series) { "\($0.channel)\u{0}\($0.kind)" }
            .map { key, values -> ([String: String], Int64) in
                let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                return (["channel": parts[0], "kind": parts[1]], values.map(\.value).reduce(0, +))
            }.sorted { ($0.0["channel"]!, $0.0["kind"]!) < ($1.0["channel"]!, $1.0["kind"]!) }
        family("streamreach_views", "Latest view count of the programme's streams by channel and kind of act (views, not unique viewers).",
               byChannelAndKind.map { ($0.0, String($0.1)) })
        family("streamreach_views_total_latest", "Sum of the latest view counts of all streams.",
               [([:], String(snapshot.series.map(\.value).reduce(0, +)))])
        family("streamreach_target_views", "The programme's reach target in views.", [([:], String(snapshot.target))])
        family("streamreach_hand_entered_reach", "Hand-entered broadcast reach to date by channel (estimates, not in the views).",
               snapshot.handEntered.sorted { $0.key < $1.key }.map { (["channel": $0.key], String($0.value)) })
        if perEvent {
            family("streamreach_event_views", "Latest view count of each stream on each channel.",
                   snapshot.series.sorted { ($0.event, $0.channel) < ($1.event, $1.channel) }
                       .map { (["event": $0.event, "channel": $0.channel], String($0.value)) })
        }
        if !snapshot.live.isEmpty { liveFamilies(snapshot, family) }
        if !snapshot.donations.isEmpty {
            family("streamreach_donations", "Donations to date by currency, in its units (entered by hand; not reach).",
                   snapshot.donations.sorted { $0.key < $1.key }.map { (["currency": $0.key], MoneyText.plain($0.value)) })
        }
        if let run = snapshot.lastRun {
            family("streamreach_last_run_timestamp_seconds", "Start of the last collect run (Unix time).",
                   [([:], String(Int64(run.startedAt.timeIntervalSince1970)))])
            family("streamreach_last_run_duration_seconds", "How long the last collect run took.",
                   [([:], String(Int64(run.finishedAt.timeIntervalSince(run.startedAt))))])
            family("streamreach_last_run_success", "1 if the last collect run read every series, else 0.",
                   [([:], run.exitStatus == 0 ? "1" : "0")])
            family("streamreach_last_run_exit_status", "Exit status of the last collect run (sysexits: 75 try again, 78 configuration, …).",
                   [([:], String(run.exitStatus))])
            family("streamreach_last_run_failed_series", "Series that failed in the last collect run.", [([:], String(run.failedCount))])
            family("streamreach_last_run_series", "Series of the last collect run by outcome.",
                   SampleOutcome.allCases.map { (["outcome": $0.rawValue], String(snapshot.lastRunOutcomes[$0] ?? 0)) })
        }
        family(lastSuccess.name, lastSuccess.help, [([:], String(Int64(snapshot.lastSuccessAt?.timeIntervalSince1970 ?? 0)))])
    }

    /// People watching now and what the live streams added up to, by channel: gauges, as
    /// views are. "Now" is a reading within ``MetricsSnapshot/liveWindow``; a channel with no
    /// stream live shows 0, so an alert can tell "nobody watching" from "no figures".
    private static func liveFamilies(_ snapshot: MetricsSnapshot, _ family: (String, String, [([String: String], String)]) -> Void) {
        let channels = Set(snapshot.live.map(\.channel)).sorted()
        func byChannel(_ values: [MetricsSnapshot.LiveValue], _ value: (MetricsSnapshot.LiveValue) -> Int64?,
                       combine: (Int64, Int64) -> Int64 = (+)) -> [([String: String], String)] {
            channels.map { channel in
                (["channel": channel], String(values.filter { $0.channel == channel }.compactMap(value).reduce(0, combine)))
            }
        }
        family("streamreach_live_viewers", "People watching the programme's live streams now, by channel (a gauge; not views).",
               byChannel(snapshot.liveNow, \.latestViewers))
        family("streamreach_live_streams", "Streams read live within the last 5 minutes, by channel.",
               channels.map { channel in (["channel": channel], String(snapshot.liveNow.filter { $0.channel == channel }.count)) })
        family("streamreach_live_peak_viewers", "The most people watching one stream at once so far, by channel.",
               byChannel(snapshot.live, \.peak, combine: max))
        family("streamreach_live_watched_seconds", "Time watched live so far (viewer-minutes × 60: viewers × time between readings), by channel.",
               byChannel(snapshot.live) { $0.viewerMinutes * 60 })
        family("streamreach_live_end_views", "Views of the streams at the end of their live hour, by channel.",
               byChannel(snapshot.live, \.endViews))
        family("streamreach_replay_views", "Views the streams gained since their live hour ended (replay), by channel.",
               byChannel(snapshot.live) { value in value.endViews.flatMap { end in value.views.map { $0 - end } } })
    }

    /// 0 when no run has read every series yet: an absent series would keep the README's
    /// "no success for a day" alert from ever firing on an install that never worked.
    private static let lastSuccess = (name: "streamreach_last_success_timestamp_seconds",
                                      help: "Start of the last collect run that read every series (Unix time; 0: never).")

    /// The metrics of a job that stopped before it stored a run (a bad programme or sources
    /// file, a broken database): the attempt failed, and when the last success was.
    package static func renderFailedAttempt(programme: String?, at time: Date, status: ExitStatus, lastSuccess: Date?) -> String {
        let labels = programme.map { labelText(["programme": $0]) } ?? ""
        let families: [(String, String, String)] = [
            ("streamreach_last_run_timestamp_seconds", "Start of the last collect run (Unix time).", String(Int64(time.timeIntervalSince1970))),
            ("streamreach_last_run_success", "1 if the last collect run read every series, else 0.", "0"),
            ("streamreach_last_run_exit_status", "Exit status of the last collect run (sysexits: 75 try again, 78 configuration, …).",
             String(status.rawValue)),
            (Self.lastSuccess.name, Self.lastSuccess.help, String(Int64(lastSuccess?.timeIntervalSince1970 ?? 0))),
        ]
        return families.map { "# HELP \($0.0) \($0.1)\n# TYPE \($0.0) gauge\n\($0.0)\(labels) \($0.2)\n" }.joined()
    }

    /// `{a="x",b="y"}` with keys sorted and values escaped as the format asks (\\, \", \n).
    static func labelText(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "" }
        let pairs = labels.sorted { $0.key < $1.key }.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }
}
