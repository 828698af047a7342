import Foundation

/// `streamreach quota`: the YouTube quota spent per day by the nightly job and the live
/// poller, against the daily budget.
package struct QuotaLedgerReport: Sendable, Codable, Equatable {
    package struct Day: Sendable, Codable, Equatable {
        package let day: LocalDate
        package let nightly: Int
        package let live: Int
        package let total: Int
        package let left: Int
    }

    /// Where the quota's days end.
    package let timeZone: String
    package let budget: Int
    /// Oldest first, today last.
    package let days: [Day]

    /// The last `days` quota days up to the one `now` falls in.
    package static func read(from store: any ReachStore, now: Date, days: Int, budget: Int) async throws -> QuotaLedgerReport {
        let today = QuotaDay.of(now)
        let first = today.adding(days: -(max(1, days) - 1))
        let uses = try await store.read { try await $0.quotaUse(since: first) }
        let rows = (0..<max(1, days)).map { offset -> Day in
            let day = first.adding(days: offset)
            let nightly = uses.filter { $0.day == day && $0.job == .nightly }.map(\.units).reduce(0, +)
            let live = uses.filter { $0.day == day && $0.job == .live }.map(\.units).reduce(0, +)
            return Day(day: day, nightly: nightly, live: live, total: nightly + live, left: max(0, budget - nightly - live))
        }
        return QuotaLedgerReport(timeZone: QuotaDay.timeZone, budget: budget, days: rows)
    }

    package var text: String {
        var lines = ["YouTube quota, \(DisplayText.number(Int64(budget))) units a day (days end at midnight Pacific time)",
                     "day       " + ["nightly", "live", "total", "left"].map { Self.pad($0, 9) }.joined()]
        for row in days {
            lines.append(row.day.iso + [row.nightly, row.live, row.total, row.left].map { Self.pad(DisplayText.number(Int64($0)), 9) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
