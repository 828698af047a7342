import Foundation
import Testing

/// The library's folders are layers: a folder uses the types of the layers below it and
/// never those of its own layer or above. README's layout lists the same layers.
@Suite struct SourceLayeringTests {
    /// Bottom first. Folders on one line are peers and do not use each other.
    static let layers: [[String]] = [
        ["Support"],
        ["Time", "InputFiles"],
        ["YAML", "Vocabulary"],
        ["Programme", "HTTP"],
        ["Planning", "Export", "Collector", "HandEntered", "Store"],
        ["SeasonPlanning", "Aggregation"],
        ["Reports"],
        ["Network", "NightlyJob", "Live"],
    ]

    /// Inside Store/: the two databases never name each other, and of the rest of the
    /// library only the file that opens a store by its location names either.
    static let databases = ["Store/SQLite", "Store/PostgreSQL"]
    static let storeOpener = "Store/StoreLocation.swift"

    @Test func everyFolderUsesOnlyTheLayersBelowIt() async throws {
        let library = try await OffPool.run { try Library.read() }
        #expect(library.files.count > 150, "the sources were found")
        let rank = Dictionary(uniqueKeysWithValues: Self.layers.enumerated().flatMap { level, folders in folders.map { ($0, level) } })
        let unplaced = Set(library.files.map(\.folder)).subtracting(rank.keys)
        #expect(unplaced.isEmpty, "folders with no layer: \(unplaced.sorted()); add them to `layers` and to README's layout")
        var reaches: [String] = []
        for file in library.files {
            for (type, owner) in library.typesUsed(by: file) where owner.folder != file.folder {
                guard let mine = rank[file.folder], let theirs = rank[owner.folder], theirs >= mine else { continue }
                let direction = theirs == mine ? "beside" : "above"
                reaches.append("\(file.path) uses \(type) of \(owner.folder)/, a folder \(direction) it")
            }
        }
        #expect(reaches.isEmpty, "\(reaches.sorted().joined(separator: "\n"))")
    }

    @Test func onlyTheStoreOpenerNamesADatabase() async throws {
        let library = try await OffPool.run { try Library.read() }
        var reaches: [String] = []
        for file in library.files where file.path != Self.storeOpener {
            for (type, owner) in library.typesUsed(by: file)
            where Self.databases.contains(owner.area) && owner.area != file.area {
                reaches.append("\(file.path) uses \(type) of \(owner.area)/")
            }
        }
        #expect(reaches.isEmpty, "\(reaches.sorted().joined(separator: "\n"))")
        // The opener does name both: the check above looks where it should.
        let opener = try #require(library.files.first { $0.path == Self.storeOpener })
        #expect(Set(library.typesUsed(by: opener).map(\.owner.area)).isSuperset(of: Self.databases))
    }

    @Test func theScannerKeepsCodeAndDropsWords() {
        let source = #"""
            // Programme in a comment
            /* Store /* nested */ Report */ let a = Event("Channel \(Platform.youtube) Donation")
            let b = """
                Network \(Figure.self)
                """
            """#
        let code = SwiftCode.withoutCommentsAndText(source)
        for kept in ["Event", "Platform", "Figure", "let a", "let b"] { #expect(code.contains(kept), "\(kept)") }
        for dropped in ["Programme", "Store", "Report", "nested", "Channel", "Donation", "Network"] {
            #expect(!code.contains(dropped), "\(dropped)")
        }
    }
}

/// The library's source files, and which folder declares each of its top-level types.
private struct Library {
    struct File {
        /// Relative to Sources/StreamReachKit.
        let path: String
        /// The top folder: the layer.
        let folder: String
        /// The folder, with Store's subfolders told apart.
        let area: String
        let code: String
    }

    struct Owner {
        let folder: String
        let area: String
    }

    let files: [File]
    let owners: [String: Owner]

    static func read() throws -> Library {
        let root = Fixtures.root.appendingPathComponent("Sources/StreamReachKit")
        let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        var files: [File] = []
        for path in paths.sorted() where path.hasSuffix(".swift") {
            let parts = path.split(separator: "/").map(String.init)
            let folder = parts.count > 1 ? parts[0] : ""
            let area = folder == "Store" && parts.count > 2 ? "Store/\(parts[1])" : folder
            let source = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            files.append(File(path: path, folder: folder, area: area, code: SwiftCode.withoutCommentsAndText(source)))
        }
        var owners: [String: Owner] = [:]
        for file in files {
            for name in declaredTypes(in: file.code) { owners[name] = Owner(folder: file.folder, area: file.area) }
        }
        return Library(files: files, owners: owners)
    }

    /// Types declared at the top level (column 0) and visible beyond their file.
    private static func declaredTypes(in code: String) -> [String] {
        let declaration = /^(?:@\w+(?:\([^)\n]*\))?\s+)*(?:(?:public|package|internal|final|indirect|nonisolated)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)/
            .anchorsMatchLineEndings()
        return code.matches(of: declaration).map { String($0.output.1) }
    }

    func typesUsed(by file: File) -> [(type: String, owner: Owner)] {
        let names = Set(file.code.matches(of: /\b[A-Z][A-Za-z0-9_]*\b/).map { String($0.output) })
        return names.sorted().compactMap { name in owners[name].map { (name, $0) } }
    }
}
