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
    /// For platform channels, the platform whose API reads the counts (`youtube`, `facebook`, …).
    package var platform: String?
    /// First and last day the channel carried the series, when not all of it.
    package var from: LocalDate?
    package var until: LocalDate?

    package init(id: String, name: String, sort: Sort, platform: String?, from: LocalDate?, until: LocalDate?) {
        self.id = id
        self.name = name
        self.sort = sort
        self.platform = platform
        self.from = from
        self.until = until
    }

    package func carries(on date: LocalDate) -> Bool {
        (from.map { date >= $0 } ?? true) && (until.map { date <= $0 } ?? true)
    }
}
