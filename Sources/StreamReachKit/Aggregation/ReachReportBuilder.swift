import Foundation

/// Builds a ``ReachReport`` from the store's rollups and the programme.
///
/// The rules are MISSION.md's: a series' total is its latest count; views gained in a week
/// are the count at the last snapshot at or before the week's end minus the count at the
/// last snapshot at or before its start (0 if there was none); a drop is a correction,
/// counted and shown, never clamped; sums go per series first, then per event, channel,
/// kind and week. Everything is integer arithmetic on stored counts.
package struct ReachReportBuilder: Sendable {
    package let programme: Programme
    /// Whether to read the pacing (the counts at every week's end, the crossing of the
    /// target). A network report needs only the standing and leaves it out: a week-end
    /// lookup per week and programme was two thirds of its time. Its report's `pacing` is
    /// then empty and must not be shown.
    package var readsPacing = true

    package init(programme: Programme) { self.programme = programme }

    /// Reads what the report needs in one consistent view of the store, then builds it.
    package func build(_ period: ReportPeriod, from store: any ReachStore) async throws -> ReachReport {
        let builder = self
        let inputs = try await store.read { reader in try await builder.load(period, from: reader) }
        return compose(inputs)
    }

    /// The report from what was read: pure arithmetic, no store.
    func compose(_ inputs: ReportInputs) -> ReachReport {
        let series = programme.series
        let (runs, states, week, from, to, lastWeek) = (inputs.runs, inputs.states, inputs.week, inputs.from, inputs.to, inputs.lastWeek)
        let lastRunDay = runs.last?.day
        let weekEnds = inputs.weekEnds
        let endValues = inputs.endValues
        let startValues = week == nil ? [:] : weekEnds[lastWeek - 1] ?? [:]
        let previousStart = week == nil || lastWeek < 2 ? nil : weekEnds[lastWeek - 2]

        let manual = inputs.manual
        let total = endValues.values.reduce(0, +)
        let gain = sumOfGains(end: endValues, start: startValues)
        let previousGain = previousStart.map { sumOfGains(end: startValues, start: $0) }
        let target = Int64(series.target)

        let byID = Dictionary(states.map { ($0.seriesID, $0) }, uniquingKeysWith: { first, _ in first })
        let eventsByID = Dictionary(programme.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lines = seriesLines(end: endValues, start: startValues, states: byID)
        let events = eventLines(lines, eventsByID)

        var report = ReachReport(
            programme: .init(id: series.id, title: series.title, timeZone: series.timeZone, target: target, weeks: series.weeks,
                             firstDay: series.firstDay, lastDay: series.lastDay),
            period: .init(week: week, isoWeek: week.map { _ in ReportPeriod.isoWeekLabel(from) }, from: from, to: to,
                          complete: lastRunDay.map { $0 > to } ?? false),
            counts: "views",
            headline: .init(total: total, percentOfTarget: percent(total, of: target), gain: gain, previousGain: previousGain,
                            changeVsPrevious: previousGain.map { gain - $0 }, handEntered: manual.map(\.figure).reduce(0, +),
                            firstCountAfterPeriod: runs.first.map(\.day).flatMap { $0 > to ? $0 : nil }),
            pacing: pacing(inputs, total: total),
            afterSeries: inputs.afterSeries.map { after in
                let atEnd = after.atEnd.values.reduce(0, +), latest = after.latest.values.reduce(0, +)
                return ReachReport.AfterSeries(seriesEnd: series.lastDay, totalAtEnd: atEnd, percentAtEnd: percent(atEnd, of: target),
                                               latestDay: after.latestDay, latestTotal: latest, gainSinceEnd: latest - atEnd)
            },
            byChannel: channelBreakdown(lines),
            byKind: breakdown(events, key: \.kind, name: { $0 }),
            topEvents: Array(events.sorted { ($0.total, $1.event) > ($1.total, $0.event) }.prefix(5)),
            movers: Array(events.filter { $0.gain != 0 }.sorted { ($0.gain, $1.event) > ($1.gain, $0.event) }.prefix(5)),
            series: lines.map { ReachReport.SeriesLine(event: $0.state.eventID, channel: $0.state.channelID, total: $0.total, gain: $0.gain) }
                .sorted { ($0.event, $0.channel) < ($1.event, $1.channel) },
            handEntered: manual.filter { $0.date >= from },
            handEnteredByChannel: handEnteredByChannel(manual, from: from),
            quality: quality(states: states, runs: runs, corrections: inputs.corrections,
                             correctionTotals: inputs.correctionTotals, from: from, to: to, manual: manual,
                             figureNotes: inputs.figureNotes),
            methodology: methodology(target: target))
        report.live = liveSection(inputs)
        report.donations = donationSection(inputs, views: total)
        return report
    }

    /// Week 1 to the last week a run has reached (at least the series' own weeks).
    package func reportableWeeks(lastRunDay: LocalDate?) -> ClosedRange<Int> {
        1...max(programme.series.weeks, lastRunDay.map(programme.series.week(of:)) ?? 1)
    }

    func resolveWeek(_ period: ReportPeriod, lastRunDay: LocalDate?) throws -> Int? {
        let series = programme.series
        let lastReportable = reportableWeeks(lastRunDay: lastRunDay).upperBound
        switch period {
        case .all:
            return nil
        case .week(let number):
            guard (1...lastReportable).contains(number) else { throw ReportError.weekOutOfRange(number, lastReportable) }
            return number
        case .isoWeek(let year, let isoWeek):
            guard let monday = ReportPeriod.monday(isoYear: year, week: isoWeek) else { throw ReportError.weekOutOfRange(0, lastReportable) }
            let number = series.week(of: monday)
            guard (1...lastReportable).contains(number) else {
                throw ReportError.isoWeekOutside("\(year)-W\(pad(isoWeek, 2))", ReportPeriod.isoWeekLabel(series.firstMonday),
                                                 ReportPeriod.isoWeekLabel(series.days(ofWeek: lastReportable)[0]))
            }
            return number
        case .latestComplete:
            guard let lastRunDay else { throw ReportError.noRuns }
            // A week is complete once a run took place after its Sunday. After the series,
            // its last week: the final standing (what came later is reported apart).
            let latest = series.week(of: lastRunDay) - 1
            return min(max(1, latest), series.weeks)
        }
    }

    /// The cumulative line week by week against the target line, the crossing or a forecast
    /// of it, and the weekly gain still needed.
    private func pacing(_ inputs: ReportInputs, total: Int64) -> ReachReport.Pacing {
        let (series, weekEnds, lastWeek) = (programme.series, inputs.weekEnds, inputs.lastWeek)
        let target = Int64(series.target)
        let points = (1...max(1, lastWeek)).map { number -> ReachReport.WeekPoint in
            let cumulative = (weekEnds[number] ?? [:]).values.reduce(0, +)
            return ReachReport.WeekPoint(
                week: number, to: series.days(ofWeek: number)[6], cumulative: cumulative,
                gain: sumOfGains(end: weekEnds[number] ?? [:], start: weekEnds[number - 1] ?? [:]),
                targetLine: target * Int64(min(number, series.weeks)) / Int64(series.weeks))
        }
        let crossed = crossing(dayTotals: inputs.crossingWeekDayTotals, target: target, runs: inputs.runs)
        // Pacing reads the end of its last week, in a week's report and in --all alike.
        let pacedTotal = points.last?.cumulative ?? total
        let remaining = max(0, target - pacedTotal)
        let weeksLeft = series.weeks - lastWeek
        return ReachReport.Pacing(
            weeks: points, crossed: crossed,
            forecast: crossed == nil ? forecast(points: points, remaining: remaining, after: series.days(ofWeek: max(1, lastWeek))[6]) : nil,
            weeklyGainNeeded: remaining == 0 || weeksLeft <= 0 ? nil : (remaining + Int64(weeksLeft) - 1) / Int64(weeksLeft))
    }

    private func sumOfGains(end: [Int64: Int64], start: [Int64: Int64]) -> Int64 {
        end.reduce(0) { $0 + $1.value - (start[$1.key] ?? 0) }
    }

    private struct SeriesLine {
        let state: SeriesState
        let total: Int64
        let gain: Int64
    }

    private func seriesLines(end: [Int64: Int64], start: [Int64: Int64], states: [Int64: SeriesState]) -> [SeriesLine] {
        end.compactMap { id, value in
            states[id].map { SeriesLine(state: $0, total: value, gain: value - (start[id] ?? 0)) }
        }
    }

    private func eventLines(_ lines: [SeriesLine], _ events: [String: Event]) -> [ReachReport.EventLine] {
        Dictionary(grouping: lines, by: \.state.eventID).map { id, lines in
            ReachReport.EventLine(event: id, date: events[id]?.start.date, title: events[id]?.title ?? id, kind: events[id]?.kind ?? "unknown",
                                  total: lines.map(\.total).reduce(0, +), gain: lines.map(\.gain).reduce(0, +))
        }.sorted { $0.event < $1.event }
    }

    private func channelBreakdown(_ lines: [SeriesLine]) -> [ReachReport.Breakdown] {
        let channels = Dictionary(programme.channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return Dictionary(grouping: lines, by: \.state.channelID).map { id, lines in
            ReachReport.Breakdown(key: id, name: channels[id] ?? id, total: lines.map(\.total).reduce(0, +), gain: lines.map(\.gain).reduce(0, +))
        }.sorted { ($0.total, $1.key) > ($1.total, $0.key) }
    }

    private func breakdown(_ events: [ReachReport.EventLine], key: KeyPath<ReachReport.EventLine, String>,
                           name: (String) -> String) -> [ReachReport.Breakdown] {
        Dictionary(grouping: events, by: { $0[keyPath: key] }).map { id, events in
            ReachReport.Breakdown(key: id, name: name(id), total: events.map(\.total).reduce(0, +), gain: events.map(\.gain).reduce(0, +))
        }.sorted { ($0.total, $1.key) > ($1.total, $0.key) }
    }

    private func handEnteredByChannel(_ manual: [ManualReach], from: LocalDate) -> [ReachReport.Breakdown] {
        let names = Dictionary(programme.channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return Dictionary(grouping: manual, by: \.channel).map { id, entries in
            ReachReport.Breakdown(key: id, name: names[id] ?? id, total: entries.map(\.figure).reduce(0, +),
                                  gain: entries.filter { $0.date >= from }.map(\.figure).reduce(0, +))
        }.sorted { ($0.total, $1.key) > ($1.total, $0.key) }
    }

    /// Rounded half up to one decimal, in integers: 97,081 of 100,000 is 97.1 %, not 97.0.
    private func percent(_ value: Int64, of target: Int64) -> Double {
        target == 0 ? 0 : Double((value * 2000 + target) / (2 * target)) / 10
    }

    private func methodology(target: Int64) -> String {
        """
        Counts are views as the platforms report them (YouTube viewCount, Facebook total_video_views, …), \
        not unique viewers: one person watching twice counts twice, and the same person on two platforms \
        counts on both. A stream's total is its latest count. Views gained in a week are the count at the \
        last snapshot at or before the week's end minus the count at the last snapshot at or before its \
        start (0 for streams that began that week); they are summed per stream first, then per event, \
        channel and kind of act. Weeks run Monday to Sunday in the programme's time zone \
        (\(programme.series.timeZone)); a week ends just before Monday 00:00 local time, so a count read at \
        Monday 00:00 exactly is the new week's first count, also in weeks with a summer-time change. \
        Percentages are rounded half up to one decimal. Platforms sometimes remove invalid views: such drops are kept as \
        corrections and shown, never turned into gains or clamped. A missed night loses no views, only \
        their attribution to days. Hand-entered broadcast figures (Offene Kanäle) are estimates from the \
        named sources; they are listed apart and not added to the measured total or counted towards the target of \(DisplayText.number(target)).
        """
    }
}

package enum ReportError: Error, LocalizedError, ExitStatusReporting, Sendable, Equatable {
    case noRuns
    case weekOutOfRange(Int, Int)
    case isoWeekOutside(String, String, String)

    package var exitStatus: ExitStatus { .dataError }

    package var errorDescription: String? {
        switch self {
        case .noRuns: return "no collect run is stored for this programme yet; run `streamreach collect` first"
        case .weekOutOfRange(let week, let last): return "week \(week) is outside the series (weeks 1 to \(last))"
        case .isoWeekOutside(let week, let first, let last): return "\(week) is outside the series (\(first) to \(last))"
        }
    }
}
