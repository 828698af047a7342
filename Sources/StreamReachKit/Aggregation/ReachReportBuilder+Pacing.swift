import Foundation

extension ReachReportBuilder {
    /// The day the measured total first reached the target, and the two runs around it.
    /// `dayTotals` are the totals at the end of each day of the week it was reached in.
    func crossing(dayTotals: [(day: LocalDate, total: Int64)], target: Int64, runs: [RunDay]) -> ReachReport.Crossing? {
        guard let day = dayTotals.first(where: { $0.total >= target })?.day else { return nil }
        let before = runs.last { $0.day < day }
        let by = runs.first { $0.day == day } ?? runs.first { $0.day > day }
        return ReachReport.Crossing(date: day, afterRun: before?.runID, afterRunAt: before?.startedAt,
                                    byRun: by?.runID, byRunAt: by?.startedAt)
    }

    /// When the target would be reached at the recent pace: the mean gain of the last
    /// (up to) three weeks. No forecast when the total is not growing.
    func forecast(points: [ReachReport.WeekPoint], remaining: Int64, after end: LocalDate) -> ReachReport.Forecast {
        let recent = points.suffix(3)
        let pace = recent.isEmpty ? 0 : recent.map(\.gain).reduce(0, +) / Int64(recent.count)
        guard pace > 0 else { return ReachReport.Forecast(weeklyPace: pace, date: nil) }
        let weeks = (remaining + pace - 1) / pace
        return ReachReport.Forecast(weeklyPace: pace, date: end.adding(days: Int(weeks) * 7))
    }

    /// `corrections` are the period's; `correctionTotals` count everything up to its end.
    func quality(states: [SeriesState], runs: [RunDay], corrections: [CorrectionRecord], correctionTotals: (count: Int, views: Int64),
                 from: LocalDate, to: LocalDate, manual: [ManualReach], figureNotes: [ReachReport.FigureNote]) -> ReachReport.Quality {
        let runsSoFar = runs.filter { $0.day <= to }
        let runDays = Set(runsSoFar.map(\.day))
        // Nights between the first run and the period's end (or the last run) with no run at all.
        var missedToDate: [LocalDate] = []
        if let first = runsSoFar.first?.day, let last = runsSoFar.last?.day {
            var day = first
            while day <= min(last, to) {
                if !runDays.contains(day) { missedToDate.append(day) }
                day = day.adding(days: 1)
            }
        }
        let failedToDate = runsSoFar.filter { $0.seriesCount > 0 && $0.failedCount == $0.seriesCount }.map(\.day)
        let lastRunAt = runsSoFar.last?.startedAt
        let stale = states.compactMap { state -> ReachReport.SeriesQuality? in
            let upToDate = state.observedAt.map { at in lastRunAt.map { at >= $0 } ?? true } ?? false
            guard !upToDate || state.lastOutcome.isFailure else { return nil }
            return ReachReport.SeriesQuality(
                event: state.eventID, channel: state.channelID, lastOutcome: state.lastOutcome, lastDetail: state.lastDetail,
                lastCountAt: state.observedAt,
                daysSinceCount: state.observedAt.flatMap { at in lastRunAt.map { Int($0.timeIntervalSince(at) / 86400) } },
                failedRuns: state.failedRuns, absentRuns: state.absentRuns)
        }
        let periodCorrections = corrections
        return ReachReport.Quality(
            runs: runsSoFar.count, lastRunAt: lastRunAt, missedNights: missedToDate.filter { $0 >= from },
            failedNights: failedToDate.filter { $0 >= from }, staleSeries: stale, corrections: periodCorrections,
            correctedViews: periodCorrections.map { $0.previousValue - $0.value }.reduce(0, +),
            handEnteredFigures: manual.filter { $0.date >= from }.count,
            toDate: ReachReport.ToDate(missedNights: missedToDate, failedNights: failedToDate, corrections: correctionTotals.count,
                                       correctedViews: correctionTotals.views),
            figureNotes: figureNotes)
    }
}
