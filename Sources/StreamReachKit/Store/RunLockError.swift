import Foundation

/// A run lock could not be taken.
package enum RunLockError: Error, LocalizedError, ExitStatusReporting, Sendable {
    case held(path: String, holder: String)
    case cannotOpen(path: String, reason: String)

    package var exitStatus: ExitStatus {
        switch self {
        case .held: return .temporaryFailure
        case .cannotOpen: return .cannotCreateOutput
        }
    }

    package var errorDescription: String? {
        switch self {
        case .held(let path, let holder):
            return "another collect run holds \(path)\(holder.isEmpty ? "" : " (\(holder))"); this run stops without collecting"
        case .cannotOpen(let path, let reason):
            return "cannot open the lock file \(path): \(reason)"
        }
    }
}
