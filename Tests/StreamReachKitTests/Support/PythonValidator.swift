import Foundation
import Synchronization

/// Runs one of the independent validators in Tests/validators (Python: jsonschema,
/// icalendar, vobject). `make test` installs what they need.
enum PythonValidator {
    /// Whether python3 runs.
    static func python3Available() async -> Bool {
        await answer("import sqlite3")
    }

    /// Whether the validators' packages are installed (`make test` installs them).
    static func available() async -> Bool {
        await answer("import jsonschema, rfc3339_validator, rfc3987, icalendar, vobject")
    }

    private static let answers = Mutex<[String: Bool]>([:])

    /// Asked once per set of imports, off the cooperative pool: a Python start that imports
    /// the validators' packages takes a second on a loaded machine, and checks on the pool's
    /// two threads held up the in-process stub servers beside them (their requests timed out
    /// and were retried, failing tests that count requests).
    private static func answer(_ imports: String) async -> Bool {
        if let known = answers.withLock({ $0[imports] }) { return known }
        let works = (try? await OffPool.run { try run("-c", imports).status }) == 0
        answers.withLock { $0[imports] = works }
        return works
    }

    /// Waits off the cooperative pool (see `OffPool`): a browser or a kill loop takes seconds.
    static func script(_ name: String, _ arguments: String...) async throws -> (status: Int32, output: String) {
        let path = Fixtures.root.appendingPathComponent("Tests/validators/\(name)").path
        return try await OffPool.run { try run(path, arguments) }
    }

    /// Runs a short Python program given as text; returns what it printed.
    static func run(script: String, arguments: [String]) async throws -> String {
        try await OffPool.run { try run("-c", [script] + arguments).output }
    }

    private static func run(_ first: String, _ rest: String...) throws -> (status: Int32, output: String) {
        try run(first, rest)
    }

    private static func run(_ first: String, _ rest: [String]) throws -> (status: Int32, output: String) {
        // ChildProcess, not Foundation's Process: see why there.
        let child = try ChildProcess("/usr/bin/env", ["python3", first] + rest)
        let data = child.readOutput()
        return (child.wait(), String(decoding: data, as: UTF8.self))
    }

    /// The c3voc schema: from ../shared/schemas beside the repository when present, else
    /// the copy in Fixtures/schemas.
    static var scheduleSchema: String {
        let shared = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/schemas/c3voc-schedule.schema.json").path
        return FileManager.default.fileExists(atPath: shared) ? shared : Fixtures.path("schemas/c3voc-schedule.schema.json")
    }

    /// frab's schedule.xml XSD, found the same way.
    static var scheduleXSD: String {
        let shared = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/schemas/schedule.xml.xsd").path
        return FileManager.default.fileExists(atPath: shared) ? shared : Fixtures.path("schemas/schedule.xml.xsd")
    }
}
