extension ReachReport {
    /// Donations entered by hand, kept apart from reach: money is not views. Amounts are in
    /// minor units (cents), one entry per currency; nothing is converted between currencies.
    package struct Donations: Sendable, Codable, Equatable {
        package let currencies: [DonationTotals]
        /// Money given for one event, per event and currency, up to the period's end.
        package let events: [EventDonations]
        /// Entries up to the period's end.
        package let entries: Int
    }

    package struct DonationTotals: Sendable, Codable, Equatable {
        package let currency: String
        /// Everything received up to the period's end.
        package let toDate: Int64
        /// Received in the period (the week of a weekly report).
        package let inPeriod: Int64
        /// Of `toDate`: given for a named event, and given to the series (one account, one
        /// reference), which is never spread over events by a guess.
        package let attributed: Int64
        package let unattributed: Int64
        /// `toDate` per 1,000 platform views at the period's end; nil without views.
        package let perThousandViews: Int64?
        /// `toDate` per hour watched live (viewer-minutes ÷ 60) up to the period's end; nil
        /// without live figures.
        package let perLiveViewerHour: Int64?
    }

    package struct EventDonations: Sendable, Codable, Equatable {
        package let event: String
        package let title: String
        package let currency: String
        package let amount: Int64
    }
}
