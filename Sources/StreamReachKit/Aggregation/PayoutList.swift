import Foundation

/// Who gets how much of the donations (`streamreach payout`), by the programme's payout rule
/// (`donations.payout`). Pure: programme and donations in, list out.
///
/// An equal split of an amount among n performers gives each the amount ÷ n in whole cents;
/// the cents left over go one each to the first performers by name, so the list adds up to
/// exactly the money received and the same input always gives the same list.
package struct PayoutList: Sendable, Codable, Equatable {
    package struct Line: Sendable, Codable, Equatable {
        package let performer: String
        /// From money given for the performer's events (`by-event`), and from money given to the series.
        package let fromEvents: Int64
        package let fromSeries: Int64
        /// The two added up, stored so the JSON carries it.
        package let amount: Int64

        package init(performer: String, fromEvents: Int64, fromSeries: Int64) {
            self.performer = performer
            self.fromEvents = fromEvents
            self.fromSeries = fromSeries
            amount = fromEvents + fromSeries
        }
    }

    package struct Currency: Sendable, Codable, Equatable {
        package let currency: String
        /// Everything received up to `through`: the sum of the lines.
        package let received: Int64
        package let lines: [Line]
    }

    package let programme: String
    package let rule: String
    package let through: LocalDate
    /// Performers of the events held up to `through`, whom the series' money is divided among.
    package let performers: Int
    package let currencies: [Currency]
    /// Events held whose money went to everyone because they name no performers.
    package let eventsWithoutPerformers: [String]

    package static func make(programme: Programme, donations: [Donation], through: LocalDate) throws -> PayoutList {
        let rule = programme.donations.payout
        guard rule != .none else { throw PayoutRuleMissing(file: programme.file) }
        let events = programme.events.sorted(by: Event.startOrder)
        let held = events.filter { $0.start.date <= through }
        // One person, however the file spells them: the first spelling names them.
        var names: [String: String] = [:]
        for event in events { for name in event.performers where names[PerformerName.normalised(name)] == nil { names[PerformerName.normalised(name)] = name } }
        let byName = { (a: String, b: String) in (names[a]!, a) < (names[b]!, b) }
        // Money given to the series goes to everyone who has played so far.
        let everyone = Set(held.flatMap { $0.performers.map(PerformerName.normalised) }).sorted(by: byName)
        guard !everyone.isEmpty else { throw NoPerformersToPay(through: through) }
        // Money given for an event goes to its performers, also before they play.
        let eventsByID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var withoutPerformers: Set<String> = []
        let currencies = Dictionary(grouping: donations.filter { $0.date <= through }, by: \.currency).sorted { $0.key < $1.key }.map { currency, entries in
            var fromEvents: [String: Int64] = [:]
            var pool: Int64 = 0
            for entry in entries {
                let performers = entry.event.flatMap { eventsByID[$0] }.map { Set($0.performers.map(PerformerName.normalised)).sorted(by: byName) } ?? []
                if rule == .byEvent, entry.event != nil, !performers.isEmpty {
                    for (person, share) in split(entry.amount, among: performers) { fromEvents[person, default: 0] += share }
                } else {
                    if rule == .byEvent, let event = entry.event, eventsByID[event] != nil, performers.isEmpty { withoutPerformers.insert(event) }
                    pool += entry.amount
                }
            }
            let fromSeries = Dictionary(uniqueKeysWithValues: split(pool, among: everyone))
            let paid = Set(everyone).union(fromEvents.keys).sorted(by: byName)
            let lines = paid.map { Line(performer: names[$0]!, fromEvents: fromEvents[$0] ?? 0, fromSeries: fromSeries[$0] ?? 0) }
            return Currency(currency: currency, received: entries.map(\.amount).reduce(0, +), lines: lines)
        }
        return PayoutList(programme: programme.series.id, rule: rule.rawValue, through: through, performers: everyone.count,
                          currencies: currencies, eventsWithoutPerformers: withoutPerformers.sorted())
    }

    /// `amount` in equal whole-cent shares; the leftover cents one each to the first.
    static func split(_ amount: Int64, among people: [String]) -> [(String, Int64)] {
        let count = Int64(people.count)
        let (share, leftover) = amount.quotientAndRemainder(dividingBy: count)
        return people.enumerated().map { index, person in
            (person, share + (Int64(index) < leftover.magnitude ? leftover.signum() : 0))
        }
    }

    /// For people: one line per performer, per currency.
    package var text: String {
        var lines = ["Payout of donations to \(through.iso), \(rule) among \(performers) performer\(performers == 1 ? "" : "s")"]
        for currency in currencies {
            lines.append("")
            lines.append("\(MoneyText.text(currency.received, currency.currency)) received")
            let width = max(9, currency.lines.map(\.performer.count).max() ?? 0)
            let columns = rule == DonationRules.Payout.byEvent.rawValue ? ["for events", "to series", "total"] : ["amount"]
            lines.append("performer".padding(toLength: width, withPad: " ", startingAt: 0) + columns.map { Self.pad($0) }.joined())
            for line in currency.lines {
                let amounts = columns.count == 1 ? [line.amount] : [line.fromEvents, line.fromSeries, line.amount]
                lines.append(line.performer.padding(toLength: width, withPad: " ", startingAt: 0) + amounts.map { Self.pad(MoneyText.text($0)) }.joined())
            }
        }
        if currencies.isEmpty { lines.append("no donations entered to \(through.iso)") }
        if !eventsWithoutPerformers.isEmpty {
            lines.append("")
            lines.append("Money given for \(eventsWithoutPerformers.joined(separator: ", ")) went to everyone: the programme names no performers for \(eventsWithoutPerformers.count == 1 ? "it" : "them").")
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String) -> String { String(repeating: " ", count: max(1, 14 - text.count)) + text }
}

/// `streamreach payout` on a programme without a payout rule.
package struct PayoutRuleMissing: Error, LocalizedError, ExitStatusReporting {
    let file: String
    package var errorDescription: String? {
        "\(file): the programme has no payout rule; add `donations: {payout: equal-split}` or `by-event` (docs/PROGRAMME-FORMAT.md)"
    }
    package var exitStatus: ExitStatus { .configError }
}

/// No event held so far names a performer: there is nobody to pay.
package struct NoPerformersToPay: Error, LocalizedError, ExitStatusReporting {
    let through: LocalDate
    package var errorDescription: String? {
        "no event held by \(through.iso) names its performers; add `performers:` to the events (docs/PROGRAMME-FORMAT.md)"
    }
    package var exitStatus: ExitStatus { .dataError }
}
