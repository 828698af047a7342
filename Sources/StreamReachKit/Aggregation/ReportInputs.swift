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
}

extension ReachReportBuilder {
    func load(_ requested: ReportPeriod, from reader: any ReachReading) async throws -> ReportInputs {
        let series = programme.series
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

        // Counts at the end of every week up to the period's end: the pacing line, and the
        // start and end values of this week and the one before.
        var weekEnds: [Int: [Int64: Int64]] = [:]
        if readsPacing || week != nil {
            weekEnds[0] = try await reader.values(programme: series.id, atEndOf: series.firstMonday.adding(days: -1))
            for number in 1...max(1, lastWeek) {
                weekEnds[number] = try await reader.values(programme: series.id, atEndOf: series.days(ofWeek: number)[6])
            }
        }
        let endValues = week == nil ? try await reader.values(programme: series.id, atEndOf: to) : weekEnds[lastWeek] ?? [:]

        // Only the week of the crossing is searched day by day.
        var crossingDays: [(day: LocalDate, total: Int64)] = []
        let target = Int64(series.target)
        if readsPacing, target > 0, let crossingWeek = (1...max(1, lastWeek)).first(where: { (weekEnds[$0] ?? [:]).values.reduce(0, +) >= target }) {
            for day in series.days(ofWeek: crossingWeek) {
                let total = try await reader.values(programme: series.id, atEndOf: day).values.reduce(0, +)
                crossingDays.append((day, total))
                if total >= target { break }
            }
        }
        var afterSeries: (atEnd: [Int64: Int64], latest: [Int64: Int64], latestDay: LocalDate)?
        if let lastRunDay, lastRunDay > series.lastDay, to >= series.lastDay {
            afterSeries = (try await reader.values(programme: series.id, atEndOf: series.lastDay),
                           try await reader.values(programme: series.id, atEndOf: lastRunDay), lastRunDay)
        }
        return ReportInputs(
            runs: runs, states: states, week: week, from: from, to: to, lastWeek: lastWeek, weekEnds: weekEnds, endValues: endValues,
            manual: try await reader.manualReach(programme: series.id).filter { $0.date <= to },
            corrections: try await reader.corrections(programme: series.id, from: from, to: to),
            correctionTotals: try await reader.correctionTotals(programme: series.id, to: to),
            crossingWeekDayTotals: crossingDays, afterSeries: afterSeries)
    }
}
