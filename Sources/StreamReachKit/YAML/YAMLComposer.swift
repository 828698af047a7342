internal import CYaml

/// Builds a ``YAMLNode`` tree from libyaml's event stream.
///
/// Yams' composer was the largest cost of loading a programme (its nodes resolve tags and
/// hash every mapping key, which also let a key that is an alias of a nested list expand
/// exponentially). This one keeps only what the readers use: text and positions. Aliases
/// share the anchored node and are never expanded; libyaml itself limits nesting depth.
enum YAMLComposer {
    static func compose(_ text: String, file: String) throws -> YAMLNode? {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { bytes in
            // libyaml's parser lives at one address for its whole life: it is not copied.
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else {
                throw InputFileError(SourceLocation(file: file, line: 1, column: 1), "YAML: out of memory")
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var composer = EventComposer(parser: parser, file: file)
            return try composer.document()
        } ?? nil
    }
}

/// Walks the events of one document; `parser` is libyaml's state, owned by ``compose``.
private struct EventComposer {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let file: String
    var anchors: [String: YAMLNode] = [:]

    init(parser: UnsafeMutablePointer<yaml_parser_t>, file: String) {
        self.parser = parser
        self.file = file
    }

    mutating func document() throws -> YAMLNode? {
        var event = try next() // stream start
        yaml_event_delete(&event)
        event = try next()
        guard event.type == YAML_DOCUMENT_START_EVENT else {
            yaml_event_delete(&event)
            return nil // an empty stream
        }
        yaml_event_delete(&event)
        event = try next()
        let root = try node(from: &event)
        event = try next() // document end
        yaml_event_delete(&event)
        event = try next()
        defer { yaml_event_delete(&event) }
        if event.type == YAML_DOCUMENT_START_EVENT {
            throw InputFileError(location(event.start_mark), "the file holds more than one YAML document (---); keep one")
        }
        return root
    }

    /// Consumes `event` (a node's first event) and the events of its children.
    private mutating func node(from event: inout yaml_event_t) throws -> YAMLNode {
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return remember(.scalar(text, mark), anchor: scalar.anchor)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard let target = anchors[name] else {
                throw InputFileError(location(event.start_mark), "alias *\(name) refers to no anchor &\(name) above it")
            }
            return target
        case YAML_SEQUENCE_START_EVENT:
            let anchor = event.data.sequence_start.anchor
            var items: [YAMLNode] = []
            var child = try next()
            while child.type != YAML_SEQUENCE_END_EVENT {
                items.append(try node(from: &child))
                child = try next()
            }
            yaml_event_delete(&child)
            return remember(.sequence(items, mark), anchor: anchor)
        case YAML_MAPPING_START_EVENT:
            let anchor = event.data.mapping_start.anchor
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var child = try next()
            while child.type != YAML_MAPPING_END_EVENT {
                let key = try node(from: &child)
                var valueEvent = try next()
                pairs.append((key, try node(from: &valueEvent)))
                child = try next()
            }
            yaml_event_delete(&child)
            return remember(.mapping(pairs, mark), anchor: anchor)
        default:
            throw InputFileError(location(event.start_mark), "YAML: unexpected event \(event.type.rawValue)")
        }
    }

    private mutating func remember(_ node: YAMLNode, anchor: UnsafeMutablePointer<UInt8>?) -> YAMLNode {
        if let anchor { anchors[String(cString: anchor)] = node }
        return node
    }

    private mutating func next() throws -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unreadable YAML"
            let context = parser.pointee.context.map { " (\(String(cString: $0)))" } ?? ""
            throw InputFileError(location(parser.pointee.problem_mark), "YAML syntax: \(problem)\(context)")
        }
        return event
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
