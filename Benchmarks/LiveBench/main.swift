// The live poller's benchmark (issue 13's goals), run by Benchmarks/run.py --only live:
//
//   streamreach-livebench grid URL STREAMS CYCLES INTERVAL OUT.json
//     The real poller on the system clock against the stand-in platform at URL: every
//     stream is live, polled every INTERVAL seconds; records each cycle's duration and how
//     late it started against its grid time (drift).
//   streamreach-livebench soak URL STREAMS CYCLES INTERVAL OUT.json
//     The same poller on a simulated clock, so CYCLES cycles run back to back (a compressed
//     day): records the CPU time each cycle costs and the resident memory as it goes.
//
// Streams are 40 % YouTube (channels of 50 videos with one API key: 50 ids a call), 40 %
// Twitch (one channel per stream with one app token: 100 logins a call) and 20 % PeerTube
// (one call each), as the goal describes. The YouTube budget is raised for the benchmark,
// and so is the cap on connections to one host (8 by default): the stand-in is one host
// for every platform, where the real ones are many.
// Audience samples go to a real SQLite store in a temporary folder, as in production.
import Foundation
import Logging
import StreamReachKit

let arguments = CommandLine.arguments
guard arguments.count == 7, ["grid", "soak"].contains(arguments[1]), let streams = Int(arguments[3]), let cycles = Int(arguments[4]),
      let interval = Double(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: streamreach-livebench grid|soak URL STREAMS CYCLES INTERVAL OUT.json\n".utf8))
    exit(64)
}
let (mode, server, output) = (arguments[1], arguments[2], arguments[6])

// The programme: every event started 5 minutes ago (UTC) and lasts longer than the run.
let startInstant = Date().addingTimeInterval(-300)
var utc = Calendar(identifier: .gregorian)
utc.timeZone = TimeZone(identifier: "UTC")!
let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: startInstant)
let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
let start = String(format: "%@ %02d:%02d", day, parts.hour!, parts.minute!)
let runHours = Int((Double(cycles) * interval / 3600).rounded(.up)) + 2
let youtube = streams * 2 / 5, twitch = streams * 2 / 5, peertube = streams - youtube - twitch
var programme = ["series: {id: livebench, title: Live benchmark, time-zone: UTC, first-day: \(day), weeks: 2}", "stages: [{id: hall}]", "channels:"]
var sources = ["settings: {youtube-quota: 100000000, concurrency: 64, connections-per-host: 64, timeout: 10s, deadline: 60s}", "sources:"]
let youtubeChannels = (youtube + 49) / 50
for channel in 0..<youtubeChannels {
    programme.append("  - {id: yt\(channel), platform: youtube}")
    sources.append("  yt\(channel): {platform: youtube, api-key: bench-key, base-url: \"\(server)\"}")
}
for channel in 0..<twitch {
    programme.append("  - {id: tw\(channel), platform: twitch}")
    sources.append("  tw\(channel): {platform: twitch, client-id: bench, access-token: bench-token, login: venue\(channel), base-url: \"\(server)\"}")
}
programme.append("  - {id: pt, platform: peertube}")
sources.append("  pt: {platform: peertube, base-url: \"\(server)\"}")
programme.append("events:")
for index in 0..<streams {
    let stream = index < youtube ? "yt\(index / 50): v\(index)" : index < youtube + twitch ? "tw\(index - youtube): rec\(index)" : "pt: p\(index)"
    programme.append("  - {id: e\(index), title: E\(index), kind: concert, start: \"\(start)\", duration: \(runHours)h, streams: {\(stream)}}")
}
let loadedProgramme = try ProgrammeLoader.parse(programme.joined(separator: "\n"), file: "livebench.yaml")
let config = try SourcesConfigLoader.parse(sources.joined(separator: "\n"), file: "livebench.sources.yaml", environment: [:])

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("livebench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let store = try await StoreLocation.open(folder.appendingPathComponent("live.sqlite").path, longRunning: true)

/// CPU seconds (user + system) this process has used.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Resident memory in kB from /proc: all of it, the process's own (heap, stacks: RssAnon)
/// and file pages mapped in (RssFile: SQLite reads its file through mmap, pages the kernel
/// can drop at any time, which grow with the file, not with a leak).
func residentKB() -> [Int] {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return ["VmRSS:", "RssAnon:", "RssFile:"].map { field in
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// What each cycle cost, gathered from the poller's callback.
final class Measurements: @unchecked Sendable {
    private let lock = NSLock()
    var lateness: [Double] = [], durations: [Double] = [], cpu: [Double] = [], rss: [[Int]] = []
    var lastCPU = cpuSeconds()

    func add(_ cycle: LivePoller.CycleTiming) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let now = cpuSeconds()
        lateness.append(cycle.lateness)
        durations.append(cycle.duration)
        cpu.append(now - lastCPU)
        lastCPU = now
        if lateness.count % 100 == 0 { rss.append([lateness.count] + residentKB()) }
        return lateness.count
    }
}

let measurements = Measurements()
/// The running poller's task, for the callback to stop it after the last cycle.
final class Running: @unchecked Sendable { var task: Task<LivePoller.Summary, any Error>? }
let running = Running()
let clock: any WallClock = mode == "grid" ? SystemWallClock() : SimulatedWallClock(start: Date())
var poller = LivePoller(programme: loadedProgramme, config: config, store: store, clock: clock,
                        logger: Logger(label: "livebench") { _ in SwiftLogNoOpLogHandler() })
poller.settings.interval = interval
poller.settings.edgeInterval = interval
poller.settings.lead = 3600
poller.afterCycle = { cycle in
    if measurements.add(cycle) >= cycles { running.task?.cancel() }
}
let rssBefore = residentKB()
let wallStart = Date()
running.task = Task { [poller] in try await poller.run() }
let summary = try await running.task!.value
let wall = Date().timeIntervalSince(wallStart)

/// The q-quantile of `values` (nearest rank).
func quantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)]
}
// The first cycle creates every series in the store: reported, but kept out of the steady state.
let steady = (durations: Array(measurements.durations.dropFirst()), lateness: Array(measurements.lateness.dropFirst()),
              cpu: Array(measurements.cpu.dropFirst()))
let result: [String: Any] = [
    "mode": mode, "streams": streams, "cycles": measurements.durations.count, "interval": interval,
    "polls": summary.polls, "samples": summary.samples, "failedPolls": summary.failedPolls,
    "firstCycleSeconds": measurements.durations.first ?? 0,
    "cycleSeconds": ["p50": quantile(steady.durations, 0.5), "p99": quantile(steady.durations, 0.99), "max": steady.durations.max() ?? 0],
    "latenessSeconds": ["p50": quantile(steady.lateness, 0.5), "p99": quantile(steady.lateness, 0.99), "max": steady.lateness.max() ?? 0],
    "cpuSecondsPerCycle": steady.cpu.isEmpty ? 0 : steady.cpu.reduce(0, +) / Double(steady.cpu.count),
    "rssKB": measurements.rss, "rssBeforeKB": rssBefore, "wallSeconds": wall,
]
try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: output))
