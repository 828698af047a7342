import Foundation

/// Checks a hand-entered figure against the programme.
package struct ManualReachValidator: Sendable {
    package let programme: Programme

    package init(programme: Programme) { self.programme = programme }

    /// Throws what is wrong as bad data (65), for a figure given on the command line.
    package func check(_ entry: ManualReach) throws {
        if let problem = problem(with: entry) { throw NotInProgramme(message: problem) }
    }

    /// A sentence saying what is wrong, or nil.
    package func problem(with entry: ManualReach) -> String? {
        let eventIDs = programme.events.map(\.id)
        guard eventIDs.contains(entry.event) else {
            let hint = KeySuggestion.nearest(to: entry.event, among: eventIDs).map { "; did you mean `\($0)`?" } ?? ""
            return "unknown event `\(entry.event)`\(hint)"
        }
        guard let channel = programme.channel(id: entry.channel) else {
            let hint = KeySuggestion.nearest(to: entry.channel, among: programme.channels.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""
            return "unknown channel `\(entry.channel)`\(hint)"
        }
        guard channel.sort == .broadcast else {
            return "`\(entry.channel)` is a platform channel: its views are collected, not entered by hand"
        }
        guard channel.carries(on: entry.date) else {
            let window = [channel.from.map { "from \($0.iso)" }, channel.until.map { "until \($0.iso)" }].compactMap { $0 }.joined(separator: " ")
            return "`\(entry.channel)` carried the series only \(window); \(entry.date.iso) is outside that, so no figure can count for it"
        }
        guard entry.figure >= 0 else { return "the figure must not be negative" }
        guard !entry.source.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "say where the figure comes from (estimate, survey, the channel's own statistics)"
        }
        return nil
    }
}
