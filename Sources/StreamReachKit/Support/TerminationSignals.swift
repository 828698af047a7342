import Dispatch
import Foundation

/// SIGTERM (systemd stopping a service) and SIGINT (Ctrl-C) cancel a long-running job's
/// task instead of killing the process, so it stops between two of its steps with
/// everything stored, and exits 0.
package enum TerminationSignals {
    package static func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN) // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            for number in [SIGTERM, SIGINT] { signal(number, SIG_DFL) }
        }
        return try await task.value
    }
}
