import Foundation
import Synchronization

/// The time of day and a way to wait for it, for the long-running live poller: the system's
/// in production, a simulated one in tests and the demo, where a live evening runs in
/// moments instead of hours (a `Clock` alone measures durations; the poller's windows are
/// dates in the programme's time zone).
package protocol WallClock: Sendable {
    func now() -> Date
    /// Returns at `date` (at once if it has passed); throws when the task is cancelled.
    func sleep(until date: Date) async throws
}

package struct SystemWallClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
    package func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) } else { try Task.checkCancellation() }
    }
}

/// A clock that jumps: sleeping sets the time to the end of the sleep at once. What runs
/// between two sleeps (requests to a test server) takes no simulated time.
package final class SimulatedWallClock: WallClock {
    private let current: Mutex<Date>

    package init(start: Date) { current = Mutex(start) }

    package func now() -> Date { current.withLock { $0 } }

    package func sleep(until date: Date) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, date) }
        await Task.yield()
    }
}

/// Simulated time that runs at `speed` times real time: the demo's live evening, played for
/// a person watching the board (60: an hour in a minute). Sleeping waits the real share.
package final class ScaledWallClock: WallClock {
    private let start: Date
    private let realStart = ContinuousClock.now
    private let speed: Double

    package init(start: Date, speed: Double) {
        self.start = start
        self.speed = speed
    }

    package func now() -> Date {
        let elapsed = ContinuousClock.now - realStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * speed)
    }

    package func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSince(now()) / speed
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) } else { try Task.checkCancellation() }
    }
}

/// A clock that follows whichever clock was set last: the demo's board tells the time of the
/// night being collected, then of the live evening as it plays.
package final class FollowingWallClock: WallClock {
    private let current: Mutex<any WallClock>

    package init(_ clock: any WallClock) { current = Mutex(clock) }

    package func follow(_ clock: any WallClock) { current.withLock { $0 = clock } }

    package func now() -> Date { current.withLock { $0 }.now() }

    package func sleep(until date: Date) async throws { try await current.withLock { $0 }.sleep(until: date) }
}
