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
/// gives it one), never on Swift's cooperative pool.
final class TransferEngine {
    private let options: TransferOptions
    private let multi: CurlMultiHandle

    init(options: TransferOptions) throws {
        self.options = options
        multi = try CurlMultiHandle(options: options)
    }

    private struct Pending {
        let job: TransferJob
        let attempt: Int
        let notBefore: ContinuousClock.Instant
    }

    private struct Active {
        let job: TransferJob
        let attempt: Int
        let handle: CurlEasyHandle
    }

    func run(
        jobs: [TransferJob],
        deadline: ContinuousClock.Instant,
        decide: (TransferJob, Int, TransferResult) -> RetryDecision,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> [TransferRecord] {
        let clock = ContinuousClock()
        // Fresh jobs wait in order in `queue` (read from `head`, never shifted); retries and
        // jobs held back by their host's pacing wait in `delayed` until their time.
        let queue = jobs.map { Pending(job: $0, attempt: 1, notBefore: clock.now) }
        var head = 0
        var delayed: [Pending] = []
        var active: [UnsafeMutableRawPointer: Active] = [:]
        var nextAllowedByHost: [String: ContinuousClock.Instant] = [:]
        var records: [TransferRecord] = []
        records.reserveCapacity(jobs.count)

        func start(_ candidate: Pending, now: ContinuousClock.Instant) throws {
            if candidate.job.minimumIntervalSeconds > 0 {
                nextAllowedByHost[candidate.job.host] = now + .seconds(candidate.job.minimumIntervalSeconds)
            }
            do {
                let handle = try CurlEasyHandle(request: candidate.job.request, options: options)
                try multi.add(handle)
                active[handle.raw] = Active(job: candidate.job, attempt: candidate.attempt, handle: handle)
            } catch let error as CurlError {
                let failure = TransferFailure(kind: .other, curlCode: error.code, message: error.message)
                records.append(TransferRecord(jobID: candidate.job.id, result: .failure(failure), attempts: candidate.attempt))
            }
        }

        while head < queue.count || !delayed.isEmpty || !active.isEmpty {
            let now = clock.now
            if now >= deadline {
                let unfinished = (queue[head...] + delayed).map { ($0.job, $0.attempt - 1) } + active.values.map { ($0.job, $0.attempt) }
                for entry in active.values { try multi.remove(entry.handle) }
                active.removeAll()
                for (job, attempts) in unfinished {
                    let failure = TransferFailure(kind: .deadline, curlCode: 0, message: "the run's deadline passed before this request finished")
                    records.append(TransferRecord(jobID: job.id, result: .failure(failure), attempts: attempts))
                }
                break
            }

            // Start what the concurrency limit and the hosts' pacing allow: due retries first.
            var index = 0
            while active.count < options.concurrency, index < delayed.count {
                let candidate = delayed[index]
                if candidate.notBefore <= now, nextAllowedByHost[candidate.job.host].map({ $0 <= now }) ?? true {
                    delayed.remove(at: index)
                    try start(candidate, now: now)
                } else {
                    index += 1
                }
            }
            while active.count < options.concurrency, head < queue.count {
                let candidate = queue[head]
                head += 1
                if let allowed = nextAllowedByHost[candidate.job.host], allowed > now {
                    delayed.append(Pending(job: candidate.job, attempt: candidate.attempt, notBefore: allowed))
                } else {
                    try start(candidate, now: now)
                }
            }

            try multi.perform()
            for (easy, code) in multi.finished() {
                guard let entry = active.removeValue(forKey: easy) else { continue }
                try multi.remove(entry.handle)
                let result = Self.result(of: entry.handle, code: code)
                switch decide(entry.job, entry.attempt, result) {
                case .retry(let seconds) where clock.now + .seconds(seconds) < deadline:
                    delayed.append(Pending(job: entry.job, attempt: entry.attempt + 1, notBefore: clock.now + .seconds(seconds)))
                default:
                    records.append(TransferRecord(jobID: entry.job.id, result: result, attempts: entry.attempt))
                    progress?(records.count, jobs.count)
                }
            }

            if !active.isEmpty || head < queue.count || !delayed.isEmpty {
                try multi.poll(milliseconds: waitMilliseconds(now: clock.now, delayed: delayed, hosts: nextAllowedByHost,
                                                              canStartMore: active.count < options.concurrency,
                                                              hasActive: !active.isEmpty, deadline: deadline))
            }
        }
        return records
    }

    /// How long to sleep in poll: until a socket is ready, a waiting job may start, or the
    /// deadline. When every slot is busy, only a finished transfer (socket activity) can
    /// change anything, so there is nothing to compute.
    private func waitMilliseconds(now: ContinuousClock.Instant, delayed: [Pending], hosts: [String: ContinuousClock.Instant],
                                  canStartMore: Bool, hasActive: Bool, deadline: ContinuousClock.Instant) -> Int {
        var wake = min(deadline, now + .milliseconds(hasActive ? 1000 : 50))
        if canStartMore {
            for entry in delayed.prefix(256) {
                wake = min(wake, max(entry.notBefore, hosts[entry.job.host] ?? entry.notBefore))
            }
        }
        let waited = now.duration(to: wake)
        return max(0, Int(waited.components.seconds * 1000 + waited.components.attoseconds / 1_000_000_000_000_000))
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
