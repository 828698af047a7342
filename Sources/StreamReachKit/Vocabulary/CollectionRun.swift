import Foundation

/// One stream on one platform channel: what the collector reads.
package struct CollectionTarget: Sendable, Hashable {
    package let eventID: String
    package let channelID: String
    package let streamID: String
}

/// One series' result in a run.
package struct Sample: Sendable {
    package let target: CollectionTarget
    package let reading: SeriesReading
    package let attempts: Int
    /// The request that read it, secrets removed.
    package let url: String
}

/// Everything one run of the collector read, ready to be stored in one transaction.
package struct CollectionRun: Sendable {
    package let programme: String
    package let startedAt: Date
    package let finishedAt: Date
    /// The programme-local day the run started on: the day its counts are attributed to.
    package let day: LocalDate
    package let samples: [Sample]

    package init(programme: String, startedAt: Date, finishedAt: Date, day: LocalDate, samples: [Sample]) {
        self.programme = programme
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.day = day
        self.samples = samples
    }

    package func count(_ outcome: SampleOutcome) -> Int { samples.filter { $0.reading.outcome == outcome }.count }

    package var failures: [Sample] { samples.filter { $0.reading.outcome.isFailure } }

    /// What cron should hear: a refused key is configuration (78), a wrong id or a broken
    /// answer is bad data (65), a network failure or used-up quota is worth trying again (75).
    package var exitStatus: ExitStatus {
        let outcomes = Set(failures.map(\.reading.outcome))
        if outcomes.contains(.auth) { return .configError }
        if outcomes.contains(.permanent) { return .dataError }
        if outcomes.contains(.transient) || outcomes.contains(.quota) { return .temporaryFailure }
        return .ok
    }
}
