import Foundation
import Testing
@testable import StreamReachKit

/// Each loader, given a shipped file of another kind, names what it was given and where
/// that file goes, in one message at the key that tells, instead of listing every key.
@Suite struct InputFileKindTests {
    /// A shipped file of each kind.
    static let shipped: [InputFileKind: String] = [
        .programme: "fruchthalle-2020.yaml", .sources: "fruchthalle-2020.sources.yaml",
        .network: "fruchthalle-network.yaml", .actPool: "fruchthalle-winter-2020.acts.yaml",
    ]

    /// Every file given where another kind is read.
    static let mistakes: [(given: InputFileKind, read: InputFileKind)] = InputFileKind.allCases.flatMap { given in
        InputFileKind.allCases.filter { $0 != given }.map { (given, $0) }
    }

    @Test(arguments: mistakes)
    func aFileOfAnotherKindIsNamedOnce(given: InputFileKind, read: InputFileKind) throws {
        let path = Fixtures.schedule(try #require(Self.shipped[given]))
        let error = try #require(throws: InputFileError.self) { try Self.load(path, as: read) }
        // The line that says what the file is, found in its text here, not by the loader.
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix(given.signatureKey + ":") }) + 1
        #expect(error.diagnostics.count == 1, "\(error.diagnostics)")
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location == SourceLocation(file: path, line: line, column: 1))
        let words: [InputFileKind: (what: String, goes: String)] = [
            .programme: ("a programme", "the file named first"), .sources: ("a sources file", "goes to `--sources`"),
            .network: ("a network file", "goes to `report --network`"), .actPool: ("an act pool", "goes to `--acts`"),
        ]
        let (givenWords, readWords) = (try #require(words[given]), try #require(words[read]))
        #expect(diagnostic.message.hasPrefix("this is \(givenWords.what) (it has `\(given.signatureKey):`), not \(readWords.what); "),
                "\(diagnostic.message)")
        #expect(diagnostic.message.contains(givenWords.goes), "\(diagnostic.message)")
        // The sources file is configuration (78) whatever was given for it; the others are data (65).
        #expect(error.exitStatus == (read == .sources ? .configError : .dataError))
    }

    /// A file of the right kind that lacks its own key, and has no other kind's, is reported
    /// as before: its missing and unknown keys, each at its place.
    @Test func aFileOfNoKnownKindGetsItsOwnProblems() throws {
        let error = try #require(throws: InputFileError.self) {
            try ProgrammeLoader.parse("title: Spring\nstages: [{id: hall}]\n", file: "p.yaml")
        }
        #expect(error.diagnostics.map(\.description) == [
            "p.yaml:1:1: unknown key `title` in the programme file; valid keys: changeover, channels, donations, events, kinds, series, slots, stages",
            "p.yaml:1:1: the programme file needs `series`",
        ])
    }

    private static func load(_ path: String, as kind: InputFileKind) throws {
        switch kind {
        case .programme: _ = try ProgrammeLoader.load(path: path)
        case .sources: _ = try SourcesConfigLoader.load(path: path, environment: [:])
        case .network: _ = try NetworkLoader.load(path: path)
        case .actPool: _ = try ActPoolLoader.load(paths: [path], for: ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-winter-2020.yaml")))
        }
    }
}
