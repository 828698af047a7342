import Foundation

/// Import errors that are the input's fault, with the line they are on.
package struct SnapshotImportError: Error, LocalizedError, ExitStatusReporting, Sendable {
    package let line: Int
    package let message: String
    package var errorDescription: String? { "line \(line): \(message)" }
    package var exitStatus: ExitStatus { .dataError }
}
