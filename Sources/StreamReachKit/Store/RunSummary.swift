import Foundation

/// One stored run, as `streamreach runs` lists it.
package struct RunSummary: Sendable, Codable, Equatable {
    package let id: Int64
    package let programme: String
    package let startedAt: Date
    package let finishedAt: Date
    package let seriesCount: Int
    package let okCount: Int
    package let absentCount: Int
    package let failedCount: Int
    package let exitStatus: Int32
}

/// One stored snapshot, read back (tests, reports).
package struct StoredSnapshot: Sendable, Equatable {
    package let eventID: String
    package let channelID: String
    package let runID: Int64
    package let observedAt: Date
    package let value: Int64?
    package let outcome: SampleOutcome
    package let detail: String?
}
