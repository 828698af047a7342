internal import CCurl
import Foundation

/// One request of a run, with the pacing its host needs.
package struct TransferJob: Sendable {
    package let id: Int
    package let request: HTTPRequest
    /// Least time between two requests to this job's host; 0 for none.
    package let minimumIntervalSeconds: Double
    /// The request's host, parsed once: the engine looks at it for every scheduling step.
    let host: String

    package init(id: Int, request: HTTPRequest, minimumIntervalSeconds: Double = 0) {
        self.id = id
        self.request = request
        self.minimumIntervalSeconds = minimumIntervalSeconds
        host = request.host
    }
}

package enum TransferResult: Sendable {
    case response(HTTPResponse)
    case failure(TransferFailure)
}

package enum RetryDecision: Sendable, Equatable {
    case done
    case retry(afterSeconds: Double)
}

/// The last result of a job and how many attempts it took.
package struct TransferRecord: Sendable {
    package let jobID: Int
    package let result: TransferResult
    package let attempts: Int
}

/// Drives every transfer of a run through one multi handle, on the calling thread.
///
/// It blocks in `curl_multi_poll`, so it must run on a thread of its own (``HTTPFetcher``
/// gives it one), never on Swift's cooperative pool. What to start and how long to sleep
/// is decided by ``TransferScheduler``; this type only moves handles in and out of curl.
final class TransferEngine<C: Clock> where C.Duration == Duration {
    private let options: TransferOptions
    private let multi: CurlMultiHandle
    private let clock: C

    init(options: TransferOptions, clock: C) throws {
        self.options = options
        self.clock = clock
        multi = try CurlMultiHandle(options: options)
    }

    private struct Active {
        let job: TransferJob
        let attempt: Int
        let handle: CurlEasyHandle
    }

    /// One run's moving parts, owned by the engine's thread for the length of `run`.
    private struct RunState {
        var scheduler: TransferScheduler<C.Instant>
        var active: [UnsafeMutableRawPointer: Active] = [:]
        var records: [TransferRecord] = []
        /// Told of each record as soon as it is final, on this thread.
        let finished: ((TransferRecord) -> Void)?

        mutating func record(_ record: TransferRecord) {
            records.append(record)
            finished?(record)
        }
    }

    func run(
        jobs: [TransferJob],
        deadline: C.Instant,
        decide: (TransferJob, Int, TransferResult) -> RetryDecision,
        progress: ((Int, Int) -> Void)? = nil,
        finished: ((TransferRecord) -> Void)? = nil
    ) throws -> [TransferRecord] {
        var state = RunState(scheduler: TransferScheduler(jobs: jobs, concurrency: options.concurrency), finished: finished)
        state.records.reserveCapacity(jobs.count)
        while !state.scheduler.isFinished {
            let now = clock.now
            if now >= deadline {
                try abandonAll(&state)
                break
            }
            for candidate in state.scheduler.startable(now: now) { start(candidate, into: &state) }
            try multi.perform()
            let harvested = try harvest(&state, deadline: deadline, decide: decide)
            if harvested > 0 { progress?(state.records.count, jobs.count) }
            guard !state.scheduler.isFinished else { break }
            // Sleep only when nothing can start now: a slot that a finished transfer freed
            // is filled on the next turn, without waiting for a socket or a timer.
            let wait = state.scheduler.wait(now: clock.now, deadline: deadline)
            if wait > .zero {
                try multi.poll(milliseconds: Self.milliseconds(min(wait, .seconds(1))))
            }
        }
        return state.records
    }

    private func start(_ candidate: TransferScheduler<C.Instant>.Waiting, into state: inout RunState) {
        do {
            let handle = try CurlEasyHandle(request: candidate.job.request, options: options)
            try multi.add(handle)
            state.active[handle.raw] = Active(job: candidate.job, attempt: candidate.attempt, handle: handle)
        } catch let error as CurlError {
            state.scheduler.abandoned()
            let failure = TransferFailure(kind: .other, curlCode: error.code, message: error.message)
            state.record(TransferRecord(jobID: candidate.job.id, result: .failure(failure), attempts: candidate.attempt))
        } catch {
            state.scheduler.abandoned()
            let failure = TransferFailure(kind: .other, curlCode: 0, message: "\(error)")
            state.record(TransferRecord(jobID: candidate.job.id, result: .failure(failure), attempts: candidate.attempt))
        }
    }

    /// Takes every finished transfer out of curl and records it or schedules its retry;
    /// returns how many were recorded for good.
    private func harvest(_ state: inout RunState, deadline: C.Instant,
                         decide: (TransferJob, Int, TransferResult) -> RetryDecision) throws -> Int {
        var recorded = 0
        for (easy, code) in multi.finished() {
            guard let entry = state.active.removeValue(forKey: easy) else { continue }
            try multi.remove(entry.handle)
            let result = Self.result(of: entry.handle, code: code)
            let now = clock.now
            switch decide(entry.job, entry.attempt, result) {
            case .retry(let seconds) where now.advanced(by: .seconds(seconds)) < deadline:
                state.scheduler.retry(entry.job, attempt: entry.attempt + 1, notBefore: now.advanced(by: .seconds(seconds)))
            default:
                state.scheduler.finished()
                state.record(TransferRecord(jobID: entry.job.id, result: result, attempts: entry.attempt))
                recorded += 1
            }
        }
        return recorded
    }

    /// The deadline passed: every transfer still running or waiting fails as such.
    private func abandonAll(_ state: inout RunState) throws {
        var unfinished = state.scheduler.drainWaiting()
        for entry in state.active.values {
            try multi.remove(entry.handle)
            unfinished.append((entry.job, entry.attempt))
        }
        state.active.removeAll()
        for (job, attempts) in unfinished {
            let failure = TransferFailure(kind: .deadline, curlCode: 0, message: "the run's deadline passed before this request finished")
            state.record(TransferRecord(jobID: job.id, result: .failure(failure), attempts: attempts))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        // Round up: waking a fraction of a millisecond early would only spin once more.
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    private static func result(of handle: CurlEasyHandle, code: CURLcode) -> TransferResult {
        if code == CURLE_OK {
            return .response(HTTPResponse(status: handle.responseCode, headers: handle.headers, body: handle.body))
        }
        let message = handle.failureMessage(code)
        let kind: TransferFailure.Kind
        switch code {
        case CURLE_WRITE_ERROR where handle.bodyTooLarge, CURLE_FILESIZE_EXCEEDED: kind = .bodyTooLarge
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dnsFailure
        case CURLE_COULDNT_CONNECT: kind = .connectFailure
        case CURLE_OPERATION_TIMEDOUT: kind = message.contains("too slow") ? .tooSlow : .timeout
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING: kind = .connectionClosed
        case CURLE_TOO_MANY_REDIRECTS: kind = .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL: kind = .protocolNotAllowed
        case CURLE_BAD_CONTENT_ENCODING: kind = .badContentEncoding
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE: kind = .tls
        default: kind = .other
        }
        let text = kind == .bodyTooLarge ? "response body is larger than the \(handle.bodyLimitDescription) limit" : message
        return .failure(TransferFailure(kind: kind, curlCode: Int(code.rawValue), message: text))
    }
}

@available(*, unavailable)
extension TransferEngine: Sendable {}
