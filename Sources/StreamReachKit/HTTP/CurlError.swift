internal import CCurl
import Foundation
import Synchronization

/// libcurl refused a call (not a transfer failure: those are ``TransferFailure``).
package struct CurlError: Error, CustomStringConvertible, LocalizedError, ExitStatusReporting, Sendable {
    package let operation: String
    package let code: Int
    package let message: String

    package var description: String { "libcurl \(operation) failed (\(code)): \(message)" }
    package var errorDescription: String? { description }
    /// libcurl refusing a setup call is not a network problem a retry could fix.
    package var exitStatus: ExitStatus { .software }

    static func check(_ code: CURLcode, _ operation: @autoclosure () -> String) throws {
        guard code != CURLE_OK else { return }
        throw CurlError(operation: operation(), code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
    }

    static func check(_ code: CURLMcode, _ operation: @autoclosure () -> String) throws {
        guard code != CURLM_OK else { return }
        throw CurlError(operation: operation(), code: Int(code.rawValue), message: String(cString: curl_multi_strerror(code)))
    }
}

/// curl_global_init must run once before any handle exists, and is not thread-safe itself.
enum CurlGlobal {
    private static let initialised: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func ensure() throws {
        try CurlError.check(initialised, "curl_global_init")
    }

    /// Runs the set-up (OpenSSL reads its configuration) on a thread of its own, so it
    /// overlaps other start-up work. Await ``BackgroundSetUp/finished()`` before the process
    /// may exit: an exit while OpenSSL initialises on the other thread runs its exit
    /// handlers against a half-built state (a SIGSEGV on about one early error exit in 50).
    static func startInBackground() -> BackgroundSetUp {
        let setUp = BackgroundSetUp()
        Thread.detachNewThread {
            try? ensure()
            setUp.finish()
        }
        return setUp
    }
}

/// The global set-up started on its own thread; ``finished()`` returns once it is done.
final class BackgroundSetUp: Sendable {
    private let state = Mutex<(done: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    fileprivate func finish() {
        let waiting = state.withLock { state in
            state.done = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func finished() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if !state.done { state.waiting.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
