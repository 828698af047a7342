import Foundation

/// A weekly (or whole-series) reach report: everything the renderers print, and the
/// documented JSON shape of `report --format json` (docs/REPORT-JSON.md).
package struct ReachReport: Sendable, Codable, Equatable {
    package struct ProgrammeInfo: Sendable, Codable, Equatable {
        package let id: String
        package let title: String
        package let timeZone: String
        package let target: Int64
        package let weeks: Int
        package let firstDay: LocalDate
        package let lastDay: LocalDate
    }

    package struct Period: Sendable, Codable, Equatable {
        /// Programme week, or nil for the whole series.
        package let week: Int?
        package let isoWeek: String?
        package let from: LocalDate
        package let to: LocalDate
        /// False when no run has happened after the period's end yet.
        package let complete: Bool
    }

    package struct Headline: Sendable, Codable, Equatable {
        /// Platform views at the end of the period (views, not unique viewers).
        package let total: Int64
        package let percentOfTarget: Double
        package let gain: Int64
        package let previousGain: Int64?
        package let changeVsPrevious: Int64?
        /// Hand-entered broadcast reach up to the period's end, kept apart from `total`.
        package let handEntered: Int64
        /// The day of the first count when the period ended before it: then `total` is not
        /// "0 views" but "no count yet".
        package var firstCountAfterPeriod: LocalDate?
    }

    /// What was gained after the series ended: people keep watching recordings, and that is
    /// real reach, reported apart from the series' own final standing.
    package struct AfterSeries: Sendable, Codable, Equatable {
        /// The series' last day and its total then.
        package let seriesEnd: LocalDate
        package let totalAtEnd: Int64
        package let percentAtEnd: Double
        /// The latest count, and what it added since the series ended.
        package let latestDay: LocalDate
        package let latestTotal: Int64
        package let gainSinceEnd: Int64
    }

    package struct WeekPoint: Sendable, Codable, Equatable {
        package let week: Int
        package let to: LocalDate
        package let cumulative: Int64
        package let gain: Int64
        package let targetLine: Int64
    }

    package struct Crossing: Sendable, Codable, Equatable {
        package let date: LocalDate
        package let afterRun: Int64?
        package let afterRunAt: Date?
        package let byRun: Int64?
        package let byRunAt: Date?
    }

    package struct Forecast: Sendable, Codable, Equatable {
        package let weeklyPace: Int64
        package let date: LocalDate?
    }

    package struct Pacing: Sendable, Codable, Equatable {
        package let weeks: [WeekPoint]
        package let crossed: Crossing?
        package let forecast: Forecast?
        /// Views per week still needed to reach the target by the series' last week; nil once
        /// it is reached or the series is over.
        package let weeklyGainNeeded: Int64?
    }

    package struct Breakdown: Sendable, Codable, Equatable {
        package let key: String
        package let name: String
        package let total: Int64
        package let gain: Int64
    }

    package struct EventLine: Sendable, Codable, Equatable {
        package let event: String
        package let date: LocalDate?
        package let title: String
        package let kind: String
        package let total: Int64
        package let gain: Int64
    }

    /// One stream on one channel: the unit every sum starts from.
    package struct SeriesLine: Sendable, Codable, Equatable {
        package let event: String
        package let channel: String
        package let total: Int64
        package let gain: Int64
    }

    package struct SeriesQuality: Sendable, Codable, Equatable {
        package let event: String
        package let channel: String
        package let lastOutcome: SampleOutcome
        package let lastDetail: String?
        package let lastCountAt: Date?
        /// Whole days between the last count and the last run; nil if never counted.
        package let daysSinceCount: Int?
        package let failedRuns: Int
        package let absentRuns: Int
    }

    /// A platform channel whose figures are not (or not all) in the views, and why: a
    /// platform without a cumulative count, or viewers that an earlier version stored as views.
    package struct FigureNote: Sendable, Codable, Equatable {
        package let channel: String
        package let name: String
        package let note: String
        /// Series left out of every figure of this report: their stored readings may be viewers.
        package let seriesLeftOut: Int
        /// Viewer readings moved out of the counts into the live figures.
        package let readingsMoved: Int
    }

    /// Gaps and corrections, in the period and since the first run.
    package struct Quality: Sendable, Codable, Equatable {
        package let runs: Int
        package let lastRunAt: Date?
        package let missedNights: [LocalDate]
        package let failedNights: [LocalDate]
        package let staleSeries: [SeriesQuality]
        package let corrections: [CorrectionRecord]
        package let correctedViews: Int64
        package let handEnteredFigures: Int
        package let toDate: ToDate
        /// Channels whose figures are not (or not all) counted as views, in programme order.
        package let figureNotes: [FigureNote]
    }

    package struct ToDate: Sendable, Codable, Equatable {
        package let missedNights: [LocalDate]
        package let failedNights: [LocalDate]
        package let corrections: Int
        package let correctedViews: Int64
    }

    package let programme: ProgrammeInfo
    package let period: Period
    package let counts: String
    package let headline: Headline
    package let pacing: Pacing
    /// Present when counts were read after the series' last day and the period reaches it.
    package var afterSeries: AfterSeries?
    /// The live audience; absent when nothing was polled live in the period.
    package var live: Live?
    /// Donations entered by hand; absent when none was entered up to the period's end.
    package var donations: Donations?
    package let byChannel: [Breakdown]
    package let byKind: [Breakdown]
    package let topEvents: [EventLine]
    package let movers: [EventLine]
    package let series: [SeriesLine]
    /// Hand-entered figures dated in the period.
    package let handEntered: [ManualReach]
    /// Hand-entered reach per broadcast channel: to date (`total`) and in the period (`gain`).
    package let handEnteredByChannel: [Breakdown]
    package let quality: Quality
    package let methodology: String
}
