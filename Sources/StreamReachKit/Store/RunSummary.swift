import Foundation
import GRDB

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

extension RunSummary {
    init(row: Row) {
        self.init(
            id: row["id"], programme: row["programme"],
            startedAt: Date(timeIntervalSince1970: Double(row["started_at"] as Int64)),
            finishedAt: Date(timeIntervalSince1970: Double(row["finished_at"] as Int64)),
            seriesCount: row["series_count"], okCount: row["ok_count"], absentCount: row["absent_count"],
            failedCount: row["failed_count"], exitStatus: row["exit_status"])
    }
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
    /// The stream's id on its platform, as the series holds it now.
    package var streamID = ""
    package var attempts = 1
}
