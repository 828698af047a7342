import Testing
@testable import StreamReachKit

/// The engine's scheduling rules, on made-up instants: no socket, no sleeping.
@Suite struct TransferSchedulerTests {
    private let t0 = ContinuousClock.Instant.now
    private func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0.advanced(by: .milliseconds(milliseconds)) }
    private var deadline: ContinuousClock.Instant { at(60_000) }

    private func jobs(_ count: Int, host: String = "a.test", interval: Double = 0, firstID: Int = 0) -> [TransferJob] {
        (0..<count).map { TransferJob(id: firstID + $0, request: HTTPRequest(url: "http://\(host)/v/\($0)"), minimumIntervalSeconds: interval) }
    }

    /// The stall this type was made for: after a transfer finishes, the next one may start
    /// at once, so the engine must not sleep (it slept 50 ms per transfer before).
    @Test func aFreedSlotIsRefilledWithoutWaiting() {
        var scheduler = TransferScheduler<ContinuousClock.Instant>(jobs: jobs(3), concurrency: 1)
        #expect(scheduler.startable(now: at(0)).map(\.job.id) == [0])
        #expect(scheduler.wait(now: at(0), deadline: deadline) == .seconds(60), "all slots busy: only a socket can wake it")
        scheduler.finished()
        #expect(scheduler.wait(now: at(21), deadline: deadline) == .zero)
        #expect(scheduler.startable(now: at(21)).map(\.job.id) == [1])
    }

    @Test func neverMoreThanTheConcurrencyAtOnce() {
        var scheduler = TransferScheduler<ContinuousClock.Instant>(jobs: jobs(5), concurrency: 2)
        #expect(scheduler.startable(now: at(0)).map(\.job.id) == [0, 1])
        #expect(scheduler.startable(now: at(1)).isEmpty)
        scheduler.finished()
        #expect(scheduler.startable(now: at(2)).map(\.job.id) == [2])
        #expect(scheduler.running == 2)
    }

    @Test func aPacedHostHoldsBackOnlyItsOwnJobs() {
        let paced = jobs(3, host: "slow.test", interval: 0.5)
        let free = jobs(2, host: "fast.test", firstID: 10)
        var scheduler = TransferScheduler<ContinuousClock.Instant>(jobs: paced + free, concurrency: 8)
        #expect(scheduler.startable(now: at(0)).map(\.job.id) == [0, 10, 11])
        scheduler.finished()
        #expect(scheduler.wait(now: at(100), deadline: deadline) == .milliseconds(400))
        #expect(scheduler.startable(now: at(499)).isEmpty)
        #expect(scheduler.startable(now: at(500)).map(\.job.id) == [1])
    }

    @Test func aRetryWaitsForItsTimeAndCountsItsAttempt() {
        var scheduler = TransferScheduler<ContinuousClock.Instant>(jobs: jobs(1), concurrency: 4)
        let first = scheduler.startable(now: at(0))
        scheduler.retry(first[0].job, attempt: 2, notBefore: at(2_000))
        #expect(!scheduler.isFinished)
        #expect(scheduler.wait(now: at(500), deadline: deadline) == .milliseconds(1_500))
        #expect(scheduler.startable(now: at(1_999)).isEmpty)
        let again = scheduler.startable(now: at(2_000))
        #expect(again.map(\.attempt) == [2])
        scheduler.finished()
        #expect(scheduler.isFinished)
    }

    @Test func theWaitNeverPassesTheDeadline() {
        var scheduler = TransferScheduler<ContinuousClock.Instant>(jobs: jobs(1), concurrency: 1)
        let first = scheduler.startable(now: at(0))
        scheduler.retry(first[0].job, attempt: 2, notBefore: at(90_000))
        #expect(scheduler.wait(now: at(59_000), deadline: deadline) == .seconds(1))
        #expect(scheduler.wait(now: at(61_000), deadline: deadline) == .zero)
    }

    @Test func drainingReportsWhatNeverGotAnAnswer() {
        var scheduler = TransferScheduler<ContinuousClock.Instant>(jobs: jobs(4), concurrency: 2)
        let started = scheduler.startable(now: at(0))
        scheduler.retry(started[0].job, attempt: 2, notBefore: at(5_000))
        let left = scheduler.drainWaiting()
        #expect(left.map(\.job.id).sorted() == [0, 2, 3])
        #expect(left.first { $0.job.id == 0 }?.attempts == 1)
        #expect(left.first { $0.job.id == 2 }?.attempts == 0)
        #expect(scheduler.running == 1, "the one still in flight is the engine's to abandon")
    }
}
