import Foundation

/// A name or week given on the command line that the programme does not have. Well-formed
/// but not fitting the programme: bad data (65), the same code for every command.
package struct NotInProgramme: Error, LocalizedError, ExitStatusReporting, Sendable {
    package let message: String
    package var errorDescription: String? { message }
    package var exitStatus: ExitStatus { .dataError }
}

extension Programme {
    package enum Name: String, Sendable {
        case event, channel, stage, kind
    }

    /// Throws unless the programme has `value` as a name of this kind, with a "did you mean".
    package func check(_ kind: Name, _ value: String) throws {
        let known: [String]
        switch kind {
        case .event: known = events.map(\.id)
        case .channel: known = channels.map(\.id)
        case .stage: known = stages.map(\.id)
        case .kind: known = kinds.sorted()
        }
        guard !known.contains(value) else { return }
        let hint = KeySuggestion.nearest(to: value, among: known).map { "; did you mean `\($0)`?" }
            ?? (known.count <= 12 ? "; known: \(known.joined(separator: ", "))" : "")
        throw NotInProgramme(message: "\(file): no \(kind.rawValue) `\(value)` in this programme\(hint)")
    }

    /// Throws unless `week` is one of the programme's weeks.
    package func check(week: Int) throws {
        guard !(1...series.weeks).contains(week) else { return }
        throw NotInProgramme(message: "week \(week) is outside the series (weeks 1 to \(series.weeks))")
    }
}
