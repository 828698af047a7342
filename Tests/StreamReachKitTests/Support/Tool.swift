import Foundation

/// Runs an outside checker (promtool, xmllint, systemd-analyze) and returns its exit status
/// and everything it printed.
enum Tool {
    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil,
                    input: URL? = nil) async throws -> (status: Int32, output: String) {
        try await OffPool.run { try blocking(executable, arguments, in: folder, input: input) }
    }

    private static func blocking(_ executable: String, _ arguments: [String], in folder: URL?, input: URL?) throws -> (status: Int32, output: String) {
        // ChildProcess, not Foundation's Process: see why there.
        let child = try ChildProcess(executable, arguments, directory: folder?.path, input: input?.path)
        let output = String(decoding: child.readOutput(), as: UTF8.self)
        return (child.wait(), output)
    }
}
