import Foundation

/// A figure entered by hand for a channel without an API.
package struct ManualReach: Sendable, Equatable, Codable {
    package let event: String
    package let channel: String
    package let date: LocalDate
    package let figure: Int64
    /// Where the figure comes from: an estimate, a survey, the channel's own statistics.
    package let source: String

    package init(event: String, channel: String, date: LocalDate, figure: Int64, source: String) {
        self.event = event
        self.channel = channel
        self.date = date
        self.figure = figure
        self.source = source
    }
}
