import Foundation

/// Builds a ``NetworkReport`` from each programme's whole-series report, read concurrently
/// (a shared store serves them in parallel), then summed.
package struct NetworkReportBuilder: Sendable {
    package let network: Network
    package let programmes: [StreamReachKit.Programme]

    package init(network: Network, programmes: [StreamReachKit.Programme]) throws {
        var seen: [String: String] = [:]
        for programme in programmes {
            if let other = seen[programme.series.id] {
                throw NetworkError.duplicateProgramme(programme.series.id, other, programme.file)
            }
            seen[programme.series.id] = programme.file
        }
        self.network = network
        self.programmes = programmes
    }

    /// Every programme read in one consistent view of the store (one transaction on one
    /// connection: the network's figures belong to one moment, and the report does not pay
    /// for a connection per programme).
    package func build(from store: any ReachStore) async throws -> NetworkReport {
        let builders = programmes.map { programme in
            var builder = ReachReportBuilder(programme: programme)
            builder.readsPacing = false
            return builder
        }
        let inputs = try await store.read { reader in
            var inputs: [ReportInputs] = []
            for builder in builders { inputs.append(try await builder.load(.all, from: reader)) }
            return inputs
        }
        return compose(zip(builders, inputs).map { $0.compose($1) })
    }

    /// The network from its programmes' reports: sums and shares, no store.
    func compose(_ reports: [ReachReport]) -> NetworkReport {
        let total = reports.map(\.headline.total).reduce(0, +)
        let target = network.target ?? reports.map(\.programme.target).reduce(0, +)
        let lines = zip(programmes, reports).map { programme, report in
            NetworkReport.Programme(
                id: report.programme.id, title: report.programme.title, firstDay: report.programme.firstDay,
                lastDay: report.programme.lastDay, target: report.programme.target, total: report.headline.total,
                percentOfOwnTarget: report.headline.percentOfTarget, shareOfNetwork: Self.percent(report.headline.total, of: total),
                handEntered: report.headline.handEntered, quality: quality(report))
        }
        var platforms: [String: Int64] = [:]
        var topEvents: [NetworkReport.TopEvent] = []
        for (programme, report) in zip(programmes, reports) {
            let kinds = Dictionary(programme.channels.map { ($0.id, $0.platform?.rawValue ?? $0.sort.rawValue) }, uniquingKeysWith: { first, _ in first })
            for line in report.byChannel { platforms[kinds[line.key] ?? line.key, default: 0] += line.total }
            let events = Dictionary(programme.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            // Every event's total, from the per-series lines (a report's own top list is only five long).
            let eventTotals = Dictionary(grouping: report.series, by: \.event).mapValues { $0.map(\.total).reduce(0, +) }
            for (event, eventTotal) in eventTotals {
                topEvents.append(NetworkReport.TopEvent(programme: report.programme.id, event: event, title: events[event]?.title ?? event,
                                                        date: events[event]?.start.date, total: eventTotal))
            }
        }
        let latest = reports.compactMap(\.quality.lastRunAt).max()
        return NetworkReport(
            network: .init(id: network.id, title: network.title, target: target, targetIsSum: network.target == nil),
            counts: "views",
            headline: .init(total: total, percentOfTarget: Self.percent(total, of: target),
                            handEntered: reports.map(\.headline.handEntered).reduce(0, +), programmes: reports.count, latestCountAt: latest),
            programmes: lines,
            byPlatform: platforms.map { NetworkReport.Platform(platform: $0.key, total: $0.value, shareOfNetwork: Self.percent($0.value, of: total)) }
                .sorted { ($0.total, $1.platform) > ($1.total, $0.platform) },
            topEvents: Array(topEvents.sorted { ($0.total, $1.programme, $1.event) > ($1.total, $0.programme, $0.event) }.prefix(10)),
            methodology: """
                The network's total is the sum of each programme's latest total, exactly as its own report \
                (`streamreach report PROGRAMME --all`) shows it; views by platform are the programmes' \
                channels summed by platform. Reach entered by hand (broadcast channels) is shown apart and \
                not in the total. Percentages are rounded half up to one decimal. \
                \(network.target == nil ? "The target is the sum of the programmes' targets." : "The target is the network's own.")
                """)
    }

    private func quality(_ report: ReachReport) -> NetworkReport.Quality {
        let quality = report.quality
        var warnings: [String] = []
        if quality.runs == 0 { warnings.append("no collect run yet") }
        func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        if !quality.toDate.missedNights.isEmpty { warnings.append(counted(quality.toDate.missedNights.count, "missed night", "missed nights")) }
        if !quality.toDate.failedNights.isEmpty {
            warnings.append(counted(quality.toDate.failedNights.count, "night with failures", "nights with failures"))
        }
        if !quality.staleSeries.isEmpty {
            warnings.append(counted(quality.staleSeries.count, "stream without a current count", "streams without a current count"))
        }
        return NetworkReport.Quality(
            runs: quality.runs, lastRunAt: quality.lastRunAt, missedNights: quality.toDate.missedNights.count,
            failedNights: quality.toDate.failedNights.count, staleSeries: quality.staleSeries.count,
            corrections: quality.toDate.corrections, correctedViews: quality.toDate.correctedViews, warnings: warnings)
    }

    /// Half up to one decimal, as every report.
    static func percent(_ value: Int64, of whole: Int64) -> Double {
        whole == 0 ? 0 : Double((value * 2000 + whole) / (2 * whole)) / 10
    }
}

package enum NetworkError: Error, LocalizedError, ExitStatusReporting {
    case duplicateProgramme(String, String, String)

    package var errorDescription: String? {
        switch self {
        case .duplicateProgramme(let id, let first, let second):
            return "\(second): the series id `\(id)` is also the id of \(first); each programme of a network needs its own"
        }
    }

    package var exitStatus: ExitStatus { .dataError }
}
