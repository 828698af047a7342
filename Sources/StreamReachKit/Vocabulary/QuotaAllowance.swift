import Foundation
import Synchronization

/// The requests a collector may make to a platform that meters them (YouTube: every
/// `videos.list` call costs a unit of the project's daily quota, failed calls included),
/// granted beforehand from the store's ledger. Each first attempt and each retry takes one;
/// with none left, a request is not made (its series are "quota") and a retry not tried.
package final class QuotaAllowance: Sendable {
    private let state: Mutex<(left: Int, used: Int)>

    package init(granted: Int) { state = Mutex((max(0, granted), 0)) }

    /// Takes one unit; false when none is left.
    package func take() -> Bool {
        state.withLock { state in
            guard state.left > 0 else { return false }
            state.left -= 1
            state.used += 1
            return true
        }
    }

    /// Units taken: the calls made.
    package var used: Int { state.withLock { $0.used } }
    /// Units granted and not taken: to be given back to the ledger.
    package var left: Int { state.withLock { $0.left } }
}

extension Platform {
    /// Whether every API call costs quota units that StreamReach must account for.
    package var isMetered: Bool { self == .youtube }
}
