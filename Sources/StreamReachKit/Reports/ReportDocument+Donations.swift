extension ReportDocument {
    /// Donations entered by hand, when there are any: money, kept apart from the reach.
    static func donations(_ report: ReachReport) -> Section? {
        guard let donations = report.donations else { return nil }
        let periodLabel = report.period.week == nil ? "in the period" : "this week"
        var blocks: [Block] = [.table(Table(
            headers: ["currency", "to date", periodLabel, "for an event", "to the series", "per 1,000 views", "per live viewer-hour"],
            rows: donations.currencies.map { totals in
                [totals.currency, MoneyText.text(totals.toDate), MoneyText.text(totals.inPeriod), MoneyText.text(totals.attributed),
                 MoneyText.text(totals.unattributed), totals.perThousandViews.map(MoneyText.text) ?? "–",
                 totals.perLiveViewerHour.map(MoneyText.text) ?? "–"]
            },
            numeric: [1, 2, 3, 4, 5, 6]))]
        if !donations.events.isEmpty {
            blocks.append(.table(Table(headers: ["event", "title", "given for it"],
                                       rows: donations.events.map { [$0.event, $0.title, MoneyText.text($0.amount, $0.currency)] },
                                       numeric: [2])))
        }
        blocks.append(.paragraph(Self.donationMethodology))
        return Section(title: "Donations", blocks: blocks)
    }

    static let donationMethodology = """
        Donations are entered by hand (streamreach record donation, or imported from a \
        statement) and are not part of the reach. Money given for a named event is counted \
        for it; money given to the series (one account, one reference) is reported as such \
        and never spread over events. Per 1,000 views: donations to date ÷ platform views \
        at the period's end × 1,000. Per live viewer-hour: donations to date ÷ the hours \
        watched live up to the period's end (viewer-minutes ÷ 60). Each currency on its own; \
        nothing is converted.
        """
}
