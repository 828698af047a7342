import Foundation

/// What the rest of StreamReach needs from a store of runs and counts.
///
/// SQLite (``SQLiteStore``) is the embedded implementation; a shared server store
/// implements the same protocol and runs the same contract tests (`StoreContractTests`).
/// Reports and aggregation see only this protocol and ``ReachReading``. Async, because a
/// server store is: an embedded one simply does its work inside.
package protocol ReachStore: Sendable {
    /// Where the store is, for messages: a file path, or a server address without its password.
    var location: String { get }
    /// Takes the run lock of the store or throws ``RunLockError/held(path:holder:)`` at once,
    /// naming the holder; the lock is released when the lease is released.
    func lockRuns(programme: String, now: Date) async throws -> any RunLease
    /// Stores a run with every snapshot and its rollups while it is being collected: samples
    /// are written as `feed` hands them over, and committed, all or nothing, when the feed
    /// is finished; a cancelled feed leaves nothing. Returns the run's id.
    func record(streaming feed: SampleFeed) async throws -> Int64
    /// Imports a history of counts given in ascending time, all or nothing. `rows` is called
    /// once and may throw (a bad line) to roll everything back. A row the store holds already
    /// (same event, channel and time) is skipped when its count is the same and refused
    /// (``SnapshotImportError``, nothing stored) when it is not: an import is idempotent.
    /// The caller holds the programme's run lock, so no collect run of it interleaves.
    func importHistory(_ programme: Programme, rows: @escaping @Sendable (_ emit: (SnapshotRow) throws -> Void) throws -> Void) async throws -> ImportSummary
    /// Stores hand-entered figures, all or none; one for the same event, channel and date
    /// replaces the earlier one (a corrected estimate). Returns, for each entry, the figure
    /// it replaced (nil: a new one), so the command can say what it changed.
    @discardableResult
    func recordManualReach(programme: String, _ entries: [ManualReach], enteredAt: Date) async throws -> [Int64?]
    /// Stores donations, all or none. `.adding`: each is one more donation, numbered after
    /// the identical ones stored. `.importing`: each keeps its occurrence, and a line the
    /// store holds already is skipped, so a statement imported twice is stored once.
    /// Returns the donations stored now, with their occurrence.
    @discardableResult
    func recordDonations(programme: String, _ donations: [Donation], as entry: DonationEntry, enteredAt: Date) async throws -> [Donation]
    /// Runs `body` on one consistent view of the store: every read in it sees the same state,
    /// even while a run is being written.
    func read<T: Sendable>(_ body: @Sendable (any ReachReading) async throws -> T) async throws -> T
    /// Moves the readings of `channels` that runs stored before views and viewers were told
    /// apart (schema v4) hold out of the counts: their figures go to the audience samples,
    /// their snapshots and the rollups built on them are removed, and the rollups are folded
    /// again from what remains. One transaction; a second call finds nothing left to move.
    /// The caller holds the programme's run lock and knows, from the programme, which
    /// channels read viewers then (``Programme/channelsThatReadViewersAsViews(sources:)``).
    func separateFigures(programme: String, channels: Set<String>) async throws -> [FigureSeparation]
    /// Stores audience samples; one the store holds already (same series and time) is kept.
    func recordAudience(programme: String, _ samples: [AudienceSample]) async throws
    /// Stores the views read at the end of live streams; a stream's first one is kept.
    func recordLiveEnd(programme: String, _ views: [LiveEndViews]) async throws
    /// Grants up to `units` of `day`'s quota budget `limit` to `job`, and books them at
    /// once: processes asking at the same time (the nightly job and the live poller) are
    /// never granted more than the budget between them. Returns the units granted.
    func reserveQuota(day: LocalDate, units: Int, limit: Int, job: QuotaJob) async throws -> Int
    /// Gives back granted units that were not spent: the ledger then holds the calls made.
    func returnQuota(day: LocalDate, units: Int, job: QuotaJob) async throws
    /// The latest runs of `programme`, or of every programme when it is nil, newest first.
    func runs(limit: Int, programme: String?) async throws -> [RunSummary]
    /// Stored snapshots, of one run or of all, in run order: for checks and tests.
    func snapshots(runID: Int64?) async throws -> [StoredSnapshot]
    /// A value that changes whenever something about `programmes` is committed to the store,
    /// by this process or another: the served board polls it (several times a second) to
    /// know when a cached page is stale and when to push new live figures. It may also change
    /// when nothing a page shows did (the board compares what it renders); it never stays the
    /// same across a commit about one of them. Cheap: no table of figures is read.
    func changeMark(programmes: [String]) async throws -> String
}

extension ReachStore {
    package func snapshots() async throws -> [StoredSnapshot] { try await snapshots(runID: nil) }

    /// The latest runs of every programme, newest first.
    package func runs(limit: Int) async throws -> [RunSummary] { try await runs(limit: limit, programme: nil) }

    /// Stores a finished run with every snapshot and its rollups, all or nothing; returns its id.
    @discardableResult
    package func record(_ run: CollectionRun, figuresApart: Bool = true) async throws -> Int64 {
        try await record(streaming: SampleFeed(finished: run, figuresApart: figuresApart))
    }
}

/// The feed was cancelled: the run it was storing is rolled back.
package struct RunCancelled: Error, LocalizedError, ExitStatusReporting {
    package var errorDescription: String? { "the run stopped before it was complete; nothing of it was stored" }
    package var exitStatus: ExitStatus { .temporaryFailure }
}

/// A held run lock; released by ``release()``, or at the latest when the last reference goes.
package protocol RunLease: AnyObject, Sendable {
    /// Releases the lock now and returns once it is free for the next run.
    func release() async
}

extension RunLease {
    package func release() async {}
}

/// One row of an imported history: when, which stream on which channel, the count (nil: absent).
package struct SnapshotRow: Sendable {
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

/// What an import stored.
package struct ImportSummary: Sendable, Equatable {
    /// Rows stored now.
    package let rows: Int
    /// Runs made now (one per new distinct time).
    package let runs: Int
    /// Series the file named.
    package let series: Int
    /// Rows the store held already with the same count: importing a file twice stores it once.
    package var skipped = 0
}
