import Foundation

/// Somewhere the programme can be watched.
package struct Channel: Sendable, Hashable {
    package enum Sort: String, Sendable, Codable {
        /// A platform with an API (YouTube, Facebook, …): each event names its stream id there.
        case platform
        /// A broadcaster without an API (an Offene Kanal): reach is entered by hand.
        case broadcast
    }

    package var id: String
    package var name: String
    package var sort: Sort
    /// For platform channels, the platform whose API reads the counts.
    package var platform: Platform?
    /// First and last day the channel carried the series, when not all of it.
    package var from: LocalDate?
    package var until: LocalDate?
    /// Where people watch a stream: a template with `{id}`; platforms have defaults.
    package var watchURL: String?
    /// Where the file defines it, for messages.
    package var location: SourceLocation?

    package init(id: String, name: String, sort: Sort, platform: Platform?, from: LocalDate?, until: LocalDate?, watchURL: String? = nil) {
        self.watchURL = watchURL
        self.id = id
        self.name = name
        self.sort = sort
        self.platform = platform
        self.from = from
        self.until = until
    }

    /// The public page of a stream on this channel, when one can be made.
    package func watchURL(streamID: String) -> String? {
        guard let template = watchURL ?? platform?.watchURLTemplate else { return nil }
        let encoded = streamID.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? streamID
        return template.replacingOccurrences(of: "{id}", with: encoded)
    }

    package func carries(on date: LocalDate) -> Bool {
        (from.map { date >= $0 } ?? true) && (until.map { date <= $0 } ?? true)
    }
}
