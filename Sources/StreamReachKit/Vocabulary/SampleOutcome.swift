/// How reading one series went in one run. Stored with every snapshot.
package enum SampleOutcome: String, Sendable, Codable, CaseIterable {
    /// A count was read.
    case ok
    /// The platform has no count now (offline, omitted, null): recorded, not an error, not zero.
    case absent
    /// Network, timeout, 5xx or 429 that outlasted the retries: try again next run.
    case transient
    /// The platform's quota is used up: not retried, fine again tomorrow.
    case quota
    /// The key or token was refused (401, 403): fix the configuration.
    case auth
    /// The answer can never be right as things are (404, unknown id, not JSON, no number).
    case permanent

    package var isFailure: Bool { self != .ok && self != .absent }
}

/// The outcome of one series in one run, with a reason a person can act on.
package struct SeriesReading: Sendable, Equatable {
    package let outcome: SampleOutcome
    package let value: Int64?
    package let detail: String?

    package static func count(_ value: Int64) -> SeriesReading { SeriesReading(outcome: .ok, value: value, detail: nil) }

    package init(outcome: SampleOutcome, value: Int64? = nil, detail: String?) {
        self.outcome = outcome
        self.value = value
        self.detail = detail
    }
}
