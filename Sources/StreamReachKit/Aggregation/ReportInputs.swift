import Foundation

/// Everything a report reads from the store, read in one consistent view; the builder then
/// composes the report from it without touching the store.
struct ReportInputs: Sendable {
    let runs: [RunDay]
    let states: [SeriesState]
    /// The week reported, nil for the whole series; its first and last day.
    let week: Int?
    let from: LocalDate
    let to: LocalDate
    let lastWeek: Int
    /// Each series' count at the end of every week up to the period's end (0: before week 1).
    let weekEnds: [Int: [Int64: Int64]]
    /// Each series' count at the end of the period.
    let endValues: [Int64: Int64]
    /// Hand-entered figures up to the period's end.
    let manual: [ManualReach]
    let corrections: [CorrectionRecord]
    let correctionTotals: (count: Int, views: Int64)
    /// Totals at the end of each day of the week the target was first reached (empty if not).
    let crossingWeekDayTotals: [(day: LocalDate, total: Int64)]
    /// Counts at the series' last day and the latest ones, when counts were read after it.
    let afterSeries: (atEnd: [Int64: Int64], latest: [Int64: Int64], latestDay: LocalDate)?
    /// Channels whose figures are not (or not all) views.
    let figureNotes: [ReachReport.FigureNote]
    /// What `streamreach live` stored: viewers at each poll, views at each end.
    var audience: [AudienceSample] = []
    var liveEnds: [LiveEndViews] = []
    /// Donations entered by hand, all of them (the builder keeps those up to the period's end).
    var donations: [Donation] = []
}

extension ReachReportBuilder {
    func load(_ requested: ReportPeriod, from store: any ReachReading) async throws -> ReportInputs {
        let series = programme.series
        // Readings that may be viewers stored as views (docs/SCHEMA.md, v4) stay out of
        // every figure until a collect moves them; without any, the store is read as it is.
        let leftOut = try await store.seriesWithUnseparatedFigures(programme: series.id, channels: programme.channelsThatStoredViewersAsViews)
        let everySeries = leftOut.isEmpty ? [] : try await store.seriesStates(programme: series.id)
        let reader: any ReachReading = leftOut.isEmpty ? store : ViewsOnlyReader(base: store, leftOut: leftOut, states: everySeries)
        let figureNotes = try await figureNotes(leftOut: everySeries.filter { leftOut.contains($0.seriesID) }, from: store)
        let runs = try await reader.runDays(programme: series.id)
        let states = try await reader.seriesStates(programme: series.id)
        let lastRunDay = runs.last?.day
        let week = try resolveWeek(requested, lastRunDay: lastRunDay)
        // The whole series runs to the latest count; its pacing stops at the latest complete
        // week of the series, so that it agrees with that week's own report (future weeks
        // are not zero weeks, and weeks after the series are not the series).
        let (from, to) = week.map { (series.days(ofWeek: $0)[0], series.days(ofWeek: $0)[6]) }
            ?? (series.firstMonday, lastRunDay.map { max($0, series.firstMonday) } ?? series.lastDay)
        let lastWeek: Int
        if let week {
            lastWeek = week
        } else if lastRunDay != nil, let latest = try resolveWeek(.latestComplete, lastRunDay: lastRunDay) {
            lastWeek = latest
        } else {
            lastWeek = 1
        }

        let weekEnds = readsPacing || week != nil ? try await weekEndValues(through: lastWeek, from: reader) : [:]
        let endValues = week == nil ? try await reader.values(programme: series.id, atEndOf: to) : weekEnds[lastWeek] ?? [:]
        let crossingDays = readsPacing ? try await crossingWeekDayTotals(weekEnds: weekEnds, through: lastWeek, from: reader) : []
        var afterSeries: (atEnd: [Int64: Int64], latest: [Int64: Int64], latestDay: LocalDate)?
        if let lastRunDay, lastRunDay > series.lastDay, to >= series.lastDay {
            afterSeries = (try await reader.values(programme: series.id, atEndOf: series.lastDay),
                           try await reader.values(programme: series.id, atEndOf: lastRunDay), lastRunDay)
        }
        var inputs = ReportInputs(
            runs: runs, states: states, week: week, from: from, to: to, lastWeek: lastWeek, weekEnds: weekEnds, endValues: endValues,
            manual: try await reader.manualReach(programme: series.id).filter { $0.date <= to },
            corrections: try await reader.corrections(programme: series.id, from: from, to: to),
            correctionTotals: try await reader.correctionTotals(programme: series.id, to: to),
            crossingWeekDayTotals: crossingDays, afterSeries: afterSeries, figureNotes: figureNotes)
        if readsPacing {
            inputs.audience = try await reader.audience(programme: series.id).filter { $0.origin == .live }
            inputs.liveEnds = try await reader.liveEndViews(programme: series.id)
            inputs.donations = try await reader.donations(programme: series.id)
        }
        return inputs
    }

