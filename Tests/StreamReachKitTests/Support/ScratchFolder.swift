import Foundation

/// One folder per test process for files the tests write and leave for others to read (a
/// validator's input, the demo database a suite shares), removed when the process exits:
/// `make test` left about 20 such files and a demo database in /tmp on every run.
enum ScratchFolder {
    static let url: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamreach-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.url) }
        return folder
    }()

    /// A new path in the folder; `name` ends it, so tools that look at the extension see it.
    static func path(_ name: String) -> String {
        url.appendingPathComponent("\(UUID())-\(name)").path
    }

    /// A new file in the folder holding `text`.
    static func file(_ text: String, suffix: String) throws -> String {
        let path = path("file\(suffix)")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A new, empty folder in it.
    static func folder(_ name: String) throws -> URL {
        let folder = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
