import Foundation
import Testing
@testable import StreamReachKit

/// The key references in docs/ list exactly the keys the loaders accept: a key added to a
/// loader without its line in the reference (or the other way round) fails here.
@Suite struct KeyReferenceTests {
    /// Keys of the "Every key" table of a doc, by section, in the loaders' spelling.
    private func documented(_ doc: String) throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: Fixtures.root.appendingPathComponent("docs/\(doc)").path, encoding: .utf8)
        let rest = try #require(text.components(separatedBy: "## Every key").dropFirst().first)
        let table = rest.components(separatedBy: "\n## ").first ?? rest
        var keys: [String: Set<String>] = [:]
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let path = String(line.dropFirst(3).prefix { $0 != "`" })
            let parts = path.components(separatedBy: ".")
            // "sources.<channel>.batch.size": section "sources.<channel>.batch", key "size".
            let section = parts.dropLast().joined(separator: ".")
            keys[section, default: []].insert(parts.last!)
        }
        return keys
    }

    @Test func theProgrammeReferenceListsEveryKeyTheLoaderAccepts() throws {
        let documented = try documented("PROGRAMME-FORMAT.md"), accepted = ProgrammeLoader.acceptedKeys
        for section in Set(documented.keys).union(accepted.keys) {
            #expect(documented[section] == accepted[section], "section `\(section)`: documented \(documented[section] ?? []), accepted \(accepted[section] ?? [])")
        }
    }

    @Test func theSourcesReferenceListsEveryKeyTheLoaderAccepts() throws {
        let documented = try documented("SOURCES-FORMAT.md"), accepted = SourcesConfigLoader.acceptedKeys
        for section in Set(documented.keys).union(accepted.keys) {
            #expect(documented[section] == accepted[section], "section `\(section)`: documented \(documented[section] ?? []), accepted \(accepted[section] ?? [])")
        }
    }

    @Test func theActPoolReferenceListsEveryKeyTheLoaderAccepts() throws {
        let documented = try documented("PLANNER.md"), accepted = ActPoolLoader.acceptedKeys
        for section in Set(documented.keys).union(accepted.keys) {
            #expect(documented[section] == accepted[section], "section `\(section)`: documented \(documented[section] ?? []), accepted \(accepted[section] ?? [])")
        }
    }
}
