import Foundation
import Synchronization

/// Runs the built `streamreach` binary, for exit codes and output as a user sees them.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// User + system CPU time of the command.
        var cpuSeconds: Double = 0
    }

    /// The binary sits beside the test bundle in the build folder (`swift build --build-tests`
    /// builds it); STREAMREACH_BIN overrides that.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["STREAMREACH_BIN"] { return path }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Fixtures.root.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates {
            let path = folder.appendingPathComponent("streamreach").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Fixtures.root.appendingPathComponent(".build/debug/streamreach").path
    }

    /// Runs the binary and waits for it off the cooperative pool (see `OffPool`).
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    executable: String? = nil, leading: [String] = []) async throws -> Result {
        try await OffPool.run { try blocking(arguments, environment: environment, executable: executable, leading: leading) }
    }

    /// `executable` and `leading` arguments run something else around the binary (a shell
    /// that sets a umask first).
    /// Longer than any command of the tests takes on a loaded CI machine (the demo: under a minute).
    static let limit: TimeInterval = 240

    private static func blocking(_ arguments: [String], environment: [String: String], executable: String?,
                                 leading: [String]) throws -> Result {
        let child = try ChildProcess(executable ?? binary, leading + arguments,
                                     environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                     directory: Fixtures.root.path, stdout: .pipe, stderr: .pipe)
        // A command that hangs fails its test instead of holding the whole run (and CI) until
        // its time limit: killed after `limit`, and the test sees why.
        let state = Mutex((exited: false, hung: false))
        let watchdog = DispatchWorkItem {
            state.withLock { state in
                guard !state.exited else { return }
                state.hung = true
                child.signal(SIGKILL)
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
        defer { watchdog.cancel() }
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall.
        let outData = child.readOutput()
        let errData = child.readError()
        let (status, cpuSeconds) = child.waitWithUsage()
        state.withLock { $0.exited = true }
        let note = state.withLock { $0.hung } ? "\n[the test killed it after \(Int(limit)) s: it hung]" : ""
        return Result(status: status,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self) + note,
                      cpuSeconds: cpuSeconds)
    }
}
