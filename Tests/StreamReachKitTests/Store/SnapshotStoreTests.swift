import Foundation
import Testing
@testable import StreamReachKit

@Suite struct SnapshotStoreTests {
    private func run(_ values: [(String, SeriesReading)], at seconds: Double) -> CollectionRun {
        CollectionRun(
            programme: "test", startedAt: Date(timeIntervalSince1970: seconds), finishedAt: Date(timeIntervalSince1970: seconds + 3),
            day: LocalDate(dayNumber: Int(seconds / 86400)),
            samples: values.map { Sample(target: CollectionTarget(eventID: $0.0, channelID: "youtube", streamID: "id-\($0.0)"),
                                         reading: $0.1, attempts: 1, url: "https://x") })
    }

    @Test func aRunAndItsSnapshotsRoundTrip() throws {
        let store = try SnapshotStore()
        let first = try store.record(run([("a", .count(10)), ("b", SeriesReading(outcome: .absent, detail: "offline"))], at: 1000))
        let second = try store.record(run([("a", .count(8)), ("b", SeriesReading(outcome: .transient, detail: "HTTP 503"))], at: 2000))
        #expect(second == first + 1)
        let snapshots = try store.snapshots()
        #expect(snapshots.map(\.value) == [10, nil, 8, nil])
        #expect(snapshots.map(\.outcome) == [.ok, .absent, .ok, .transient])
        let runs = try store.runs(limit: 10)
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[0].failedCount == 1)
        #expect(runs[0].exitStatus == ExitStatus.temporaryFailure.rawValue)
        #expect(runs[1].absentCount == 1)
    }

    @Test func aFileStoreIsAWALDatabaseReadableOnlyByItsOwner() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db/streamreach.sqlite").path
        let store = try SnapshotStore(path: path)
        try store.record(run([("a", .count(1))], at: 1000))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // Reopening migrates nothing twice and keeps the data.
        #expect(try SnapshotStore(path: path).runs(limit: 5).count == 1)
    }

    @Test func theSchemaRefusesAValueWithoutAnOKOutcome() throws {
        let store = try SnapshotStore()
        #expect(throws: StoreError.self) {
            try store.record(run([("a", SeriesReading(outcome: .absent, value: 5, detail: nil))], at: 1000))
        }
        // Nothing of the failed run was kept: its run row went with the transaction.
        #expect(try store.runs(limit: 5).isEmpty)
    }

    @Test func theLockRefusesASecondHolderAndFreesOnRelease() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path + ".lock") }
        var first: RunLock? = try RunLock(databasePath: path)
        let error = try #require(throws: RunLockError.self) { try RunLock(databasePath: path) }
        #expect(error.localizedDescription.contains("pid \(getpid())"))
        first = nil
        _ = first
        #expect(throws: Never.self) { try RunLock(databasePath: path) }
    }
}
