
/// Walks a YAML document with positions, collecting every problem as a ``Diagnostic``.
///
/// Decoding with `Decodable` loses line numbers and ignores unknown keys; programme and
/// config files need both, so readers walk the composed ``YAMLNode`` tree through this class.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Composes the document, or throws the parser's own message at its position.
    func root(of text: String) throws -> YAMLNode {
        guard let node = try YAMLComposer.compose(text, file: file) else {
            throw InputFileError(SourceLocation(file: file, line: 1, column: 1), "file is empty; expected a YAML mapping")
        }
        return node
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    /// Past this many problems a file is reported as broken without listing more.
    static let diagnosticLimit = 50

    func report(_ node: YAMLNode, _ message: String) {
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
    func mapping(_ node: YAMLNode, _ what: String, allowed: Set<String>) -> YAMLMapping? {
        guard case .mapping(let mapping, _) = node else {
            report(node, "\(what) must be a mapping of `key: value` lines, found \(node.kindName)")
            return nil
        }
        // Mappings hold a handful of keys: comparing with the keys before is cheaper than
        // hashing each into a set, and a programme has thousands of these mappings. A set
        // still guards a mapping that is long by mistake (or by malice) from quadratic time.
        var seen = mapping.count > 16 ? Set<String>() : nil
        for (index, (keyNode, _)) in mapping.enumerated() {
            guard let key = keyNode.string else {
                report(keyNode, "keys of \(what) must be plain words, not a list, a mapping or an alias of one")
                continue
            }
            let repeated = seen != nil ? !seen!.insert(key).inserted : mapping[..<index].contains { $0.key.string == key }
            if repeated {
                report(keyNode, "`\(key)` appears more than once in \(what); keep one")
            }
            if !allowed.contains(key) {
                let hint = KeySuggestion.nearest(to: key, among: allowed.sorted()).map { "; did you mean `\($0)`?" }
                    ?? "; valid keys: \(allowed.sorted().joined(separator: ", "))"
                report(keyNode, "unknown key `\(key)` in \(what)\(hint)")
            }
        }
        return YAMLMapping(reader: self, node: node, pairs: mapping, what: what)
    }

    /// Reports each id after its first use, pointing back at the first.
    func reportDuplicates(_ ids: [(String, SourceLocation)], what: String, advice: String = "ids must be unique") {
        var seen: [String: SourceLocation] = [:]
        for (id, location) in ids {
            if let first = seen[id] {
                report(location, "\(what) id `\(id)` is already used at line \(first.line); \(advice)")
            } else {
                seen[id] = location
            }
        }
    }

    // `what` is an autoclosure here and below: most callers interpolate a key into it, and
    // building that text for every value of a 2,000-event programme, where nearly none
    // is wrong, was a measurable part of reading it.
    func string(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = node.string else {
            report(node, "\(what()) must be a single value, found \(node.kindName)")
            return nil
        }
        return text
    }

    func sequence(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [YAMLNode]? {
        guard case .sequence(let items, _) = node else {
            report(node, "\(what()) must be a list, found \(node.kindName)")
            return nil
        }
        return items
    }
}

/// A checked mapping: typed access to its values, each reporting problems at its own place.
struct YAMLMapping {
    let reader: YAMLReader
    let node: YAMLNode
    let what: String
    private let pairs: [(key: YAMLNode, value: YAMLNode)]

    init(reader: YAMLReader, node: YAMLNode, pairs: [(key: YAMLNode, value: YAMLNode)], what: String) {
        self.reader = reader
        self.node = node
        self.what = what
        self.pairs = pairs
    }

    /// The value of `key` (the first, when a key repeats: that is reported separately).
    /// A search, not a dictionary: see ``YAMLReader/mapping(_:_:allowed:)``.
    subscript(key: String) -> YAMLNode? { pairs.first { $0.key.string == key }?.value }

    var location: SourceLocation { reader.location(node) }

    func location(of key: String) -> SourceLocation {
        self[key].map(reader.location) ?? location
    }

    func required(_ key: String) -> YAMLNode? {
        guard let value = self[key] else {
            reader.report(node, "\(what) needs `\(key)`")
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = required ? self.required(key) : self[key] else { return nil }
        guard let text = reader.string(value, "`\(key)`") else { return nil }
        if required, text.isEmpty { reader.report(value, "`\(key)` must not be empty") }
        return text
    }

    func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let value = required ? self.required(key) : self[key],
              let text = reader.string(value, "`\(key)`") else { return nil }
        // Digits may be grouped with `_` (`target: 100_000`). A plain filter, not Foundation's
        // replacingOccurrences: its first call in a process bridged to NSString and scanned
        // the binary's conformance records, ~0.3 ms of every programme's reading.
        guard let number = Int(text.filter { $0 != "_" }) else {
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
        guard let value = required ? self.required(key) : self[key],
              let text = reader.string(value, "`\(key)`") else { return nil }
        guard let result = parse(text) else {
            reader.report(value, "`\(key)` must be \(expected), found `\(text)`")
            return nil
        }
        return result
    }

    func strings(_ key: String) -> [String] {
        guard let value = self[key] else { return [] }
        // A single value where a list is expected is read as a list of one.
        if let text = value.string { return [text] }
        guard let items = reader.sequence(value, "`\(key)`") else { return [] }
        return items.compactMap { reader.string($0, "each entry of `\(key)`") }
    }
}

extension YAMLReader {
    /// The top-level mapping of a file that must be of `kind`, its keys checked against
    /// `allowed`. A file of another kind is reported once, as the wrong file, and gives nil:
    /// its keys would all be unknown here.
    func top(_ root: YAMLNode, of kind: InputFileKind, allowed: Set<String>) -> YAMLMapping? {
        if let (other, keyNode) = otherKind(of: root, than: kind) {
            report(keyNode, "this is \(other.name) (it has `\(other.signatureKey):`), not \(kind.name); \(other.use)")
            return nil
        }
        return mapping(root, kind.title, allowed: allowed)
    }

    /// The kind of file `root` is, and the key that tells, when it lacks `kind`'s own key
    /// and has another kind's.
    private func otherKind(of root: YAMLNode, than kind: InputFileKind) -> (InputFileKind, YAMLNode)? {
        guard case .mapping(let pairs, _) = root, !pairs.contains(where: { $0.key.string == kind.signatureKey }) else { return nil }
        for other in InputFileKind.allCases {
            if let pair = pairs.first(where: { $0.key.string == other.signatureKey }) { return (other, pair.key) }
        }
        return nil
    }
}
