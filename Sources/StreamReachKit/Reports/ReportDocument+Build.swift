import Foundation

extension ReportDocument {
    package init(_ report: ReachReport) {
        self.report = report
        let period = report.period
        title = "\(report.programme.title): reach report"
        if let week = period.week {
            subtitle = "Week \(week) (\(period.isoWeek ?? "")), \(DisplayText.day(period.from)) – \(DisplayText.day(period.to))"
                + (period.complete ? "" : " · incomplete: no run after this week yet")
        } else {
            subtitle = "Whole series, \(DisplayText.day(period.from)) – \(DisplayText.day(period.to))"
        }
        sections = [
            Self.headline(report), Self.pacing(report), Self.breakdowns(report), Self.events(report),
        ] + [Self.live(report), Self.donations(report)].compactMap { $0 } + [
            Self.handEntered(report), Self.quality(report),
            Section(title: "Methodology", blocks: [.paragraph(report.methodology)]),
        ]
    }

    private static func headline(_ report: ReachReport) -> Section {
        let h = report.headline
        let gainLabel = report.period.week == nil ? "Views in the series" : "Gained this week"
        var rows = [
            ["Total views", DisplayText.number(h.total)],
            ["Target", DisplayText.number(report.programme.target)],
            ["Reached", DisplayText.percent(h.percentOfTarget)],
            [gainLabel, DisplayText.signed(h.gain)],
        ]
        if let previous = h.previousGain, let change = h.changeVsPrevious {
            rows.append(["Gained the week before", DisplayText.signed(previous)])
            rows.append(["Change vs the week before", DisplayText.signed(change)])
        }
        rows.append(["Hand-entered broadcast reach (apart)", DisplayText.number(h.handEntered)])
        var blocks: [Block] = []
        if let first = h.firstCountAfterPeriod {
            // Not "0 views": nothing was counted yet, which is not the same thing.
            blocks.append(.paragraph("No count exists yet for this period: the first count was read on \(DisplayText.day(first))."))
        } else {
            blocks.append(.paragraph("\(DisplayText.number(h.total)) views of the \(DisplayText.number(report.programme.target)) target (\(DisplayText.percent(h.percentOfTarget))); counted are views, not unique viewers."))
            blocks.append(.table(Table(headers: ["", "views"], rows: rows, numeric: [1])))
        }
        if let after = report.afterSeries {
            blocks.append(.paragraph("""
                The series ended on \(DisplayText.day(after.seriesEnd)) with \(DisplayText.number(after.totalAtEnd)) views \
                (\(DisplayText.percent(after.percentAtEnd)) of the target). Since then people kept watching the recordings: \
                \(DisplayText.signed(after.gainSinceEnd)) views, \(DisplayText.number(after.latestTotal)) in all by \(DisplayText.day(after.latestDay)).
                """))
        }
        return Section(title: "Headline", blocks: blocks)
    }

    private static func pacing(_ report: ReachReport) -> Section {
        let pacing = report.pacing
        var text: String
        if let crossed = pacing.crossed {
            // In the dates and times of the two counts around it: the views crossed the line
            // somewhere between them (run numbers are for `streamreach runs`).
            let zone = TimeZoneConverter(identifier: report.programme.timeZone)
            func moment(_ instant: Date) -> String {
                let local = zone.local(instant)
                return "\(DisplayText.day(local.date)) \(local.time)"
            }
            if let after = crossed.afterRunAt, let by = crossed.byRunAt {
                text = "The target was passed between the counts of \(moment(after)) and \(moment(by)) (\(report.programme.timeZone))."
            } else if let by = crossed.byRunAt {
                text = "The target was passed by the first count, \(moment(by)) (\(report.programme.timeZone))."
            } else {
                text = "The target was passed on \(DisplayText.day(crossed.date))."
            }
        } else if let forecast = pacing.forecast, let date = forecast.date {
            text = "At the recent pace of \(DisplayText.number(forecast.weeklyPace)) views a week, the target would be reached by \(DisplayText.day(date))."
        } else {
            text = "Not reached, and the total is not growing: no forecast."
        }
        if let needed = pacing.weeklyGainNeeded {
            text += " Still needed: \(DisplayText.number(needed)) views a week to reach it by the end of week \(report.programme.weeks)."
        } else if pacing.crossed == nil, let last = pacing.weeks.last, last.week >= report.programme.weeks {
            text = "The series is over without reaching the target: \(DisplayText.number(last.cumulative)) views at its end."
        }
        let rows = pacing.weeks.map { point in
            [String(point.week), point.to.iso, DisplayText.signed(point.gain), DisplayText.number(point.cumulative),
             DisplayText.number(point.targetLine)]
        }
        return Section(title: "Pacing", blocks: [
            .paragraph(text),
            .chart(.pacing),
            .table(Table(headers: ["week", "to", "gained", "cumulative", "target line"], rows: rows, numeric: [0, 2, 3, 4])),
            .chart(.weeklyGain),
        ])
    }

