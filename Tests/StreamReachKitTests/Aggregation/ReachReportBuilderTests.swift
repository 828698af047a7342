import Foundation
import Testing
@testable import StreamReachKit

@Suite struct ReachReportBuilderTests {
    @Test func weeklyGainIsEndValueMinusStartValueSummedPerSeries() async throws {
        let history = try await History.standard()
        let week1 = try await history.report(.week(1))
        // Week 1 ends Sun 03-29: a/yt 160, a/fb 80; nothing before it.
        #expect(week1.headline.total == 240)
        #expect(week1.headline.gain == 240)
        let week2 = try await history.report(.week(2))
        // Week 2 ends Sun 04-05: a/yt 170 (-10 vs 160? no: 170-160=10), a/fb 95 (+15), b/yt 420 and b/fb 60 from 0.
        #expect(week2.headline.total == 170 + 95 + 420 + 60)
        #expect(week2.headline.gain == 10 + 15 + 420 + 60)
        #expect(week2.headline.previousGain == 240)
        #expect(week2.headline.changeVsPrevious == Int64(265))
    }

    @Test func aLateStartHasAZeroBaseline() async throws {
        let history = try await History.standard()
        let week2 = try await history.report(.week(2))
        let b = try #require(week2.topEvents.first { $0.event == "b" })
        #expect(b.total == 480)
        #expect(b.gain == 480)
    }

    @Test func aDropIsACorrectionNeverAGainOrAClamp() async throws {
        let history = try History(target: 1000)
        try await history.run("2020-03-25", ["a/yt": 200])
        try await history.run("2020-03-27", ["a/yt": 150])
        let week1 = try await history.report(.week(1))
        #expect(week1.headline.total == 150)
        #expect(week1.headline.gain == 150)
        #expect(week1.quality.corrections.map(\.previousValue) == [200])
        #expect(week1.quality.correctedViews == 50)
        try await history.run("2020-03-30", ["a/yt": 120])
        let week2 = try await history.report(.week(2))
        // The second drop lands in week 2 as a negative gain, not clamped to zero.
        #expect(week2.headline.gain == -30)
        #expect(week2.movers.first?.gain == -30)
        #expect(week2.quality.toDate.corrections == 2)
        #expect(week2.quality.toDate.correctedViews == 80)
    }

    @Test func missedNightsLoseNoViewsAndAreListed() async throws {
        let history = try await History.standard()
        let week2 = try await history.report(.week(2))
        #expect(week2.quality.missedNights.map(\.iso) == ["2020-03-30", "2020-03-31", "2020-04-02", "2020-04-03", "2020-04-04"])
        // The nights in between change nothing about the total at the week's end.
        #expect(week2.headline.total == 745)
    }

    @Test func aSeriesThatFailsEveryNightIsReportedAsStale() async throws {
        let history = try await History.standard()
        let report = try await history.report(.all)
        let stale = try #require(report.quality.staleSeries.first { $0.event == "c" })
        #expect(stale.lastOutcome == .transient)
        #expect(stale.daysSinceCount == nil)
        #expect(stale.failedRuns == 5)
        #expect(!report.series.contains { $0.event == "c" })
    }

    @Test func theCrossingIsTheFirstDayTheTotalReachesTheTarget() async throws {
        let history = try await History.standard(target: 600)
        let report = try await history.report(.all)
        let crossed = try #require(report.pacing.crossed)
        // 03-29: 240; 04-01: 150+90+300+40 = 580; 04-05: 745 ≥ 600.
        #expect(crossed.date.iso == "2020-04-05")
        #expect(crossed.afterRun == 4)
        #expect(crossed.byRun == 5)
        #expect(report.pacing.forecast == nil)
    }

    @Test func aForecastFollowsTheRecentPaceWhenNotYetReached() async throws {
        let history = try await History.standard(target: 5_000)
        let week2 = try await history.report(.week(2))
        #expect(week2.pacing.crossed == nil)
        let forecast = try #require(week2.pacing.forecast)
        // Mean of the gains of weeks 1 and 2: (240 + 505) / 2.
        #expect(forecast.weeklyPace == 372)
        #expect(forecast.date != nil)
        // 5,000 − 745 over the one week left.
        #expect(week2.pacing.weeklyGainNeeded == 4_255)
    }

