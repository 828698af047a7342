/// The engine's decisions without libcurl or a wall clock: which jobs may start now and
/// how long the engine may sleep before something can change.
///
/// Pure: every call takes `now`, so the rules (concurrency, per-host pacing, retries after
/// a delay, the run's deadline) are tested with made-up instants. The engine asks it after
/// every step; a slot freed by a finished transfer is refilled in the same step, never
/// after a poll.
struct TransferScheduler<Instant: InstantProtocol> where Instant.Duration == Duration {
    /// A job waiting to start: its attempt number and the earliest instant it may.
    struct Waiting {
        let job: TransferJob
        let attempt: Int
        let notBefore: Instant?
    }

    let concurrency: Int
    private(set) var running = 0
    /// Fresh jobs, one FIFO per host in order of first appearance, read from `heads`: a
    /// paced host holds back only its own jobs, and each step looks at hosts, not jobs.
    private var fresh: [[TransferJob]] = []
    private var heads: [Int] = []
    private var hostIndex: [String: Int] = [:]
    private var hostNames: [String] = []
    /// Retries, in the order they were asked for; few, so a scan is cheap.
    private var retries: [Waiting] = []
    private var nextAllowedByHost: [String: Instant] = [:]

    init(jobs: [TransferJob], concurrency: Int) {
        self.concurrency = max(1, concurrency)
        for job in jobs {
            if hostIndex[job.host] == nil {
                hostIndex[job.host] = hostNames.count
                hostNames.append(job.host)
                fresh.append([])
                heads.append(0)
            }
            fresh[hostIndex[job.host]!].append(job)
        }
    }

    /// Nothing waits and nothing runs: the run is over.
    var isFinished: Bool { running == 0 && retries.isEmpty && !hasFreshJobs }

    private var hasFreshJobs: Bool { heads.indices.contains { heads[$0] < fresh[$0].count } }

    /// Takes every job that may start at `now`, as many as free slots allow: due retries
    /// first, then fresh jobs host by host. The caller starts them; each counts as running.
    mutating func startable(now: Instant) -> [Waiting] {
        var started: [Waiting] = []
        var index = 0
        while running < concurrency, index < retries.count {
            let candidate = retries[index]
            if candidate.notBefore.map({ $0 <= now }) ?? true, hostAllows(candidate.job, now: now) {
                retries.remove(at: index)
                take(candidate, now: now, into: &started)
            } else {
                index += 1
            }
        }
        var progressed = true
        // Round by round over the hosts, so one paced host cannot starve the others.
        while running < concurrency, progressed {
            progressed = false
            for host in fresh.indices where running < concurrency && heads[host] < fresh[host].count {
                let job = fresh[host][heads[host]]
                guard hostAllows(job, now: now) else { continue }
                heads[host] += 1
                take(Waiting(job: job, attempt: 1, notBefore: nil), now: now, into: &started)
                progressed = true
            }
        }
        return started
    }

    /// A running transfer finished for good.
    mutating func finished() {
        running -= 1
    }

    /// A running transfer finished and is to run again, not before `notBefore`.
    mutating func retry(_ job: TransferJob, attempt: Int, notBefore: Instant) {
        running -= 1
        retries.append(Waiting(job: job, attempt: attempt, notBefore: notBefore))
    }

    /// A job that could not even be started (libcurl refused the handle): it gave up its slot.
    mutating func abandoned() {
        running -= 1
    }

    /// How long the engine may wait for sockets before it must look again: zero when a
    /// free slot can be filled now, the time to the next due retry or paced host when a
    /// slot is free, else until `deadline` (a finished transfer wakes the poll earlier).
    func wait(now: Instant, deadline: Instant) -> Duration {
        var wake = deadline
        if running < concurrency {
            for candidate in retries {
                wake = min(wake, max(candidate.notBefore ?? now, nextAllowedByHost[candidate.job.host] ?? now))
            }
            for host in fresh.indices where heads[host] < fresh[host].count {
                wake = min(wake, nextAllowedByHost[hostNames[host]] ?? now)
            }
        }
        return max(.zero, now.duration(to: wake))
    }

    /// Every job that never got its answer, with the attempts it made, for the deadline's
    /// report; the scheduler is empty afterwards.
    mutating func drainWaiting() -> [(job: TransferJob, attempts: Int)] {
        var left: [(TransferJob, Int)] = []
        for host in fresh.indices {
            left += fresh[host][heads[host]...].map { ($0, 0) }
            heads[host] = fresh[host].count
        }
        left += retries.map { ($0.job, $0.attempt - 1) }
        retries.removeAll()
        return left
    }

    private func hostAllows(_ job: TransferJob, now: Instant) -> Bool {
        nextAllowedByHost[job.host].map { $0 <= now } ?? true
    }

    private mutating func take(_ candidate: Waiting, now: Instant, into started: inout [Waiting]) {
        if candidate.job.minimumIntervalSeconds > 0 {
            nextAllowedByHost[candidate.job.host] = now.advanced(by: .seconds(candidate.job.minimumIntervalSeconds))
        }
        running += 1
        started.append(candidate)
    }
}
