import Foundation

/// The top-level `Fixtures/` folder. SwiftPM resources must sit inside a target, so tests
/// find the shared folder from this file's path instead.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        root.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    static func schedule(_ name: String) -> String {
        root.appendingPathComponent("Schedules").appendingPathComponent(name).path
    }
}
