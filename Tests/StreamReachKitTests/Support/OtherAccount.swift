import Foundation

/// Runs the built binary as `nobody`, for what another account than a file's owner sees.
/// Only as root (`runuser`), and only where `nobody` may reach the binary.
enum OtherAccount {
    static func canRunTheBinary() async -> Bool {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: runuser) else { return false }
        return (try? await run(["--version"]).status) == 0
    }

    static func run(_ arguments: [String]) async throws -> CLIRunner.Result {
        try await CLIRunner.run(arguments, executable: runuser, leading: ["-u", "nobody", "--", CLIRunner.binary])
    }

    private static let runuser = "/usr/sbin/runuser"
}
