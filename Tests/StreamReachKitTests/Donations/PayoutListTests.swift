import Testing
@testable import StreamReachKit

/// The payout list divides exactly what was received, by the programme's rule.
@Suite struct PayoutListTests {
    typealias P = DonationTestProgramme

    @Test func anEqualSplitAddsUpToTheCentAndGivesLeftoverCentsByName() throws {
        let list = try PayoutList.make(programme: P.make(payout: "equal-split"),
                                       donations: [P.gift(1000, on: "2020-03-24"), P.gift(1, on: "2020-03-25", for: "a")],
                                       through: LocalDate(iso: "2020-03-31")!)
        let euros = try #require(list.currencies.first)
        // Ana, Ben (spelt "ben" too: one person) and Cleo; Dora plays after the 31st.
        #expect(euros.lines.map(\.performer) == ["Ana", "Ben", "Cleo"])
        #expect(euros.lines.map(\.amount) == [334, 334, 333], "1,001 cents: 333 each and the 2 left over to the first two")
        #expect(euros.lines.map(\.amount).reduce(0, +) == euros.received)
        #expect(list.performers == 3)
    }

    @Test func byEventGivesAnEventsMoneyToItsPerformersAndTheRestToAll() throws {
        let list = try PayoutList.make(programme: P.make(), donations: [
            P.gift(900, on: "2020-03-24"), P.gift(1000, on: "2020-03-25", for: "b"), P.gift(500, on: "2020-03-26", for: "c"),
            P.gift(-300, on: "2020-03-27"), P.gift(700, on: "2020-03-27", currency: "CHF"),
        ], through: LocalDate(iso: "2020-03-31")!)
        let chf = try #require(list.currencies.first { $0.currency == "CHF" })
        let eur = try #require(list.currencies.first { $0.currency == "EUR" })
        #expect(chf.lines.map(\.amount) == [234, 233, 233])
        // b's 10.00 to Ben and Cleo; c names nobody, so its 5.00 joins the series' 9.00 − 3.00.
        #expect(eur.lines.map(\.fromEvents) == [0, 500, 500])
        #expect(eur.lines.map(\.fromSeries) == [367, 367, 366])
        #expect(eur.lines.map(\.amount).reduce(0, +) == 2100)
        #expect(list.eventsWithoutPerformers == ["c"])
        #expect(list.text.contains("went to everyone"))
    }

    @Test func moneyForAnEventStillToComeWaitsForItsPerformers() throws {
        let list = try PayoutList.make(programme: P.make(), donations: [P.gift(600, on: "2020-03-30", for: "d"), P.gift(300, on: "2020-03-30")],
                                       through: LocalDate(iso: "2020-03-31")!)
        let euros = try #require(list.currencies.first)
        #expect(euros.lines.map(\.performer) == ["Ana", "Ben", "Cleo", "Dora"])
        #expect(euros.lines.map(\.fromEvents) == [0, 0, 0, 600], "Dora plays on 2 April; the money given for her show is hers")
        #expect(euros.lines.map(\.fromSeries) == [100, 100, 100, 0], "the series' money to those who have played")
    }

    @Test func withoutARuleThereIsNoListAndSaysWhatToAdd() throws {
        #expect(throws: PayoutRuleMissing.self) {
            try PayoutList.make(programme: P.make(payout: "none"), donations: [], through: LocalDate(iso: "2020-03-31")!)
        }
        let error = try #require(throws: NoPerformersToPay.self) {
            try PayoutList.make(programme: P.make(), donations: [], through: LocalDate(iso: "2020-03-20")!)
        }
        #expect(ExitStatus(for: error) == .dataError)
        #expect(ExitStatus(for: PayoutRuleMissing(file: "x")) == .configError)
    }

    @Test func aBadRuleInTheProgrammeNamesTheRules() {
        let error = #expect(throws: InputFileError.self) { try P.make(payout: "fair") }
        #expect(error?.localizedDescription.contains("equal-split") == true)
        #expect(error?.localizedDescription.contains("gifts.yaml:4") == true)
    }
}