    /// Counts at the end of every week up to `lastWeek` (0: the eve of the first week): the
    /// pacing line, and the start and end values of a week and the one before.
    private func weekEndValues(through lastWeek: Int, from reader: any ReachReading) async throws -> [Int: [Int64: Int64]] {
        let series = programme.series
        var weekEnds: [Int: [Int64: Int64]] = [:]
        weekEnds[0] = try await reader.values(programme: series.id, atEndOf: series.firstMonday.adding(days: -1))
        for number in 1...max(1, lastWeek) {
            weekEnds[number] = try await reader.values(programme: series.id, atEndOf: series.days(ofWeek: number)[6])
        }
        return weekEnds
    }

    /// The totals at the end of each day of the week the target was reached in, up to the
    /// day it was: only that week is searched day by day.
    private func crossingWeekDayTotals(weekEnds: [Int: [Int64: Int64]], through lastWeek: Int,
                                       from reader: any ReachReading) async throws -> [(day: LocalDate, total: Int64)] {
        let series = programme.series
        let target = Int64(series.target)
        guard target > 0, let crossingWeek = (1...max(1, lastWeek)).first(where: { (weekEnds[$0] ?? [:]).values.reduce(0, +) >= target })
        else { return [] }
        var totals: [(day: LocalDate, total: Int64)] = []
        for day in series.days(ofWeek: crossingWeek) {
            let total = try await reader.values(programme: series.id, atEndOf: day).values.reduce(0, +)
            totals.append((day, total))
            if total >= target { break }
        }
        return totals
    }

    /// What the report says of channels whose figures are not views: a platform without a
    /// cumulative count, viewers left out until a collect moves them, viewers moved.
    private func figureNotes(leftOut: [SeriesState], from store: any ReachReading) async throws -> [ReachReport.FigureNote] {
        let moved = try await store.movedViewerReadings(programme: programme.series.id)
        let leftOutByChannel = Dictionary(grouping: leftOut, by: \.channelID).mapValues(\.count)
        return programme.channels.compactMap { channel in
            guard channel.sort == .platform else { return nil }
            let (left, readings) = (leftOutByChannel[channel.id] ?? 0, moved[channel.id] ?? 0)
            var sentences: [String] = []
            if let reason = channel.platform?.noViewCountReason { sentences.append(reason + "; it is not part of the views") }
            if left > 0 {
                sentences.append("\(left) stream\(left == 1 ? "" : "s") hold viewers watching live that an earlier version stored as views: "
                    + "left out of every figure until the next collect moves them to the live figures (docs/SCHEMA.md, v4)")
            }
            if readings > 0 {
                sentences.append("\(readings) reading\(readings == 1 ? "" : "s") of viewers watching live, stored as views by an earlier version, "
                    + "\(readings == 1 ? "was" : "were") moved out of the views")
            }
            guard !sentences.isEmpty else { return nil }
            return ReachReport.FigureNote(channel: channel.id, name: channel.name, note: sentences.joined(separator: ". ") + ".",
                                          seriesLeftOut: left, readingsMoved: readings)
        }
    }
}
