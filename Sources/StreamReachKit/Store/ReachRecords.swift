import Foundation

/// The state of one series as the rollups keep it.
package struct SeriesState: Sendable, Equatable {
    package let seriesID: Int64
    package let eventID: String
    package let channelID: String
    /// Latest count read, nil if none yet.
    package let value: Int64?
    package let observedAt: Date?
    package let lastOutcome: SampleOutcome
    package let lastDetail: String?
    package let okRuns: Int
    package let absentRuns: Int
    package let failedRuns: Int
    package let corrections: Int
    package let correctedViews: Int64
}

/// A drop in a series' count: the platform removed views.
package struct CorrectionRecord: Sendable, Equatable, Codable {
    package let event: String
    package let channel: String
    package let runID: Int64
    package let at: Date
    package let day: LocalDate
    package let previousValue: Int64
    package let value: Int64
}

/// One stored run, reduced to what reports need.
package struct RunDay: Sendable, Equatable {
    package let runID: Int64
    package let startedAt: Date
    package let day: LocalDate
    package let seriesCount: Int
    package let failedCount: Int
}
