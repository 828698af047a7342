/// What the programme file says about donations (`donations:`): the currency entries are in
/// unless they say otherwise, and how the money is paid out to the performers.
package struct DonationRules: Sendable, Equatable {
    package enum Payout: String, Sendable, CaseIterable {
        /// No payout list (the default): the money stays with the organiser.
        case none
        /// Everything, attributed or not, split equally among every performer of the
        /// series' events held so far (how the Fruchthalle split its early donations).
        case equalSplit = "equal-split"
        /// Money given for an event goes to that event's performers; money given to the
        /// series is split equally among every performer held so far.
        case byEvent = "by-event"
    }

    package var currency: String
    package var payout: Payout

    package init(currency: String = "EUR", payout: Payout = .none) {
        self.currency = currency
        self.payout = payout
    }
}
