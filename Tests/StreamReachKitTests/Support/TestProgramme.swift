import Foundation
import Logging
@testable import StreamReachKit

/// Small programmes and sources files for collector tests, written as YAML so they go
/// through the same loaders as a user's files.
enum TestProgramme {
    /// One event per (id, streams) pair, all on 2020-03-24 at 17:00 Berlin time.
    static func make(channels: [(id: String, platform: String)], events: [(id: String, streams: [String: String])]) throws -> Programme {
        var lines = [
            "series: {id: test, title: Test, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2}",
            "stages: [{id: hall}]",
            "channels:",
        ]
        for channel in channels { lines.append("  - {id: \(channel.id), platform: \(channel.platform)}") }
        lines.append("events:")
        for event in events {
            let streams = event.streams.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
            lines.append("  - {id: \(event.id), title: T, kind: concert, start: \"2020-03-24 17:00\", streams: {\(streams)}}")
        }
        return try ProgrammeLoader.parse(lines.joined(separator: "\n"), file: "test-programme.yaml")
    }

    /// A sources file with `settings` and the given source entries.
    ///
    /// The default timeout is far above any stub's answer, not tight: the stub servers run
    /// on Swift's cooperative pool (2 threads on CI), which is busy for seconds when a whole
    /// suite starts at once, and a request that timed out then was retried and failed tests
    /// that count requests. Tests of timeouts set their own.
    static func sources(_ entries: String, settings: String = "", environment: [String: String] = [:]) throws -> SourcesConfig {
        var values = ["connect-timeout": "2s", "timeout": "20s", "deadline": "60s", "max-attempts": "3"]
        for line in settings.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            values[parts[0]] = parts[1]
        }
        let text = """
            settings:
            \(values.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }.joined(separator: "\n"))
            sources:
            \(entries.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """
        return try SourcesConfigLoader.parse(text, file: "test-sources.yaml", environment: environment)
    }

    /// After the test events started.
    static let night = ISO8601DateFormatter().date(from: "2020-03-25T02:00:00Z")!

    static func collector(_ programme: Programme, _ config: SourcesConfig, figure: Figure = .views) -> Collector {
        var collector = Collector(programme: programme, config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                                  figure: figure)
        collector.retryPolicy.baseDelaySeconds = 0.05
        collector.clock = { night }
        return collector
    }

    static func readings(_ run: CollectionRun) -> [String: SeriesReading] {
        Dictionary(uniqueKeysWithValues: run.samples.map { ("\($0.target.eventID)/\($0.target.channelID)", $0.reading) })
    }
}
