extension ReachReportBuilder {
    /// The donations section; nil when no donation was entered up to the period's end.
    func donationSection(_ inputs: ReportInputs, views: Int64) -> ReachReport.Donations? {
        let donations = inputs.donations.filter { $0.date <= inputs.to }
        guard !donations.isEmpty else { return nil }
        let viewerMinutes = liveViewerMinutes(inputs)
        let currencies = Dictionary(grouping: donations, by: \.currency).sorted { $0.key < $1.key }.map { currency, entries in
            let toDate = entries.map(\.amount).reduce(0, +)
            let attributed = entries.filter { $0.event != nil }.map(\.amount).reduce(0, +)
            return ReachReport.DonationTotals(
                currency: currency, toDate: toDate,
                inPeriod: entries.filter { $0.date >= inputs.from }.map(\.amount).reduce(0, +),
                attributed: attributed, unattributed: toDate - attributed,
                perThousandViews: views > 0 ? Self.rounded(toDate * 1000, views) : nil,
                perLiveViewerHour: viewerMinutes > 0 ? Self.rounded(toDate * 60, viewerMinutes) : nil)
        }
        let titles = Dictionary(programme.events.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(programme.events.sorted(by: Event.startOrder).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let events = Dictionary(grouping: donations.filter { $0.event != nil }) { "\($0.event!)\u{0}\($0.currency)" }
            .map { _, entries in
                ReachReport.EventDonations(event: entries[0].event!, title: titles[entries[0].event!] ?? entries[0].event!,
                                           currency: entries[0].currency, amount: entries.map(\.amount).reduce(0, +))
            }
            .sorted { (order[$0.event] ?? .max, $0.event, $0.currency) < (order[$1.event] ?? .max, $1.event, $1.currency) }
        return ReachReport.Donations(currencies: currencies, events: events, entries: donations.count)
    }

    /// Every live stream's viewer-minutes up to the period's end, by the live section's rules.
    private func liveViewerMinutes(_ inputs: ReportInputs) -> Int64 {
        let converter = TimeZoneConverter(identifier: programme.series.timeZone)
        let upToEnd = inputs.audience.filter { converter.local($0.observedAt).date <= inputs.to }
        return LiveAudienceStats.curves(upToEnd).values.compactMap(LiveAudienceStats.figures).map(\.viewerMinutes).reduce(0, +)
    }

    /// `numerator ÷ denominator` rounded half away from zero, in whole minor units.
    private static func rounded(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return quotient + (numerator < 0 ? -1 : 1)
    }
}
