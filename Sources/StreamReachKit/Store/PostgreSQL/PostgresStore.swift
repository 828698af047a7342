import Foundation
import Logging
import PostgresNIO

/// The shared store: one PostgreSQL database that several venues' nightly jobs write to at
/// once, through PostgresNIO's connection pool.
///
/// Each run is one transaction; runs of one programme are kept apart by an advisory lock
/// (``PostgresRunLock``), runs of different programmes go on in parallel. Reports read in
/// one `REPEATABLE READ` transaction. The same contract as ``SQLiteStore``
/// (`StoreContractTests` run against both).
package final class PostgresStore: ReachStore {
    package let address: PostgresAddress
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger
    /// The connection of the first contact, kept for the run lock that a nightly job takes
    /// next: one connection fewer for every run (eight venues starting at once opened 32).
    private let spare = SpareConnection()
    /// The run lock this store took last, while it is held: its connection serves the run's
    /// own reads and writes (``PostgresRunLock/borrow()``).
    private let runLock = HeldRunLock()

    package var location: String { address.description }

    /// Connects and migrates (whoever starts first migrates, under a lock).
    package static func open(_ address: PostgresAddress) async throws -> PostgresStore {
        let store = try PostgresStore(address: address)
        try await store.withFirstConnection(keep: true) { connection in
            try await PostgresMigrations.migrate(connection, logger: store.logger)
        }
        return store
    }

    /// Connects to a database that StreamReach has written before: reading commands never
    /// create the schema in a database named by mistake.
    package static func existing(_ address: PostgresAddress) async throws -> PostgresStore {
        let store = try PostgresStore(address: address)
        let found = try await store.withFirstConnection { connection in
            for try await name in try await connection.run("SELECT to_regclass('streamreach_migration')::text", logger: store.logger)
                .decode(String?.self) {
                return name != nil
            }
            return false
        }
        guard found else { throw StoreError.noDatabase(path: address.description) }
        return store
    }

    /// The first contact goes through a connection of its own, not the pool: a wrong
    /// password or a server that is down fails at once with the server's own words, where
    /// the pool would retry for a minute and then say only that it gave up.
    private func withFirstConnection<T>(keep: Bool = false, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: address.connectionConfiguration(applicationName: "streamreach"), id: 0, logger: logger)
            do {
                let result = try await body(connection)
                if keep {
                    spare.put(connection)
                } else {
                    try await connection.close()
                }
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }

    private init(address: PostgresAddress) throws {
        self.address = address
        // PostgresNIO logs nothing here: its messages could carry connection details.
        logger = Logger(label: "streamreach.postgres") { _ in SwiftLogNoOpLogHandler() }
        let client = PostgresClient(configuration: try address.clientConfiguration(), backgroundLogger: logger)
        self.client = client
        running = Task { await client.run() }
    }

    deinit {
        running.cancel()
        spare.close()
    }

    package func lockRuns(programme: String, now: Date) async throws -> any RunLease {
        do {
            let lock = try await PostgresRunLock.take(address, programme: programme, now: now, reusing: spare.take(), logger: logger)
            runLock.hold(lock)
            return lock
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }

    package func record(streaming feed: SampleFeed) async throws -> Int64 {
        try await writing(programme: feed.programme) { connection, logger in
            try await PostgresRunRecorder(connection: connection, logger: logger).record(feed)
        }
    }

    package func importHistory(_ programme: Programme, rows: @escaping @Sendable (_ emit: (SnapshotRow) throws -> Void) throws -> Void) async throws -> ImportSummary {
        try await writing(programme: programme.series.id) { connection, logger in
            try await PostgresImport.run(connection, programme: programme, logger: logger, rows: rows)
        }
    }

    @discardableResult
    package func recordManualReach(programme: String, _ entries: [ManualReach], enteredAt: Date) async throws -> [Int64?] {
        try await writing(programme: programme) { connection, logger in
            let id = try await PostgresProgrammeWriter.programmeID(connection, programme: programme, logger: logger)
            var replaced: [Int64?] = []
            for entry in entries {
                var previous: Int64?
                for try await figure in try await connection.run("""
                    SELECT figure FROM manual_reach
                    WHERE programme_id = \(id) AND event_id = \(entry.event) AND channel_id = \(entry.channel) AND day = \(entry.date.dayNumber)
                    """, logger: logger).decode(Int64.self) {
                    previous = figure
                }
                replaced.append(previous)
                try await connection.run("""
                    INSERT INTO manual_reach (programme_id, event_id, channel_id, day, figure, source, entered_at)
                    VALUES (\(id), \(entry.event), \(entry.channel), \(entry.date.dayNumber), \(entry.figure), \(entry.source),
                            \(Int64(enteredAt.timeIntervalSince1970)))
                    ON CONFLICT (programme_id, event_id, channel_id, day) DO UPDATE
                    SET figure = excluded.figure, source = excluded.source, entered_at = excluded.entered_at
                    """, logger: logger)
            }
            return replaced
        }
    }

    @discardableResult
    package func recordDonations(programme: String, _ donations: [Donation], as entry: DonationEntry, enteredAt: Date) async throws -> [Donation] {
        try await writing(programme: programme) { connection, logger in
            let id = try await PostgresProgrammeWriter.programmeID(connection, programme: programme, logger: logger)
            var stored: [Donation] = []
            for donation in donations {
                let (day, event) = (donation.date.dayNumber, donation.event ?? "")
                var numbered = donation
                if case .adding = entry {
                    var last = 0
                    for try await occurrence in try await connection.run("""
                        SELECT COALESCE(MAX(occurrence), 0) FROM donation
                        WHERE programme_id = \(id) AND day = \(day) AND amount = \(donation.amount) AND currency = \(donation.currency)
                          AND reference = \(donation.reference) AND event_id = \(event) AND source = \(donation.source)
                        """, logger: logger).decode(Int.self) {
                        last = occurrence
                    }
                    numbered = donation.numbered(last + 1)
                }
                var inserted = false
                for try await _ in try await connection.run("""
                    INSERT INTO donation (programme_id, day, amount, currency, reference, event_id, source, occurrence, entered_at)
                    VALUES (\(id), \(day), \(donation.amount), \(donation.currency), \(donation.reference), \(event), \(donation.source),
                            \(numbered.occurrence), \(Int64(enteredAt.timeIntervalSince1970)))
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, logger: logger).decode(Int.self) {
                    inserted = true
                }
                if inserted { stored.append(numbered) }
            }
            return stored
        }
    }

    package func separateFigures(programme: String, channels: Set<String>) async throws -> [FigureSeparation] {
        guard !channels.isEmpty else { return [] }
        return try await writing(programme: programme) { connection, logger in
            try await PostgresFigureSeparation(connection: connection, logger: logger).run(programme: programme, channels: channels)
        }
    }

    package func recordAudience(programme: String, _ samples: [AudienceSample]) async throws {
        guard !samples.isEmpty else { return }
        try await writing(programme: programme) { connection, logger in
            var writer = try await PostgresProgrammeWriter.open(connection, programme: programme, logger: logger)
            try await writer.prepareSeries(samples.map { ($0.eventID, $0.channelID, $0.streamID) }, updateStream: false)
            var rows = CopyTextBuffer()
            for sample in samples {
                guard let seriesID = writer.seriesID(event: sample.eventID, channel: sample.channelID) else { continue }
                rows.add(seriesID)
                rows.add(Int64(sample.observedAt.timeIntervalSince1970))
                rows.add(sample.viewers)
                rows.add(sample.origin.rawValue)
                rows.endRow()
            }
            try await connection.run("""
                CREATE TEMPORARY TABLE IF NOT EXISTS audience_in (series_id bigint, observed_at bigint, viewers bigint, origin text)
                ON COMMIT DELETE ROWS
                """, logger: logger)
            try await connection.copy(rows.take(), into: "audience_in", logger: logger)
            // A sample the store holds already (same series and time) is kept: copies and
            // a restarted poller may hand one over twice.
            try await connection.run("""
                INSERT INTO audience_sample (programme_id, series_id, observed_at, viewers, origin)
                SELECT \(writer.programmeID), series_id, observed_at, viewers, origin FROM audience_in
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    package func recordLiveEnd(programme: String, _ views: [LiveEndViews]) async throws {
        guard !views.isEmpty else { return }
        try await writing(programme: programme) { connection, logger in
            var writer = try await PostgresProgrammeWriter.open(connection, programme: programme, logger: logger)
            try await writer.prepareSeries(views.map { ($0.eventID, $0.channelID, $0.streamID) }, updateStream: false)
            for entry in views {
                guard let seriesID = writer.seriesID(event: entry.eventID, channel: entry.channelID) else { continue }
                try await connection.run("""
                    INSERT INTO live_end_views (programme_id, series_id, observed_at, views)
                    VALUES (\(writer.programmeID), \(seriesID), \(Int64(entry.observedAt.timeIntervalSince1970)), \(entry.views))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
        }
    }

    package func reserveQuota(day: LocalDate, units: Int, limit: Int, job: QuotaJob) async throws -> Int {
        guard units > 0 else { return 0 }
        return try await writing(programme: nil) { connection, logger in
            // One ledger for every venue of the server: the budget's lock, then the sum.
            try await connection.run("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lockClass), \(Self.quotaLockObject))", logger: logger)
            var used = 0
            for try await sum in try await connection.run("""
                SELECT COALESCE(SUM(units), 0)::bigint FROM quota_ledger WHERE day = \(Int32(day.dayNumber))
                """, logger: logger).decode(Int64.self) {
                used = Int(sum)
            }
            let granted = max(0, min(units, limit - used))
            if granted > 0 {
                try await connection.run("""
                    INSERT INTO quota_ledger (day, job, units) VALUES (\(Int32(day.dayNumber)), \(job.rawValue), \(Int32(granted)))
                    ON CONFLICT (day, job) DO UPDATE SET units = quota_ledger.units + excluded.units
                    """, logger: logger)
            }
            return granted
        }
    }

    /// The advisory lock object of the quota ledger (class ``PostgresMigrations/lockClass``).
    static let quotaLockObject: Int32 = 1

    package func returnQuota(day: LocalDate, units: Int, job: QuotaJob) async throws {
        guard units > 0 else { return }
        try await writing(programme: nil) { connection, logger in
            _ = try await connection.run("""
                UPDATE quota_ledger SET units = GREATEST(0, units - \(Int32(units)))
                WHERE day = \(Int32(day.dayNumber)) AND job = \(job.rawValue)
                """, logger: logger)
        }
    }

    package func read<T: Sendable>(_ body: @Sendable (any ReachReading) async throws -> T) async throws -> T {
        do {
            // The body runs before `read` returns; the lease only needs it for that long.
            let logger = logger
            return try await withoutActuallyEscaping(body) { body in try await leased { connection in
                try await connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger) {
                    try await body(PostgresReachReader(connection: connection, logger: logger))
                }
            } }
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }

    /// Each programme's change counter, moved by every write transaction (schema v5): the
    /// writes of other programmes and other databases leave it alone.
    package func changeMark(programmes: [String]) async throws -> String {
        let logger = logger
        do {
            return try await leased { connection in
                var marks: [String] = []
                for try await (name, version) in try await connection.run("""
                    SELECT programme.name, store_change.version FROM store_change JOIN programme ON programme.id = store_change.programme_id
                    WHERE programme.name = ANY(\(programmes)) ORDER BY programme.name
                    """, logger: logger).decode((String, Int64).self) {
                    marks.append("\(name)=\(version)")
                }
                return marks.joined(separator: ",")
            }
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }

    package func runs(limit: Int, programme: String?) async throws -> [RunSummary] {
        let logger = logger
        do {
            return try await leased { connection in
                try await PostgresRunRows.summaries(connection, logger: logger, """
                    SELECT \(unescaped: PostgresRunRows.columns), programme.name FROM run JOIN programme ON programme.id = run.programme_id
                    WHERE \(programme)::text IS NULL OR programme.name = \(programme)
                    ORDER BY run.id DESC LIMIT \(limit)
                    """)
            }
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }

    package func snapshots(runID: Int64?) async throws -> [StoredSnapshot] {
        let logger = logger
        do {
            return try await leased { connection in
                var snapshots: [StoredSnapshot] = []
                let rows = try await connection.run("""
                    SELECT series.event_id, series.channel_id, snapshot.run_id, snapshot.observed_at, snapshot.value, snapshot.outcome, snapshot.detail,
                           series.stream_id, snapshot.attempts
                    FROM snapshot JOIN series ON series.programme_id = snapshot.programme_id AND series.id = snapshot.series_id
                    WHERE \(runID)::bigint IS NULL OR snapshot.run_id = \(runID)
                    ORDER BY snapshot.run_id, series.event_id, series.channel_id
                    """, logger: logger)
                for try await (event, channel, run, observedAt, value, outcome, detail, stream, attempts) in rows.decode(
                    (String, String, Int64, Int64, Int64?, String, String?, String, Int32).self) {
                    snapshots.append(StoredSnapshot(eventID: event, channelID: channel, runID: run,
                                                    observedAt: Date(timeIntervalSince1970: Double(observedAt)), value: value,
                                                    outcome: SampleOutcome(rawValue: outcome) ?? .permanent, detail: detail,
                                                    streamID: stream, attempts: Int(attempts)))
                }
                return snapshots
            }
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }

    /// How long an operation waits for a connection from the pool before it gives up.
    static let leaseTimeout: Duration = .seconds(15)

    private func leased<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        if let lock = runLock.current, let connection = lock.borrow() {
            defer { lock.giveBack() }
            return try await body(connection)
        }
        let address = address
        return try await client.withConnection(timeout: Self.leaseTimeout, unreachable: {
            StoreError(path: address.description, message: "no connection to the server within \(Self.leaseTimeout); is it running, and is the address right?",
                       exitStatus: .temporaryFailure)
        }, body)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// Just before the commit it moves `programme`'s change counter (``changeMark(programmes:)``):
    /// last, so the counter's row is locked for the commit only, and a live poller's write is
    /// never held up behind a nightly run of the same programme.
    private func writing<T: Sendable>(programme: String?, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let logger = logger
        do {
            return try await leased { connection in
                try await connection.transaction(logger: logger) {
                    let result = try await body(connection, logger)
                    // The quota ledger (no programme) shows on no page.
                    if let programme { try await connection.run("""
                        INSERT INTO store_change (programme_id, version) SELECT id, 1 FROM programme WHERE name = \(programme)
                        ON CONFLICT (programme_id) DO UPDATE SET version = store_change.version + 1
                        """, logger: logger) }
                    return result
                }
            }
        } catch {
            throw StoreError.translating(error, address: address)
        }
    }
}

/// A weak hold on the run lock taken last: the job that took it owns it.
private final class HeldRunLock: @unchecked Sendable {
    private let lock = NSLock()
    private weak var held: PostgresRunLock?

    func hold(_ runLock: PostgresRunLock) { lock.withLock { held = runLock } }
    var current: PostgresRunLock? { lock.withLock { held } }
}

/// At most one idle connection, handed over once.
private final class SpareConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: PostgresConnection?

    func put(_ connection: PostgresConnection) { lock.withLock { self.connection = connection } }

    func take() -> PostgresConnection? {
        lock.withLock {
            defer { connection = nil }
            return connection
        }
    }

    /// Closes it if nobody took it.
    func close() { take()?.closeSoon() }
}
