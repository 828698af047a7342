import Foundation

/// Where a network of programmes stands: the total against the network's target, each
/// programme's share and its own standing, views by platform, the top events across all
/// programmes, and each programme's data quality. Every figure is the sum of what each
/// programme's own `report --all` shows: a network report never counts differently.
package struct NetworkReport: Sendable, Codable, Equatable {
    package struct Info: Sendable, Codable, Equatable {
        package let id: String
        package let title: String
        package let target: Int64
        /// Whether the target is the network's own or the sum of the programmes'.
        package let targetIsSum: Bool
    }

    package struct Headline: Sendable, Codable, Equatable {
        package let total: Int64
        package let percentOfTarget: Double
        /// Reach entered by hand (broadcast channels), shown apart as in every report.
        package let handEntered: Int64
        package let programmes: Int
        package let latestCountAt: Date?
    }

    package struct Programme: Sendable, Codable, Equatable {
        package let id: String
        package let title: String
        package let firstDay: LocalDate
        package let lastDay: LocalDate
        package let target: Int64
        package let total: Int64
        package let percentOfOwnTarget: Double
        package let shareOfNetwork: Double
        package let handEntered: Int64
        package let quality: Quality
    }

    package struct Quality: Sendable, Codable, Equatable {
        package let runs: Int
        package let lastRunAt: Date?
        package let missedNights: Int
        package let failedNights: Int
        /// Series whose last read did not give a count.
        package let staleSeries: Int
        package let corrections: Int
        package let correctedViews: Int64
        /// What a reader should look at first, in words; empty when all is well.
        package let warnings: [String]
    }

    package struct Platform: Sendable, Codable, Equatable {
        package let platform: String
        package let total: Int64
        package let shareOfNetwork: Double
    }

    package struct TopEvent: Sendable, Codable, Equatable {
        package let programme: String
        package let event: String
        package let title: String
        package let date: LocalDate?
        package let total: Int64
    }

    package let network: Info
    package let counts: String
    package let headline: Headline
    package let programmes: [Programme]
    package let byPlatform: [Platform]
    package let topEvents: [TopEvent]
    package let methodology: String
}
