import Foundation

/// Runs an outside checker (promtool, xmllint, systemd-analyze) and returns its exit status
/// and everything it printed.
enum Tool {
    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil,
                    input: URL? = nil) async throws -> (status: Int32, output: String) {
        try await OffPool.run { try blocking(executable, arguments, in: folder, input: input) }
    }

    private static func blocking(_ executable: String, _ arguments: [String], in folder: URL?, input: URL?) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if let input { process.standardInput = try FileHandle(forReadingFrom: input) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
