import Foundation

/// Runs blocking work (waiting on a child process) on a thread of its own. Swift's
/// cooperative pool has two threads on the CI machine: a test that waits on a process there
/// starves every in-process HTTP server of the other tests running beside it, and their
/// clients then see timeouts that have nothing to do with the code under test.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try work() })
            }.start()
        }
    }
}
