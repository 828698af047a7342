import Foundation

/// Healthchecks-style pings around a run: `URL/start` before, `URL` on success,
/// `URL/fail` on failure. Through libcurl like every request; a failed ping never fails
/// the run, it is only reported back.
package struct HealthcheckPinger: Sendable {
    package enum Signal: String, Sendable {
        case start, success, fail
    }

    package let url: String
    package let options: TransferOptions

    package init(url: String, options: TransferOptions = TransferOptions()) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        var options = options
        options.timeoutMilliseconds = min(options.timeoutMilliseconds, 10_000)
        self.options = options
    }

    package func target(_ signal: Signal) -> String {
        switch signal {
        case .start: return url + "/start"
        case .success: return url
        case .fail: return url + "/fail"
        }
    }

    /// Nil when the ping got a 2xx answer, else why not.
    package func ping(_ signal: Signal) async -> String? {
        let job = TransferJob(id: 0, request: HTTPRequest(url: target(signal)))
        do {
            let records = try await HTTPFetcher(options: options).fetch([job], within: .seconds(15)) { _, _, _ in .done }
            switch records.first?.result {
            case .response(let response)? where (200..<300).contains(response.status): return nil
            case .response(let response)?: return "HTTP \(response.status)"
            case .failure(let failure)?: return failure.message
            case nil: return "no answer"
            }
        } catch {
            return "\(error)"
        }
    }
}
