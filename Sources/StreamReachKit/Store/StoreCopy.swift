import Foundation

/// Copies every programme's history from one store to another (`streamreach store copy`):
/// typically a venue's SQLite file into the shared PostgreSQL store when it joins a network.
///
/// Run by run, in time order, each run in a transaction of its own through the
/// destination's ordinary write path (so its rollups are folded by the same rules). A run
/// the destination holds already (same programme, same start) is skipped: a copy can be
/// run again, and an interrupted copy resumes where it stopped. At the end the figures of
/// both stores are compared, programme by programme.
package struct StoreCopy: Sendable {
    package let source: any ReachStore
    package let destination: any ReachStore

    package init(from source: any ReachStore, to destination: any ReachStore) {
        self.source = source
        self.destination = destination
    }

    package struct ProgrammeResult: Sendable, Codable, Equatable {
        package let programme: String
        package let runsCopied: Int
        package let runsAlreadyThere: Int
        package let snapshotsCopied: Int
        package let handEntered: Int
        package let check: Check
    }

    /// The same figures read from both stores after the copy.
    package struct Check: Sendable, Codable, Equatable {
        package struct Figures: Sendable, Codable, Equatable {
            package let runs: Int
            package let snapshots: Int
            package let views: Int64
            package let corrections: Int
            package let handEntered: Int
            /// Viewers watching live (audience samples), kept apart from the views.
            package let viewerSamples: Int
            /// Donations, and their amounts added up in minor units (a checksum across currencies).
            package let donations: Int
            package let donatedMinorUnits: Int64
        }
        package let source: Figures
        package let destination: Figures
        package var agrees: Bool { source == destination }
    }

    /// Copies and checks every programme of the source; `progress` hears each programme as it starts.
    package func run(now: Date = Date(), progress: (@Sendable (String) -> Void)? = nil) async throws -> [ProgrammeResult] {
        let summaries = try await source.runs(limit: Int.max)
        let finished = Dictionary(summaries.map { ($0.id, $0.finishedAt) }, uniquingKeysWith: { first, _ in first })
        var results: [ProgrammeResult] = []
        for programme in Set(summaries.map(\.programme)).sorted() {
            progress?(programme)
            results.append(try await copy(programme, finished: finished, now: now))
        }
        return results
    }

    private func copy(_ programme: String, finished: [Int64: Date], now: Date) async throws -> ProgrammeResult {
        // A collect of this programme into the destination must not interleave with the copy.
        let lease = try await destination.lockRuns(programme: programme, now: now)
        do {
            let result = try await copyHoldingTheLock(programme, finished: finished, now: now)
            await lease.release()
            return result
        } catch {
            await lease.release()
            throw error
        }
    }

    private func copyHoldingTheLock(_ programme: String, finished: [Int64: Date], now: Date) async throws -> ProgrammeResult {
        let sourceRuns = try await source.read { try await $0.runDays(programme: programme) }
        let present = Set(try await destination.read { try await $0.runDays(programme: programme) }.map(\.startedAt))
        // Runs from before views and viewers were told apart keep that mark, so the
        // destination's next collect can still move what they hold (docs/SCHEMA.md, v4).
        let beforeFiguresApart = try await source.read { try await $0.runsBeforeFiguresApart(programme: programme) }
        var copied = 0, skipped = 0, snapshots = 0
        for run in sourceRuns {
            guard !present.contains(run.startedAt) else {
                skipped += 1
                continue
            }
            let stored = try await source.snapshots(runID: run.runID)
            let samples = stored.map { snapshot in
                Sample(target: CollectionTarget(eventID: snapshot.eventID, channelID: snapshot.channelID, streamID: snapshot.streamID),
                       reading: SeriesReading(outcome: snapshot.outcome, value: snapshot.value, detail: snapshot.detail),
                       attempts: snapshot.attempts, url: "")
            }
            try await destination.record(CollectionRun(programme: programme, startedAt: run.startedAt, finishedAt: finished[run.runID] ?? run.startedAt,
                                                       day: run.day, samples: samples),
                                         figuresApart: !beforeFiguresApart.contains(run.runID))
            copied += 1
            snapshots += samples.count
        }
        let audience = try await source.read { try await $0.audience(programme: programme) }
        try await destination.recordAudience(programme: programme, audience)
        try await destination.recordLiveEnd(programme: programme, try await source.read { try await $0.liveEndViews(programme: programme) })
        let manual = try await source.read { try await $0.manualReach(programme: programme) }
        if !manual.isEmpty { try await destination.recordManualReach(programme: programme, manual, enteredAt: now) }
        // Each keeps its occurrence: a copy run again finds every line there and skips it.
        let donations = try await source.read { try await $0.donations(programme: programme) }
        if !donations.isEmpty { try await destination.recordDonations(programme: programme, donations, as: .importing, enteredAt: now) }
        let check = Check(source: try await figures(source, programme), destination: try await figures(destination, programme))
        return ProgrammeResult(programme: programme, runsCopied: copied, runsAlreadyThere: skipped, snapshotsCopied: snapshots,
                               handEntered: manual.count, check: check)
    }

    private func figures(_ store: any ReachStore, _ programme: String) async throws -> Check.Figures {
        try await store.read { reader in
            let runs = try await reader.runDays(programme: programme)
            let donations = try await reader.donations(programme: programme)
            let states = try await reader.seriesStates(programme: programme)
            let corrections = try await reader.correctionTotals(programme: programme, to: LocalDate(dayNumber: Int(Int32.max) / 2))
            return Check.Figures(runs: runs.count, snapshots: runs.map(\.seriesCount).reduce(0, +),
                                 views: states.compactMap(\.value).reduce(0, +), corrections: corrections.count,
                                 handEntered: try await reader.manualReach(programme: programme).count,
                                 viewerSamples: try await reader.audience(programme: programme).count,
                                 donations: donations.count, donatedMinorUnits: donations.map(\.amount).reduce(0, +))
        }
    }
}

/// The copy finished, but the two stores disagree: nothing was lost from the source, and
/// the figures say where to look.
package struct StoreCopyMismatch: Error, LocalizedError, ExitStatusReporting {
    package let programmes: [String]
    package init(programmes: [String]) { self.programmes = programmes }
    package var errorDescription: String? {
        "after the copy, the stores disagree for \(programmes.joined(separator: ", ")); the source is unchanged (see the figures above)"
    }
    package var exitStatus: ExitStatus { .software }
}
