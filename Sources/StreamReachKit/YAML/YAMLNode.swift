// Sendable stated, not inferred: inferring it for this recursive enum made the compiler
// report a "circular reference" depending on how it batched the files.
/// A YAML document as the readers walk it: scalars stay text (the readers convert them and
/// say where a conversion failed), and every node keeps its line and column.
///
/// Not `indirect`: the arrays already hold the children out of line, and boxing every node
/// (scalars included) was an allocation per value, ~50,000 for a 2,000-event programme.
enum YAMLNode: Sendable {
    case scalar(String, YAMLMark)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(_, let mark), .mapping(_, let mark), .sequence(_, let mark): return mark
        }
    }

    /// The text of a scalar, nil for collections.
    var string: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    var kindName: String {
        switch self {
        case .scalar(let text, _): return text.isEmpty ? "nothing" : "the value `\(text)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// 1-based line and column (columns count characters, as editors do).
struct YAMLMark: Sendable {
    let line: Int
    let column: Int
}
