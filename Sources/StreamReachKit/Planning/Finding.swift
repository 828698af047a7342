/// One problem ``ProgrammeChecker`` found in a programme.
package struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Severity: String, Sendable, Codable, Comparable {
        case error, warning

        package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// Stable rule ids; scripts may match on them, so they never change meaning.
    package enum Rule: String, Sendable, Codable, CaseIterable {
        case stageOverlap = "stage-overlap"
        case performerOverlap = "performer-overlap"
        case outsideSeries = "outside-series"
        case dayNotAllowed = "day-not-allowed"
        case timeNotAllowed = "time-not-allowed"
        case duplicateID = "duplicate-id"
        case unknownKind = "unknown-kind"
        case unknownStage = "unknown-stage"
        case unknownChannel = "unknown-channel"
        case missingStreamID = "missing-stream-id"
        case nonPositiveDuration = "non-positive-duration"

        package var severity: Severity {
            switch self {
            case .dayNotAllowed, .timeNotAllowed, .missingStreamID: return .warning
            default: return .error
            }
        }
    }

    package let rule: Rule
    package let severity: Severity
    package let location: SourceLocation
    package let message: String
    /// The events involved, the offending one first.
    package let events: [String]

    package init(_ rule: Rule, at location: SourceLocation, _ message: String, events: [String]) {
        self.rule = rule
        severity = rule.severity
        self.location = location
        self.message = message
        self.events = events
    }

    package var description: String { "\(location): \(severity.rawValue): \(message) [\(rule.rawValue)]" }
}
