import Foundation

/// Programmes reported together: the venues of a city or a state, or one venue's seasons.
/// From a network file (``NetworkLoader``) or simply the programme files named on the
/// command line (then the target is the sum of theirs).
package struct Network: Sendable {
    package let id: String
    package let title: String
    /// The network's own target; nil: the sum of the programmes' targets.
    package let target: Int64?
    /// The programme files, as given (a network file's paths are relative to it).
    package let programmeFiles: [String]

    package init(id: String, title: String, target: Int64?, programmeFiles: [String]) {
        self.id = id
        self.title = title
        self.target = target
        self.programmeFiles = programmeFiles
    }
}

/// Reads a network file, with the same file:line:column errors as a programme file.
///
/// ```yaml
/// network: {id: fruchthalle, title: "Fruchthalle Kaiserslautern 2020", target: 200000}
/// programmes: [fruchthalle-2020.yaml, fruchthalle-winter-2020.yaml]
/// ```
package enum NetworkLoader {
    package static let acceptedKeys: [String: Set<String>] = [
        "": ["network", "programmes"],
        "network": ["id", "title", "target"],
    ]

    package static func load(path: String) throws -> Network {
        try parse(InputFileText.read(path: path), file: path)
    }

    /// Whether the file is a network file (its top level has `network`) rather than a programme.
    package static func isNetworkFile(path: String) -> Bool {
        guard let text = try? InputFileText.read(path: path), let root = try? YAMLComposer.compose(text, file: path),
              case .mapping(let pairs, _) = root else { return false }
        return pairs.contains { $0.key.string == "network" }
    }

    package static func parse(_ text: String, file: String) throws -> Network {
        let reader = YAMLReader(file: file)
        let root = try reader.root(of: text)
        guard let top = reader.top(root, of: .network, allowed: acceptedKeys[""]!) else {
            try reader.throwIfProblems()
            fatalError("unreachable: a root that is not a mapping, or of another kind of file, is always reported")
        }
        let header = top.required("network").flatMap { reader.mapping($0, "`network`", allowed: acceptedKeys["network"]!) }
        let id = header?.string("id", required: true)
        let title = header?.string("title")
        let target = header?.int("target", range: 0...1_000_000_000_000)
        var files: [String] = []
        if let node = top.required("programmes"), let items = reader.sequence(node, "`programmes`") {
            if items.isEmpty { reader.report(node, "`programmes` must name at least one programme file") }
            let folder = (file as NSString).deletingLastPathComponent
            for item in items {
                guard let path = reader.string(item, "each entry of `programmes`") else { continue }
                let resolved = path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
                if !FileManager.default.fileExists(atPath: resolved) {
                    reader.report(item, "no programme file `\(path)` (looked for \(resolved))")
                }
                files.append(resolved)
            }
        }
        try reader.throwIfProblems()
        return Network(id: id ?? "network", title: title ?? id ?? "Network", target: target.map(Int64.init), programmeFiles: files)
    }
}
