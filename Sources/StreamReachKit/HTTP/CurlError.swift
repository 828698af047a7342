internal import CCurl
import Foundation

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
}