    @Test func breakdownsSumPerChannelAndKind() async throws {
        let week2 = try await History.standard().report(.week(2))
        #expect(week2.byChannel.map(\.key) == ["yt", "fb"])
        #expect(week2.byChannel.map(\.total) == [590, 155])
        #expect(week2.byKind.map(\.key) == ["reading", "concert"])
        #expect(week2.byKind.map(\.gain) == [480, 25])
        #expect(week2.byChannel.map(\.total).reduce(0, +) == week2.headline.total)
    }

    @Test func handEnteredReachIsKeptApart() async throws {
        let week2 = try await History.standard().report(.week(2))
        #expect(week2.headline.handEntered == 550)
        #expect(week2.handEntered.map(\.figure) == [250])
        #expect(week2.handEnteredByChannel.first?.total == 550)
        #expect(week2.headline.total == 745)
    }

    @Test func theLatestCompleteWeekIsTheOneBeforeTheLastRun() async throws {
        let history = try await History.standard()
        // The last run is on 04-08 (week 3), so week 2 is the latest complete one.
        #expect(try await history.report(.latestComplete).period.week == 2)
        #expect(try await history.report(.latestComplete).period.complete)
        #expect(try await history.report(.week(3)).period.complete == false)
    }

    @Test func isoWeeksMapToProgrammeWeeks() async throws {
        let history = try await History.standard()
        #expect(try await history.report(.isoWeek(year: 2020, week: 14)).period.week == 2)
        #expect(try await history.report(.week(1)).period.isoWeek == "2020-W13")
        await #expect(throws: ReportError.self) { try await history.report(.isoWeek(year: 2020, week: 30)) }
        await #expect(throws: ReportError.self) { try await history.report(.week(9)) }
        #expect(ReportPeriod.parseISOWeek("2020-W14") == .isoWeek(year: 2020, week: 14))
        #expect(ReportPeriod.parseISOWeek("2020-14") == nil)
    }

    @Test func anOlderRunStoredLateDoesNotBecomeTheLatest() async throws {
        let history = try History(target: 1000)
        try await history.run("2020-03-27", ["a/yt": 300])
        try await history.run("2020-03-25", ["a/yt": 100])
        let state = try #require(try await history.store.read { try await $0.seriesStates(programme: "hist") }.first)
        #expect(state.value == 300)
        #expect(state.corrections == 0)
        #expect(try await history.report(.week(1)).headline.total == 300)
    }

    @Test func noRunsIsAClearError() async throws {
        let history = try History()
        await #expect(throws: ReportError.noRuns) { try await history.report(.latestComplete) }
    }

    /// Shares of the target round half up to one decimal (they were cut: 97,081 showed 97.0 %).
    @Test(arguments: [(Int64(97_081), 97.1), (16_895, 16.9), (16_849, 16.8), (100_000, 100.0), (0, 0.0), (99_950, 100.0)])
    func percentagesRoundHalfUp(_ total: Int64, _ expected: Double) async throws {
        let history = try History(target: 100_000)
        try await history.run("2020-03-25", ["a/yt": total])
        #expect(try await history.report(.week(1)).headline.percentOfTarget == expected)
    }

