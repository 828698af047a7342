/// When to try a transient failure again: the server's own wait if it gave one, otherwise
/// exponential backoff with full jitter, so many failed requests do not return in lockstep.
package struct RetryPolicy: Sendable {
    package var maxAttempts: Int
    package var baseDelaySeconds = 0.5
    package var maxDelaySeconds = 60.0
    /// A number in 0..<1; injectable so tests are deterministic.
    package var jitter: @Sendable () -> Double = { Double.random(in: 0..<1) }

    package init(maxAttempts: Int) { self.maxAttempts = maxAttempts }

    package func decision(attempt: Int, outcome: SampleOutcome, serverWait: Double?) -> RetryDecision {
        guard outcome == .transient, attempt < maxAttempts else { return .done }
        if let serverWait { return .retry(afterSeconds: min(serverWait, maxDelaySeconds * 10)) }
        let ceiling = min(maxDelaySeconds, baseDelaySeconds * Double(1 << min(attempt - 1, 20)))
        return .retry(afterSeconds: ceiling * jitter())
    }
}
