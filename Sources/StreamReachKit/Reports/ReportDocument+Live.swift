import Foundation

extension ReportDocument {
    /// The live audience, when `streamreach live` polled streams in the period: one source
    /// for every format (text, Markdown, HTML; CSV and JSON carry the same figures).
    static func live(_ report: ReachReport) -> Section? {
        guard let live = report.live else { return nil }
        let zone = TimeZoneConverter(identifier: report.programme.timeZone)
        func time(_ instant: Date) -> String {
            let local = zone.local(instant)
            return "\(DisplayText.day(local.date)) \(local.time)"
        }
        var blocks: [Block] = []
        if let total = live.total {
            blocks.append(.paragraph("""
                \(DisplayText.number(total.viewerMinutes)) viewer-minutes watched live; at most \(DisplayText.number(total.peak)) \
                people at once across all streams (\(time(total.peakAt))). Views at the end of the live streams: \
                \(DisplayText.number(live.liveViews)); gained since, as replay: \(DisplayText.signed(live.replayViews)). \
                People watching are not views and are not in the totals above.
                """))
        }
        blocks.append(.table(Table(
            headers: ["event", "channel", "peak", "at", "average", "viewer-minutes", "gaps", "views at end", "replay since"],
            rows: live.events.flatMap { event -> [[String]] in
                let streams = event.streams.map { stream in
                    [event.event, stream.channel, DisplayText.number(stream.figures.peak), time(stream.figures.peakAt),
                     String(format: "%.1f", stream.figures.average), DisplayText.number(stream.figures.viewerMinutes),
                     String(stream.figures.gaps.count), stream.endViews.map(DisplayText.number) ?? "not read",
                     stream.replayViews.map(DisplayText.signed) ?? "–"]
                }
                guard event.streams.count > 1 else { return streams }
                return streams + [[event.event, "all platforms", DisplayText.number(event.figures.peak), time(event.figures.peakAt),
                                   String(format: "%.1f", event.figures.average), DisplayText.number(event.figures.viewerMinutes),
                                   String(event.figures.gaps.count), "", ""]]
            },
            numeric: [2, 4, 5, 6, 7, 8])))
        blocks += live.events.map { .chart(.audience(event: $0.event)) }
        if !live.weeks.isEmpty {
            blocks.append(.table(Table(headers: ["week", "views of the live hours", "replay views"],
                                       rows: live.weeks.map { [String($0.week), DisplayText.number($0.liveViews), DisplayText.signed($0.replayViews)] },
                                       numeric: [1, 2])))
        }
        blocks.append(.paragraph(Self.liveMethodology))
        return Section(title: "Live audience", blocks: blocks)
    }

    /// How each live figure is computed from the samples (``LiveAudienceStats``).
    static let liveMethodology = """
        People watching are read from each platform while a stream is live (every minute, \
        every 15 seconds in a slot's first and last 10 minutes). A reading holds until the next \
        one of the same stream if that comes within 2 minutes; a longer silence is a gap, \
        counted and never filled in, and nothing is extrapolated after the last reading. \
        Viewer-minutes add up viewers × minutes held (watched time); the average is \
        viewer-minutes divided by the minutes covered; the peak is the highest reading and \
        when it was read. Across platforms, readings of the same poll are added up first. \
        Views at end are each stream's view count read right after the platform showed its \
        end; everything the count gained later is replay. Per week: the views of live hours \
        that ended that week, and what streams already over gained in it.
        """
}
