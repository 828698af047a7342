import Foundation
import Testing
@testable import StreamReachKit

/// The live figures from samples, by the rules the methodology states.
@Suite struct LiveAudienceStatsTests {
    static let t0 = Date(timeIntervalSince1970: 1_585_065_600)
    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }
    /// Readings at these seconds after `t0`.
    static func curve(_ points: [(Double, Int64)]) -> [(at: Date, viewers: Int64)] { points.map { (at($0.0), $0.1) } }

    @Test func viewerMinutesAverageAndPeakFromHeldSamples() throws {
        // 10 viewers for 60 s, 30 for 60 s, 20 for 30 s, then the last reading (held for nothing).
        // The average rounds to one decimal: 7 for 60 s and 8 for 60 s and 8 for 60 s is 7.7.
        let figures = try #require(LiveAudienceStats.figures(Self.curve([(0, 10), (60, 30), (120, 20), (150, 5)])))
        #expect(figures.viewerMinutes == 10 + 30 + 10)
        #expect(figures.average == 20, "50 viewer-minutes over the 2.5 minutes covered")
        #expect(figures.peak == 30)
        #expect(figures.peakAt == Self.at(60))
        #expect(figures.samples == 4)
        #expect(figures.gaps.isEmpty)
        #expect((figures.from, figures.until) == (Self.at(0), Self.at(150)))
        let rounded = try #require(LiveAudienceStats.figures(Self.curve([(0, 7), (60, 8), (120, 8), (180, 0)])))
        #expect(rounded.average == 7.7)
    }

    @Test func aLongSilenceIsAGapNeverFilledIn() throws {
        let figures = try #require(LiveAudienceStats.figures(Self.curve([(0, 40), (60, 40), (600, 40), (660, 40)])))
        #expect(figures.gaps == [LiveAudienceStats.Gap(from: Self.at(60), until: Self.at(600))])
        #expect(figures.viewerMinutes == 80, "the nine silent minutes count nothing")
        #expect(figures.average == 40)
    }

    @Test func thePeakIsTheFirstOfEqualReadingsAndOneReadingIsItsOwnAverage() throws {
        let figures = try #require(LiveAudienceStats.figures(Self.curve([(0, 7), (15, 9), (30, 9)])))
        #expect(figures.peakAt == Self.at(15))
        let one = try #require(LiveAudienceStats.figures(Self.curve([(0, 12)])))
        #expect((one.average, one.viewerMinutes) == (12, 0))
        #expect(LiveAudienceStats.figures([]) == nil)
    }

    @Test func platformsAreAddedUpPollByPoll() {
        let summed = LiveAudienceStats.sum([Self.curve([(0, 10), (60, 20)]), Self.curve([(0, 5), (60, 1), (120, 3)])])
        #expect(summed.map(\.viewers) == [15, 21, 3])
        #expect(summed.map(\.at) == [Self.at(0), Self.at(60), Self.at(120)])
    }
}