    /// A week ends just before Monday 00:00 local time: a count read at Monday 00:00 exactly
    /// is the new week's, also across the summer-time change of Sunday 29 March 2020.
    @Test func aCountAtMonday0000BelongsToTheNewWeekAcrossTheClockChange() async throws {
        let history = try History(target: 1_000)
        let zone = TimeZoneConverter(identifier: "Europe/Berlin")
        func store(_ local: String, _ value: Int64) async throws {
            let at = zone.instant(LocalDateTime(text: local)!)
            let day = zone.local(at).date
            try await history.store.record(CollectionRun(programme: "hist", startedAt: at, finishedAt: at, day: day, samples: [
                Sample(target: CollectionTarget(eventID: "a", channelID: "yt", streamID: "ya"), reading: .count(value), attempts: 1, url: ""),
            ]))
        }
        try await store("2020-03-25 02:00", 100)
        try await store("2020-03-29 23:59", 150) // Sunday, after the clocks went forward (UTC+2)
        try await store("2020-03-30 00:00", 190) // Monday 00:00 exactly
        let week1 = try await history.report(.week(1)), week2 = try await history.report(.week(2))
        #expect(week1.headline.total == 150)
        #expect(week1.headline.gain == 150)
        #expect(week2.headline.gain == 40)
        #expect(week1.methodology.contains("a count read at Monday 00:00 exactly is the new week's first count"))
    }

    /// Mid-series, `--all` paces through the latest complete week only: future weeks are not
    /// zero weeks, and forecast and "still needed" agree with that week's own report.
    @Test func theWholeSeriesMidSeriesAgreesWithTheLatestWeek() async throws {
        let history = try History(target: 1_000)
        try await history.run("2020-03-25", ["a/yt": 100])
        try await history.run("2020-03-29", ["a/yt": 180])
        try await history.run("2020-03-31", ["a/yt": 200, "b/yt": 30]) // Tuesday of week 2: week 1 is complete
        let all = try await history.report(.all), latest = try await history.report(.latestComplete)
        #expect(latest.period.week == 1)
        #expect(all.pacing.weeks.map(\.week) == [1], "weeks 2 and 3 have no data yet")
        #expect(all.pacing.weeklyGainNeeded == latest.pacing.weeklyGainNeeded)
        #expect(all.pacing.weeklyGainNeeded == Int64(410), "820 views in the 2 weeks left")
        #expect(all.pacing.forecast == latest.pacing.forecast)
        #expect(all.headline.total == 230, "the headline is the latest count")
        #expect(all.period.to == LocalDate(iso: "2020-03-31"))
    }

    /// After the series: a plain report gives the final week with the final standing, and
    /// what was gained after the end apart; no "still needed" for a series that is over.
    @Test func aFinishedSeriesReportsItsFinalStandingAndWhatCameAfter() async throws {
        let history = try History(target: 1_000)
        try await history.run("2020-03-25", ["a/yt": 100])
        try await history.run("2020-04-12", ["a/yt": 600]) // the series' last day, Sunday of week 3
        try await history.run("2020-06-30", ["a/yt": 750]) // long after
        let plain = try await history.report(.latestComplete)
        #expect(plain.period.week == 3)
        #expect(plain.pacing.weeklyGainNeeded == nil)
        let after = try #require(plain.afterSeries)
        #expect((after.totalAtEnd, after.latestTotal, after.gainSinceEnd) == (600, 750, 150))
        #expect(after.percentAtEnd == 60.0)
        let all = try await history.report(.all)
        #expect(all.pacing.weeks.map(\.week) == [1, 2, 3], "not the weeks up to June")
        #expect(all.afterSeries == plain.afterSeries)
        let text = try ReportRendering.render(plain, as: .text, programme: history.programme).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("The series ended on Sun 2020-04-12 with 600 views (60.0 % of the target)"), "\(text)")
        #expect(text.contains("The series is over without reaching the target"))
        #expect(!text.contains("Still needed"))
    }

    /// A week before the first count says that no count exists yet, not "0 views".
    @Test func aWeekBeforeTheFirstCountSaysSo() async throws {
        let history = try History(target: 1_000)
        try await history.run("2020-04-08", ["a/yt": 400])
        let report = try await history.report(.week(1))
        #expect(report.headline.firstCountAfterPeriod == LocalDate(iso: "2020-04-08"))
        let text = try ReportRendering.render(report, as: .text, programme: history.programme)
        #expect(text.contains("No count exists yet for this period: the first count was read on Wed 2020-04-08."))
        #expect(!text.contains("0 views of the 1,000 target"))
    }
}
