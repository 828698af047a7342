import Foundation

/// Hands a run's samples from the transfer thread to the store while the run is still being
/// collected, so storing overlaps the wait for the slowest answers instead of following it.
///
/// The producer adds samples as each request finishes and then finishes the feed with the
/// whole run; the store takes them in one transaction (``ReachStore/record(streaming:)``).
/// A cancelled feed stores nothing. A class with a lock and a condition because one taker
/// (SQLite's) is a database writer thread that must block; the other (PostgreSQL's) is an
/// async task, which waits in ``nextBatch()`` without holding a thread.
package final class SampleFeed: @unchecked Sendable {
    /// The run's header, known before any sample: the store writes the run row first.
    package let programme: String
    package let startedAt: Date
    package let day: LocalDate
    /// False only for a run copied from a store's history from before views and viewers
    /// were told apart (docs/SCHEMA.md, v4): the copy keeps that mark.
    package let figuresApart: Bool

    package enum Item {
        case samples([Sample])
        case finished(CollectionRun)
        case cancelled
    }

    private let condition = NSCondition()
    private var pending: [Sample] = []
    private var end: Item?
    /// An async taker waiting for the next item (``nextBatch()``).
    private var waiter: CheckedContinuation<Item, Never>?

    package init(programme: String, startedAt: Date, day: LocalDate, figuresApart: Bool = true) {
        self.programme = programme
        self.startedAt = startedAt
        self.day = day
        self.figuresApart = figuresApart
    }

    /// A feed that is already finished: storing a run collected beforehand.
    package convenience init(finished run: CollectionRun, figuresApart: Bool = true) {
        self.init(programme: run.programme, startedAt: run.startedAt, day: run.day, figuresApart: figuresApart)
        finish(run)
    }

    package func add(_ samples: [Sample]) {
        guard !samples.isEmpty else { return }
        condition.lock()
        pending += samples
        // Woken for a batch, not for every answer: a wake-up per sample was thousands of
        // thread switches a run, on a machine whose other core serves the platform.
        if pending.count >= Self.batch {
            condition.signal()
            if let waiter = takeWaiter() { condition.unlock(); waiter.resume(returning: .samples(takePending())); return }
        }
        condition.unlock()
    }

    /// Samples the store takes at once while the run goes on.
    static let batch = 128

    /// The run is complete; samples of it not added yet are stored from `run` itself.
    package func finish(_ run: CollectionRun) { close(.finished(run)) }

    /// The run failed before it was complete: nothing of it is stored.
    package func cancel() { close(.cancelled) }

    /// Blocks until samples or the end arrive; samples first, then the end, once.
    package func next() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && end == nil { condition.wait() }
        if !pending.isEmpty {
            defer { pending.removeAll(keepingCapacity: true) }
            return .samples(pending)
        }
        return end!
    }

    /// Suspends until samples or the end arrive, like ``next()``, for an async taker.
    package func nextBatch() async -> Item {
        await withCheckedContinuation { continuation in
            condition.lock()
            if !pending.isEmpty {
                let samples = takePending()
                condition.unlock()
                continuation.resume(returning: .samples(samples))
            } else if let end {
                condition.unlock()
                continuation.resume(returning: end)
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }

    private func close(_ item: Item) {
        condition.lock()
        if end == nil { end = item }
        condition.signal()
        guard let waiter = takeWaiter() else { condition.unlock(); return }
        let next: Item = pending.isEmpty ? end! : .samples(takePending())
        condition.unlock()
        waiter.resume(returning: next)
    }

    /// Called with the lock held.
    private func takeWaiter() -> CheckedContinuation<Item, Never>? {
        defer { waiter = nil }
        return waiter
    }

    /// Called with the lock held.
    private func takePending() -> [Sample] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
