import Foundation
import Logging
import PostgresNIO

/// Writes one collected run inside the caller's transaction: the run row, the snapshots as
/// the feed hands them over (a COPY per batch, while the run goes on), then the rollups and
/// the run's counts.
struct PostgresRunRecorder {
    let connection: PostgresConnection
    let logger: Logger

    func record(_ feed: SampleFeed) async throws -> Int64 {
        var writer = try await PostgresProgrammeWriter.open(connection, programme: feed.programme, logger: logger)
        let started = Int64(feed.startedAt.timeIntervalSince1970)
        var runID: Int64 = 0
        for try await id in try await connection.run("""
            INSERT INTO run (programme_id, started_at, finished_at, series_count, ok_count, absent_count, failed_count, exit_status, local_day,
                             figures_apart)
            VALUES (\(writer.programmeID), \(started), \(started), 0, 0, 0, 0, 0, \(feed.day.dayNumber), \(feed.figuresApart)) RETURNING id
            """, logger: logger).decode(Int64.self) {
            runID = id
        }
        var written: Set<CollectionTarget> = []
        while true {
            switch await feed.nextBatch() {
            case .samples(let samples):
                try await write(samples, into: &writer, runID: runID, observedAt: started, day: feed.day.dayNumber, written: &written)
            case .finished(let run):
                try await write(run.samples, into: &writer, runID: runID, observedAt: started, day: feed.day.dayNumber, written: &written)
                try await writer.finish()
                try await connection.run("""
                    UPDATE run SET finished_at = \(Int64(run.finishedAt.timeIntervalSince1970)), series_count = \(run.samples.count),
                        ok_count = \(run.count(.ok)), absent_count = \(run.count(.absent)), failed_count = \(run.failures.count),
                        exit_status = \(run.exitStatus.rawValue)
                    WHERE programme_id = \(writer.programmeID) AND id = \(runID)
                    """, logger: logger)
                return runID
            case .cancelled:
                throw RunCancelled()
            }
        }
    }

    /// Writes the samples not written in this run yet (a sample that arrived early is in the
    /// finished run again).
    private func write(_ samples: [Sample], into writer: inout PostgresProgrammeWriter, runID: Int64, observedAt: Int64, day: Int,
                       written: inout Set<CollectionTarget>) async throws {
        let fresh = samples.filter { written.insert($0.target).inserted }
        guard !fresh.isEmpty else { return }
        try await writer.prepareSeries(fresh.map { ($0.target.eventID, $0.target.channelID, $0.target.streamID) }, updateStream: true)
        for sample in fresh {
            guard let seriesID = writer.seriesID(event: sample.target.eventID, channel: sample.target.channelID) else { continue }
            let reading = sample.reading
            writer.add(seriesID: seriesID, runID: runID, day: day,
                       SeriesRollup.Snapshot(runID: runID, observedAt: observedAt, value: reading.value,
                                             outcome: reading.outcome, detail: reading.detail),
                       attempts: sample.attempts)
        }
        // A COPY into the partitioned snapshot table costs the server ~0.4 ms before its first
        // row; sent for every batch of the feed (128 samples), that was 16 COPYs a
        // 2,000-series run. What is left goes with the run's end (`finish`).
        if writer.pendingBytes >= Self.snapshotBytesPerCopy { try await writer.sendSnapshots() }
    }

    /// About 800 snapshot rows as COPY text.
    private static let snapshotBytesPerCopy = 32 * 1024
}
