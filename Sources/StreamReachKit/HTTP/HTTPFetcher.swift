import Foundation

/// Runs a batch of transfers on a dedicated thread and hands back the results.
///
/// libcurl's poll blocks; on Swift's cooperative pool (two threads here) it would starve
/// every other task in the process, including a test's own HTTP server.
package struct HTTPFetcher: Sendable {
    package let options: TransferOptions

    package init(options: TransferOptions) { self.options = options }

    package func fetch(
        _ jobs: [TransferJob],
        within deadline: Duration,
        decide: @escaping @Sendable (TransferJob, Int, TransferResult) -> RetryDecision,
        progress: (@Sendable (Int, Int) -> Void)? = nil,
        finished: (@Sendable (TransferRecord) -> Void)? = nil
    ) async throws -> [TransferRecord] {
        let options = options
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let clock = ContinuousClock()
                    let engine = try TransferEngine(options: options, clock: clock)
                    let records = try engine.run(jobs: jobs, deadline: clock.now + deadline,
                                                 decide: decide, progress: progress, finished: finished)
                    continuation.resume(returning: records)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "streamreach-curl"
            thread.start()
        }
    }
}
