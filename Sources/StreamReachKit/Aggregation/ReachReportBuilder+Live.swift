import Foundation

extension ReachReportBuilder {
    /// The live section from the audience samples and end reads of the period; nil when
    /// nothing was polled live in it (programmes without `streamreach live`).
    func liveSection(_ inputs: ReportInputs) -> ReachReport.Live? {
        let converter = TimeZoneConverter(identifier: programme.series.timeZone)
        let inPeriod = inputs.audience.filter { sample in
            let day = converter.local(sample.observedAt).date
            return day >= inputs.from && day <= inputs.to
        }
        guard !inPeriod.isEmpty else { return nil }
        typealias Stream = LiveAudienceStats.Stream
        let seriesIDs = Dictionary(inputs.states.map { (Stream($0.eventID, $0.channelID), $0.seriesID) }, uniquingKeysWith: { first, _ in first })
        let ends = Dictionary(inputs.liveEnds.map { (Stream($0.eventID, $0.channelID), $0) }, uniquingKeysWith: { first, _ in first })
        let curves = LiveAudienceStats.curves(inPeriod)

        var events: [ReachReport.LiveEvent] = []
        var liveViews: Int64 = 0, replayViews: Int64 = 0
        for event in programme.events.sorted(by: Event.startOrder) {
            var streams: [ReachReport.LiveStream] = []
            for channel in programme.channels {
                let key = Stream(event.id, channel.id)
                guard let curve = curves[key], let figures = LiveAudienceStats.figures(curve) else { continue }
                let end = ends[key].flatMap { converter.local($0.observedAt).date <= inputs.to ? $0 : nil }
                let now = seriesIDs[key].flatMap { inputs.endValues[$0] }
                let replay = end.flatMap { end in now.map { $0 - end.views } }
                liveViews += end?.views ?? 0
                replayViews += replay ?? 0
                streams.append(ReachReport.LiveStream(channel: channel.id, figures: figures, endViews: end?.views, endAt: end?.observedAt,
                                                      replayViews: replay, curve: curve.map { ReachReport.LivePoint(at: $0.0, viewers: $0.1) }))
            }
            guard !streams.isEmpty,
                  let figures = LiveAudienceStats.figures(LiveAudienceStats.sum(streams.compactMap { curves[Stream(event.id, $0.channel)] }))
            else { continue }
            events.append(ReachReport.LiveEvent(event: event.id, title: event.title, date: event.start.date, figures: figures, streams: streams))
        }
        return ReachReport.Live(events: events, total: LiveAudienceStats.figures(LiveAudienceStats.sum(Array(curves.values))),
                                liveViews: liveViews, replayViews: replayViews, weeks: liveWeeks(inputs, ends: ends, seriesIDs: seriesIDs))
    }

    /// Per week: the live hours that ended in it, and what streams over by its start gained
    /// in it (replay). Streams without an end read are in neither.
    private func liveWeeks(_ inputs: ReportInputs, ends: [LiveAudienceStats.Stream: LiveEndViews],
                           seriesIDs: [LiveAudienceStats.Stream: Int64]) -> [ReachReport.LiveWeek] {
        guard !ends.isEmpty, !inputs.weekEnds.isEmpty else { return [] }
        let series = programme.series
        let converter = TimeZoneConverter(identifier: series.timeZone)
        return (1...max(1, inputs.lastWeek)).compactMap { week -> ReachReport.LiveWeek? in
            let days = series.days(ofWeek: week)
            var live: Int64 = 0, replay: Int64 = 0
            for (key, end) in ends {
                guard let seriesID = seriesIDs[key] else { continue }
                let endDay = converter.local(end.observedAt).date
                guard endDay <= days[6] else { continue }
                let atEnd = inputs.weekEnds[week]?[seriesID] ?? end.views
                if endDay >= days[0] {
                    live += end.views
                    replay += atEnd - end.views
                } else {
                    replay += atEnd - (inputs.weekEnds[week - 1]?[seriesID] ?? end.views)
                }
            }
            return live == 0 && replay == 0 ? nil : ReachReport.LiveWeek(week: week, liveViews: live, replayViews: replay)
        }
    }
}