    private static func breakdowns(_ report: ReachReport) -> Section {
        func rows(_ items: [ReachReport.Breakdown]) -> [[String]] {
            items.map { [$0.name, DisplayText.number($0.total), DisplayText.signed($0.gain)] }
        }
        let gain = report.period.week == nil ? "in series" : "this week"
        return Section(title: "By channel and kind of act", blocks: [
            .chart(.channels),
            .table(Table(headers: ["channel", "views", gain], rows: rows(report.byChannel), numeric: [1, 2])),
            .table(Table(headers: ["kind", "views", gain], rows: rows(report.byKind), numeric: [1, 2])),
        ])
    }

    private static func events(_ report: ReachReport) -> Section {
        func rows(_ items: [ReachReport.EventLine]) -> [[String]] {
            items.map { [$0.date?.iso ?? "", $0.title, $0.kind, DisplayText.number($0.total), DisplayText.signed($0.gain)] }
        }
        var blocks: [Block] = [.table(Table(headers: ["date", "top events", "kind", "views", "gained"], rows: rows(report.topEvents), numeric: [3, 4]))]
        if report.period.week != nil {
            blocks.append(report.movers.isEmpty
                ? .paragraph("No event gained or lost views this week.")
                : .table(Table(headers: ["date", "biggest movers", "kind", "views", "gained"], rows: rows(report.movers), numeric: [3, 4])))
        }
        return Section(title: "Events", blocks: blocks)
    }

    private static func handEntered(_ report: ReachReport) -> Section {
        guard !report.handEnteredByChannel.isEmpty else {
            return Section(title: "Hand-entered broadcast reach", blocks: [.paragraph("No figures entered.")])
        }
        let inPeriod = report.period.week == nil ? "in series" : "this week"
        var blocks: [Block] = [
            .paragraph("Entered by hand for channels without an API (Offene Kanäle), each with its source. Estimates, kept apart: not part of the measured total."),
            .table(Table(headers: ["channel", "reach to date", inPeriod],
                         rows: report.handEnteredByChannel.map { [$0.name, DisplayText.number($0.total), DisplayText.signed($0.gain)] },
                         numeric: [1, 2])),
        ]
        if !report.handEntered.isEmpty {
            blocks.append(.table(Table(headers: ["date", "channel", "event", "reach", "source"],
                                       rows: report.handEntered.map { [$0.date.iso, $0.channel, $0.event, DisplayText.number($0.figure), $0.source] },
                                       numeric: [3])))
        }
        return Section(title: "Hand-entered broadcast reach", blocks: blocks)
    }

    private static func quality(_ report: ReachReport) -> Section {
        let q = report.quality
        var facts = ["\(q.runs) collect run\(q.runs == 1 ? "" : "s") up to the period's end"]
        facts.append(q.missedNights.isEmpty ? "no missed nights"
            : "missed nights: \(q.missedNights.map(\.iso).joined(separator: ", ")) (no views lost: they are attributed to the next night)")
        if !q.failedNights.isEmpty { facts.append("nights where every series failed: \(q.failedNights.map(\.iso).joined(separator: ", "))") }
        facts.append(q.corrections.isEmpty ? "no corrections"
            : "\(q.corrections.count) correction\(q.corrections.count == 1 ? "" : "s") removed \(DisplayText.number(q.correctedViews)) views")
        facts.append("\(q.handEnteredFigures) hand-entered figure\(q.handEnteredFigures == 1 ? "" : "s")")
        var blocks: [Block] = [.paragraph(facts.joined(separator: "; ") + ".")]
        if report.period.week != nil {
            let all = q.toDate
            var since = ["\(all.missedNights.count) missed night\(all.missedNights.count == 1 ? "" : "s")"
                + (all.missedNights.isEmpty ? "" : " (\(all.missedNights.map(\.iso).joined(separator: ", ")))")]
            since.append("\(all.failedNights.count) night\(all.failedNights.count == 1 ? "" : "s") with every series failing"
                + (all.failedNights.isEmpty ? "" : " (\(all.failedNights.map(\.iso).joined(separator: ", ")))"))
            since.append("\(all.corrections) correction\(all.corrections == 1 ? "" : "s") (\(DisplayText.number(all.correctedViews)) views removed)")
            blocks.append(.paragraph("Since the first run: " + since.joined(separator: "; ") + "."))
        }
        if !q.corrections.isEmpty {
            blocks.append(.table(Table(
                headers: ["correction", "event", "channel", "from", "to", "change"],
                rows: q.corrections.map { [$0.day.iso, $0.event, $0.channel, DisplayText.number($0.previousValue),
                                           DisplayText.number($0.value), DisplayText.signed($0.value - $0.previousValue)] },
                numeric: [3, 4, 5])))
        }
        if !q.staleSeries.isEmpty {
            blocks.append(.table(Table(
                headers: ["stale or failing", "channel", "last outcome", "days since count", "failed runs"],
                rows: q.staleSeries.map { [$0.event, $0.channel, $0.lastOutcome.rawValue + ($0.lastDetail.map { ": \($0)" } ?? ""),
                                          $0.daysSinceCount.map(String.init) ?? "never", String($0.failedRuns)] },
                numeric: [3, 4])))
        }
        if !q.figureNotes.isEmpty {
            blocks.append(.table(Table(headers: ["channel", "not counted as views"], rows: q.figureNotes.map { [$0.name, $0.note] }, numeric: [])))
        }
        return Section(title: "Data quality", blocks: blocks)
    }
}
