import Foundation
import Testing
@testable import StreamReachDemo

/// The demo's built-in programme is the shipped file, word for word.
@Suite struct DemoProgrammeTests {
    @Test func theBuiltInProgrammeIsTheShippedFile() throws {
        let shipped = try String(contentsOfFile: Fixtures.schedule("fruchthalle-2020.yaml"), encoding: .utf8)
        #expect(DemoProgramme.text + "\n" == shipped, "copy Schedules/fruchthalle-2020.yaml into Sources/StreamReachDemo/DemoProgramme.swift again")
    }

    /// `streamreach demo` from a folder that is not the repository (it exited 1 there).
    @Test func theDemoRunsFromAnyFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = ["cd \"$1\" && shift && exec \"$0\" \"$@\"", CLIRunner.binary, folder.path, "demo", "--output", "here"]
        let result = try await CLIRunner.run(command, executable: "/bin/sh", leading: ["-c"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("here/streamreach.sqlite").path))
    }
}
