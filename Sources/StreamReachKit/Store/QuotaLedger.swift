import Foundation

/// Who spent quota units.
package enum QuotaJob: String, Sendable, CaseIterable, Codable {
    case nightly
    case live
}

/// Units of a metered platform's daily quota spent on one day by one job.
package struct QuotaUse: Sendable, Equatable, Codable {
    /// The quota's day: YouTube's resets at midnight Pacific time.
    package let day: LocalDate
    package let job: QuotaJob
    package let units: Int

    package init(day: LocalDate, job: QuotaJob, units: Int) {
        self.day = day
        self.job = job
        self.units = units
    }
}

/// The YouTube Data API's quota day: it resets at midnight Pacific time.
package enum QuotaDay {
    package static let timeZone = "America/Los_Angeles"

    package static func of(_ instant: Date) -> LocalDate {
        TimeZoneConverter(identifier: timeZone).local(instant).date
    }
}

extension ReachStore {
    /// Books up to `units` of `day`'s budget for `job`, runs `body` with that allowance, and
    /// gives back what it did not spend once `body` is done (its store writes too: a SQLite
    /// store has one writer), also when it throws: the ledger ends up holding the calls
    /// made, and the budget is never passed. A return the store cannot take leaves a few
    /// units counted too many, the safe side of the budget, and never fails work already done.
    package func spendingQuota<T: Sendable>(day: LocalDate, units: Int, limit: Int, job: QuotaJob,
                                            _ body: (QuotaAllowance) async throws -> T) async throws -> T {
        let allowance = QuotaAllowance(granted: try await reserveQuota(day: day, units: units, limit: limit, job: job))
        do {
            let result = try await body(allowance)
            try? await returnQuota(day: day, units: allowance.left, job: job)
            return result
        } catch {
            try? await returnQuota(day: day, units: allowance.left, job: job)
            throw error
        }
    }

    /// Units spent on `day` by every job.
    package func quotaSpent(on day: LocalDate) async throws -> Int {
        try await read { try await $0.quotaUse(since: day) }.filter { $0.day == day }.map(\.units).reduce(0, +)
    }
}
