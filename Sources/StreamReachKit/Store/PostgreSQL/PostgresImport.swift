import Foundation
import Logging
import PostgresNIO

/// One import of a history into PostgreSQL, inside the caller's transaction: the same rules
/// as `SQLiteImport` (each distinct time is one run, a row stored already is skipped when
/// identical and refused when not, rollups folded by ``SeriesRollup``), with the rows sent
/// by COPY while the file is still being read on a thread of its own.
struct PostgresImport {
    /// The caller holds the programme's run lock (``ReachStore/lockRuns(programme:now:)``), as
    /// `import-snapshots` does: a collect of the same programme cannot interleave.
    static func run(_ connection: PostgresConnection, programme: Programme, logger: Logger,
                    rows: @escaping @Sendable (_ emit: (SnapshotRow) throws -> Void) throws -> Void) async throws -> ImportSummary {
        var state = try await PostgresImport(connection: connection, programme: programme, logger: logger)
        let batches = RowBatches()
        Thread {
            batches.produce(rows)
        }.start()
        defer { batches.stop() }
        while true {
            switch await batches.take() {
            case .rows(let rows):
                try await state.add(rows)
            case .failed(let error):
                throw error
            case .end:
                try await state.finish()
                return ImportSummary(rows: state.rowCount - state.skipped, runs: state.runCount,
                                     series: state.seriesNamed.count, skipped: state.skipped)
            }
        }
    }

    private struct CurrentRun {
        let id: Int64
        let time: Int64
        let day: Int
        /// Rows stored before this import at this time, by series: they may be in the file again.
        let stored: [Int64: (value: Int64?, outcome: String)]?
        var ok = 0
        var absent = 0
    }

    private let connection: PostgresConnection
    private let logger: Logger
    private var days: LocalDayOfTime
    private let streams: [String: String]
    private var writer: PostgresProgrammeWriter
    private var storedRuns: [Int64: Int64] = [:]
    private var freeRunIDs: [Int64] = []
    private var newRuns = CopyTextBuffer()
    private var grownRuns: [(id: Int64, ok: Int, absent: Int)] = []
    private(set) var rowCount = 0
    private(set) var runCount = 0
    private(set) var skipped = 0
    private(set) var seriesNamed: Set<String> = []
    private var lastTime = Int64.min
    private var current: CurrentRun?

    private init(connection: PostgresConnection, programme: Programme, logger: Logger) async throws {
        self.connection = connection
        self.logger = logger
        days = LocalDayOfTime(timeZone: programme.series.timeZone)
        streams = ImportRules.streamIDs(programme)
        writer = try await PostgresProgrammeWriter.open(connection, programme: programme.series.id, logger: logger)
        for try await (time, id) in try await connection.run(
            "SELECT started_at, id FROM run WHERE programme_id = \(writer.programmeID)", logger: logger).decode((Int64, Int64).self) {
            storedRuns[time] = id
        }
    }

    private mutating func add(_ rows: [SnapshotRow]) async throws {
        var unknown: [(event: String, channel: String, stream: String)] = []
        for row in rows where writer.seriesID(event: row.event, channel: row.channel) == nil {
            unknown.append((row.event, row.channel, streams[ImportRules.seriesKey(row.event, row.channel)] ?? ""))
        }
        if !unknown.isEmpty { try await writer.prepareSeries(unknown, updateStream: false) }
        for row in rows {
            rowCount += 1
            guard row.observedAt >= lastTime else {
                throw ImportRules.outOfOrder(line: rowCount + 1)
            }
            if row.observedAt != lastTime { try await startRun(at: row.observedAt) }
            lastTime = row.observedAt
            guard var run = current, let seriesID = writer.seriesID(event: row.event, channel: row.channel) else { continue }
            seriesNamed.insert(ImportRules.seriesKey(row.event, row.channel))
            let outcome: SampleOutcome = row.value == nil ? .absent : .ok
            if let stored = run.stored?[seriesID] {
                if let conflict = ImportRules.conflict(row, line: rowCount + 1, storedValue: stored.value, storedOutcome: stored.outcome) {
                    throw conflict
                }
                skipped += 1
                continue
            }
            if row.value == nil { run.absent += 1 } else { run.ok += 1 }
            current = run
            writer.add(seriesID: seriesID, runID: run.id, day: run.day,
                       SeriesRollup.Snapshot(runID: run.id, observedAt: row.observedAt, value: row.value, outcome: outcome, detail: nil),
                       attempts: 1)
        }
        try await sendRuns()
        try await writer.sendSnapshots()
    }

    private mutating func startRun(at time: Int64) async throws {
        closeRun()
        let dayNumber = days.day(of: time)
        if let stored = storedRuns[time] {
            var rows: [Int64: (value: Int64?, outcome: String)] = [:]
            for try await (seriesID, value, outcome) in try await connection.run("""
                SELECT series_id, value, outcome FROM snapshot WHERE programme_id = \(writer.programmeID) AND run_id = \(stored)
                """, logger: logger).decode((Int64, Int64?, String).self) {
                rows[seriesID] = (value, outcome)
            }
            current = CurrentRun(id: stored, time: time, day: dayNumber, stored: rows)
            return
        }
        current = CurrentRun(id: try await nextRunID(), time: time, day: dayNumber, stored: nil)
        runCount += 1
    }

    /// Run ids come from the run table's own sequence, a thousand at a time, so the runs can
    /// be sent by COPY with the snapshots instead of one INSERT each.
    private mutating func nextRunID() async throws -> Int64 {
        if freeRunIDs.isEmpty {
            for try await id in try await connection.run(
                "SELECT nextval(pg_get_serial_sequence('run', 'id')) FROM generate_series(1, 1000)", logger: logger).decode(Int64.self) {
                freeRunIDs.append(id)
            }
            freeRunIDs.reverse()
        }
        return freeRunIDs.removeLast()
    }

    private mutating func closeRun() {
        guard let run = current else { return }
        current = nil
        guard run.stored == nil else {
            grownRuns.append((run.id, run.ok, run.absent))
            return
        }
        for field: Int64 in [Int64(writer.programmeID), run.id, run.time, run.time, Int64(run.ok + run.absent), Int64(run.ok), Int64(run.absent), 0, 0,
                             Int64(run.day)] {
            newRuns.add(field)
        }
        newRuns.endRow()
    }

    private mutating func sendRuns() async throws {
        guard !newRuns.isEmpty else { return }
        try await connection.copy(newRuns.take(), into: "run",
                                  columns: ["programme_id", "id", "started_at", "finished_at", "series_count", "ok_count", "absent_count",
                                            "failed_count", "exit_status", "local_day"],
                                  logger: logger)
    }

    private mutating func finish() async throws {
        closeRun()
        try await sendRuns()
        try await writer.finish()
        // An import can multiply a table's size at once, long before autovacuum looks:
        // without fresh statistics the planner scanned where it should seek, and the first
        // report after a 10-million-row import took 1.3 s instead of 0.3 s.
        try await connection.run("ANALYZE run, series, series_latest, series_day, series_week, correction", logger: logger)
        for run in grownRuns {
            try await connection.run("""
                UPDATE run SET series_count = series_count + \(run.ok + run.absent), ok_count = ok_count + \(run.ok),
                    absent_count = absent_count + \(run.absent)
                WHERE programme_id = \(writer.programmeID) AND id = \(run.id)
                """, logger: logger)
        }
    }
}
