import Foundation

/// Runs the built binary as `nobody`, for what another account than a file's owner sees.
/// Only as root (`runuser`), and only where `nobody` may reach the binary.
enum OtherAccount {
    static func canRunTheBinary() async -> Bool {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: runuser) else { return false }
        return (try? await run(["--version"]).status) == 0
    }

    /// A new folder straight in /tmp that `nobody` may enter and write, its mode set after
    /// creating it so that the umask the tests run under cannot narrow it (the scratch
    /// folder would follow it). The caller removes it.
    static func sharedFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-shared-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        return folder
    }

    static func run(_ arguments: [String]) async throws -> CLIRunner.Result {
        try await CLIRunner.run(arguments, executable: runuser, leading: ["-u", "nobody", "--", CLIRunner.binary])
    }

    private static let runuser = "/usr/sbin/runuser"
}
