import Foundation
import GRDB

/// Imports a history of counts in bulk (`streamreach import-snapshots`): counts kept
/// elsewhere before StreamReach ran, or moved from another database. Each distinct time
/// becomes one run; rollups are built in memory as the rows stream past and written once,
/// all in one transaction, so an import is stored whole or not at all.
package struct SnapshotImporter {
    /// One row: when, which stream on which channel, and the count (nil: absent).
    package struct Row: Sendable {
        package let observedAt: Int64
        package let event: String
        package let channel: String
        package let value: Int64?

        package init(observedAt: Int64, event: String, channel: String, value: Int64?) {
            self.observedAt = observedAt
            self.event = event
            self.channel = channel
            self.value = value
        }
    }

    package struct Summary: Sendable, Equatable {
        package let rows: Int
        package let runs: Int
        package let series: Int
    }

    package let store: SnapshotStore
    package let programme: Programme

    package init(store: SnapshotStore, programme: Programme) {
        self.store = store
        self.programme = programme
    }

    /// Imports rows in ascending time order; `rows` is called inside the transaction and
    /// may throw (a bad line) to roll everything back.
    package func importRows(_ rows: (_ emit: (Row) throws -> Void) throws -> Void) throws -> Summary {
        let programmeID = programme.series.id
        let zone = TimeZoneConverter(identifier: programme.series.timeZone)
        let streams = Dictionary(programme.events.flatMap { event in event.streams.map { ("\(event.id)\u{0}\($0.key)", $0.value) } },
                                 uniquingKeysWith: { first, _ in first })
        do {
            return try store.writer.writeWithoutTransaction { db in
                // Rows arrive by time and land by series in the snapshot table's key order,
                // so every insert touches a different page: keep them all in memory.
                try db.execute(sql: "PRAGMA cache_size = -262144")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                var summary = Summary(rows: 0, runs: 0, series: 0)
                try db.inTransaction {
                    var state = ImportState(db: db, programme: programmeID, zone: zone, streams: streams)
                    try state.prepare()
                    try rows { row in try state.add(row) }
                    try state.finish()
                    summary = Summary(rows: state.rowCount, runs: state.runs.count, series: state.series.count)
                    return .commit
                }
                return summary
            }
        } catch let error as DatabaseError {
            throw StoreError(path: store.path, error)
        }
    }
}

/// Import errors that are the input's fault, with the line they are on.
package struct SnapshotImportError: Error, LocalizedError, Sendable {
    package let line: Int
    package let message: String
    package var errorDescription: String? { "line \(line): \(message)" }
}
