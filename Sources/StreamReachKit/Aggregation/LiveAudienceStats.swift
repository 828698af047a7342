import Foundation

/// The live figures of a report, computed from the audience samples the live poller stored
/// (people watching at each poll). Pure: samples in, figures out. The rules, as the report's
/// methodology states them (after Restream's analytics: peak, peak time, average viewers,
/// watched time per channel and in total):
///
/// - A sample holds until the next one of the same stream, if that comes within `maxGap`;
///   a longer silence is a gap, shown as such and never filled in. The last sample holds
///   for nothing: nothing is extrapolated.
/// - Viewer-minutes: the sum over held samples of viewers × minutes held.
/// - Average concurrent viewers: viewer-minutes ÷ the minutes covered (gaps excluded).
/// - Peak: the highest sample and when it was read (the first, if tied).
/// - Across platforms (an event's total, the programme's): samples read at the same poll
///   (the poller reads every due stream at once) are added up first.
package enum LiveAudienceStats {
    /// Two polls further apart than this leave a gap: twice the poller's default interval.
    package static let maxGap: TimeInterval = 120

    package struct Figures: Sendable, Codable, Equatable {
        package let samples: Int
        package let peak: Int64
        package let peakAt: Date
        /// Rounded to one decimal.
        package let average: Double
        package let viewerMinutes: Int64
        package let from: Date
        package let until: Date
        package let gaps: [Gap]
    }

    package struct Gap: Sendable, Codable, Equatable {
        package let from: Date
        package let until: Date
    }

    /// The figures of one curve (samples in time order, one per instant); nil when empty.
    package static func figures(_ curve: [(at: Date, viewers: Int64)]) -> Figures? {
        guard let first = curve.first, let last = curve.last else { return nil }
        var peak = first
        var viewerSeconds: Double = 0, covered: TimeInterval = 0
        var gaps: [Gap] = []
        for (index, sample) in curve.enumerated() {
            if sample.viewers > peak.viewers { peak = sample }
            guard index + 1 < curve.count else { break }
            let next = curve[index + 1].at, held = next.timeIntervalSince(sample.at)
            if held > maxGap {
                gaps.append(Gap(from: sample.at, until: next))
            } else {
                viewerSeconds += Double(sample.viewers) * held
                covered += held
            }
        }
        let average = covered > 0 ? (viewerSeconds / covered * 10).rounded() / 10 : Double(first.viewers)
        return Figures(samples: curve.count, peak: peak.viewers, peakAt: peak.at, average: average,
                       viewerMinutes: Int64((viewerSeconds / 60).rounded()), from: first.at, until: last.at, gaps: gaps)
    }

    /// Curves added up at each instant: an event's platforms, or every stream of a programme.
    /// One stream: an event on a channel.
    package struct Stream: Hashable, Sendable {
        package let event: String
        package let channel: String

        package init(_ event: String, _ channel: String) {
            self.event = event
            self.channel = channel
        }
    }

    /// Each stream's samples as its curve, in time order: what every figure is computed from.
    package static func curves(_ samples: [AudienceSample]) -> [Stream: [(at: Date, viewers: Int64)]] {
        Dictionary(grouping: samples) { Stream($0.eventID, $0.channelID) }
            .mapValues { stream in stream.sorted { $0.observedAt < $1.observedAt }.map { ($0.observedAt, $0.viewers) } }
    }

    package static func sum(_ curves: [[(at: Date, viewers: Int64)]]) -> [(at: Date, viewers: Int64)] {
        var byInstant: [Date: Int64] = [:]
        for curve in curves { for sample in curve { byInstant[sample.at, default: 0] += sample.viewers } }
        return byInstant.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
