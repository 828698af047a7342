import Yams

/// Walks a YAML document with positions, collecting every problem as a ``Diagnostic``.
///
/// Yams' `Decodable` support loses line numbers and ignores unknown keys; programme and
/// config files need both, so readers walk the composed `Node` tree through this class.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Composes the document, or throws the parser's own message at its position.
    func root(of text: String) throws -> Node {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if let unsafe = YAMLSafetyScan.complexKey(in: text, file: file) { throw InputFileError([unsafe]) }
        do {
            // The basic resolver keeps every scalar a string: this reader converts values
            // itself, and Yams' default resolver runs regular expressions on every key
            // comparison, which made a 10,000-event file take a second.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw InputFileError(start, "file is empty; expected a YAML mapping")
            }
            return node
        } catch let error as YamlError {
            throw InputFileError([diagnostic(from: error)])
        }
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// Past this many problems a file is reported as broken without listing more.
    static let diagnosticLimit = 50

    func report(_ node: Node, _ message: String) {
        appendDiagnostic(Diagnostic(location(node), message))
    }

    func report(_ location: SourceLocation, _ message: String) {
        appendDiagnostic(Diagnostic(location, message))
    }

    func appendDiagnostic(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.diagnosticLimit {
            diagnostics.append(diagnostic)
        } else if diagnostics.count == Self.diagnosticLimit {
            diagnostics.append(Diagnostic(diagnostic.location, "more problems follow; fix the ones above first"))
        }
    }

    /// Throws everything reported so far, if anything was.
    func throwIfProblems() throws {
        if !diagnostics.isEmpty {
            throw InputFileError(diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
    }

    /// A mapping whose keys are checked against `allowed`; nil (and a diagnostic) if `node` is not one.
    func mapping(_ node: Node, _ what: String, allowed: Set<String>) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of `key: value` lines, found \(node.kindName)")
            return nil
        }
        // Duplicate keys need no check here: Yams rejects them while composing.
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(keyNode, "keys of \(what) must be plain words")
                continue
            }
            if !allowed.contains(key) {
                let hint = KeySuggestion.nearest(to: key, among: allowed.sorted()).map { "; did you mean `\($0)`?" }
                    ?? "; valid keys: \(allowed.sorted().joined(separator: ", "))"
                report(keyNode, "unknown key `\(key)` in \(what)\(hint)")
            }
        }
        return YAMLMapping(reader: self, node: node, mapping: mapping, what: what)
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, "\(what) must be a single value, found \(node.kindName)")
            return nil
        }
        return scalar.string
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(node, "\(what) must be a list, found \(node.kindName)")
            return nil
        }
        return Array(sequence)
    }

    private func diagnostic(from error: YamlError) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                              "\(keys) appears more than once in the same mapping; keep one")
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return Diagnostic(SourceLocation(file: file, line: mark.line, column: mark.column),
                              "YAML syntax: \(detail)")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
        }
    }
}

/// A checked mapping: typed access to its values, each reporting problems at its own place.
struct YAMLMapping {
    let reader: YAMLReader
    let node: Node
    let what: String
    /// Values by key, looked up by plain string rather than by `Node` equality.
    private let values: [String: Node]

    init(reader: YAMLReader, node: Node, mapping: Node.Mapping, what: String) {
        self.reader = reader
        self.node = node
        self.what = what
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.scalar?.string { values[name] = value }
        }
        self.values = values
    }

    subscript(key: String) -> Node? { values[key] }

    var location: SourceLocation { reader.location(node) }

    func location(of key: String) -> SourceLocation {
        values[key].map(reader.location) ?? location
    }

    func required(_ key: String) -> Node? {
        guard let value = values[key] else {
            reader.report(node, "\(what) needs `\(key)`")
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = required ? self.required(key) : values[key] else { return nil }
        guard let text = reader.string(value, "`\(key)`") else { return nil }
        if required, text.isEmpty { reader.report(value, "`\(key)` must not be empty") }
        return text
    }

    func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let value = required ? self.required(key) : values[key],
              let text = reader.string(value, "`\(key)`") else { return nil }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
            reader.report(value, "`\(key)` must be a whole number, found `\(text)`")
            return nil
        }
        if let range, !range.contains(number) {
            reader.report(value, "`\(key)` must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    func parsed<T>(_ key: String, required: Bool = false, expected: String, _ parse: (String) -> T?) -> T? {
        guard let value = required ? self.required(key) : values[key],
              let text = reader.string(value, "`\(key)`") else { return nil }
        guard let result = parse(text) else {
            reader.report(value, "`\(key)` must be \(expected), found `\(text)`")
            return nil
        }
        return result
    }

    func strings(_ key: String) -> [String] {
        guard let value = values[key] else { return [] }
        // A single value where a list is expected is read as a list of one.
        if case .scalar(let scalar) = value { return [scalar.string] }
        guard let items = reader.sequence(value, "`\(key)`") else { return [] }
        return items.compactMap { reader.string($0, "each entry of `\(key)`") }
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "the value `\(scalar.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
