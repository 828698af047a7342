import Foundation

/// Changes a programme file's text the way a planner would by hand: new events go at the
/// end of `events:`, a moved event gets a new `start:` (and `stage:`), a cancelled one
/// loses its lines. Everything else, comments and order included, stays byte for byte.
///
/// Written by hand: YAML libraries (Yams, libyaml's emitter) write a document anew from
/// its tree and drop the comments a programme file is full of.
package struct ProgrammeTextEditor {
    package enum EditError: Error, LocalizedError, ExitStatusReporting {
        case unsupportedLayout(SourceLocation, String)

        package var errorDescription: String? {
            switch self {
            case .unsupportedLayout(let location, let message): return "\(location): \(message)"
            }
        }

        package var exitStatus: ExitStatus { .dataError }
    }

    private var lines: [String]
    private let programme: Programme
    private let text: String
    private var valueEdits: [(line: Int, column: Int, text: String)] = []
    private var removedEvents: Set<String> = []
    private var additions: [(event: Event, notes: [String])] = []

    package init(text: String, programme: Programme) {
        self.text = text
        self.programme = programme
        lines = text.components(separatedBy: "\n")
    }

    package mutating func move(_ event: Event, to start: LocalDateTime, stage: String) {
        valueEdits.append((event.locations.start.line, event.locations.start.column, start.description))
        if stage != event.stage, event.locations.stage != event.locations.event {
            valueEdits.append((event.locations.stage.line, event.locations.stage.column, YAMLText.scalar(stage)))
        }
    }

    package mutating func remove(_ eventID: String) { removedEvents.insert(eventID) }

    /// Adds `event` at the end of `events:`, with `notes` as comment lines under it.
    package mutating func add(_ event: Event, notes: [String] = []) { additions.append((event, notes)) }

    /// The edited text.
    package func result() throws -> String {
        var lines = self.lines
        let region = try eventsRegion()
        // Work from the bottom up, so each edit's line numbers still hold.
        // After the list's last line (1-based line n is index n - 1, so index n is after it).
        var insertAt = region.lastContentLine
        var removals: [ClosedRange<Int>] = []
        let ordered = programme.events.sorted { $0.locations.event.line < $1.locations.event.line }
        for (position, event) in ordered.enumerated() where removedEvents.contains(event.id) {
            let first = event.locations.event.line
            var last = position + 1 < ordered.count ? ordered[position + 1].locations.event.line - 1 : region.lastContentLine
            if position + 1 < ordered.count, ordered[position + 1].locations.event.line == first {
                throw EditError.unsupportedLayout(event.locations.event, "two events on one line; put each event on lines of its own to cancel one")
            }
            // Comments and blank lines just above the next event belong to it.
            while last > first, isBlankOrComment(lines[last - 1]) { last -= 1 }
            removals.append(first...last)
        }
        for edit in valueEdits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            lines[edit.line - 1] = replacingScalar(in: lines[edit.line - 1], at: edit.column, with: edit.text)
        }
        var block: [String] = []
        if !additions.isEmpty {
            if region.needsKey { block.append("events:") }
            block += additions.flatMap { eventLines($0.event, notes: $0.notes, indent: region.itemIndent) }
        }
        if let emptyList = region.emptyFlowList {
            // `events: []` becomes `events:`, with the new items under it.
            let line = Array(lines[emptyList.line - 1])
            var end = emptyList.column
            while end < line.count, line[end] != "]" { end += 1 }
            var kept = String(line[..<(emptyList.column - 1)]) + String(line[min(end + 1, line.count)...])
            while kept.hasSuffix(" ") { kept.removeLast() }
            lines[emptyList.line - 1] = kept
        }
        if region.needsKey {
            // At the end of the file, before its final newline.
            insertAt = lines.last == "" ? lines.count - 1 : lines.count
        }
        lines.insert(contentsOf: block, at: min(insertAt, lines.count))
        for range in removals.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            lines.removeSubrange((range.lowerBound - 1)...(range.upperBound - 1))
        }
        return lines.joined(separator: "\n")
    }

    private struct EventsRegion {
        /// The last line of the events list that is not blank or a comment (1-based).
        var lastContentLine: Int
        var itemIndent: Int
        var needsKey: Bool
        var emptyFlowList: (line: Int, column: Int)?
    }

    private func eventsRegion() throws -> EventsRegion {
        guard let root = try YAMLComposer.compose(text, file: programme.file),
              case .mapping(let pairs, _) = root else {
            return EventsRegion(lastContentLine: lines.count, itemIndent: 2, needsKey: true)
        }
        guard let position = pairs.firstIndex(where: { $0.key.string == "events" }) else {
            return EventsRegion(lastContentLine: lines.count, itemIndent: 2, needsKey: true)
        }
        let value = pairs[position].value
        let endLine = position + 1 < pairs.count ? pairs[position + 1].key.mark.line - 1 : lines.count
        var last = endLine
        while last > pairs[position].key.mark.line, isBlankOrComment(lines[last - 1]) { last -= 1 }
        guard case .sequence(let items, let mark) = value else {
            return EventsRegion(lastContentLine: last, itemIndent: 2, needsKey: false)
        }
        if items.isEmpty {
            let flow = lines[mark.line - 1].dropFirst(mark.column - 1).hasPrefix("[")
            return EventsRegion(lastContentLine: last, itemIndent: 2, needsKey: false, emptyFlowList: flow ? (mark.line, mark.column) : nil)
        }
        if lines[mark.line - 1].dropFirst(mark.column - 1).hasPrefix("[") {
            throw EditError.unsupportedLayout(SourceLocation(file: programme.file, line: mark.line, column: mark.column),
                                              "`events` is written as one [list]; write it as a block list (`- id: …` lines) to add to it")
        }
        return EventsRegion(lastContentLine: last, itemIndent: max(items[0].mark.column - 3, 0), needsKey: false)
    }

    private func eventLines(_ event: Event, notes: [String], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let keyPad = pad + "  "
        var lines = ["\(pad)- id: \(YAMLText.scalar(event.id))", "\(keyPad)title: \(YAMLText.scalar(event.title))",
                     "\(keyPad)kind: \(YAMLText.scalar(event.kind))"]
        if let genre = event.genre { lines.append("\(keyPad)genre: \(YAMLText.scalar(genre))") }
        if !event.performers.isEmpty {
            lines.append("\(keyPad)performers: [\(event.performers.map(YAMLText.flowScalar).joined(separator: ", "))]")
        }
        lines.append("\(keyPad)start: \(event.start)")
        if event.durationMinutes != programme.slotRules.defaultDuration {
            lines.append("\(keyPad)duration: \(DurationText.text(minutes: event.durationMinutes))")
        }
        if programme.stages.count > 1 { lines.append("\(keyPad)stage: \(YAMLText.scalar(event.stage))") }
        lines += notes.map { "\(keyPad)# \($0)" }
        return lines
    }

    private func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// `line` with the scalar starting at `column` (1-based, in characters) replaced.
    private func replacingScalar(in line: String, at column: Int, with replacement: String) -> String {
        let characters = Array(line)
        let start = min(column - 1, characters.count)
        var end = start
        if start < characters.count, characters[start] == "\"" || characters[start] == "'" {
            let quote = characters[start]
            end = start + 1
            while end < characters.count {
                if characters[end] == "\\", quote == "\"" { end += 2; continue }
                if characters[end] == quote {
                    if quote == "'", end + 1 < characters.count, characters[end + 1] == "'" { end += 2; continue }
                    end += 1
                    break
                }
                end += 1
            }
        } else {
            while end < characters.count {
                let character = characters[end]
                if character == "," || character == "}" || character == "]" { break }
                if character == "#", end > start, characters[end - 1] == " " { break }
                end += 1
            }
            while end > start, characters[end - 1] == " " { end -= 1 }
        }
        return String(characters[..<start]) + replacement + String(characters[min(end, characters.count)...])
    }
}

/// Scalars written the way the programme files write them: plain when YAML reads them back
/// as the same text, double-quoted otherwise.
enum YAMLText {
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    static func scalar(_ text: String) -> String { isPlain(text, flow: false) ? text : quoted(text) }

    /// Inside a `[…]` list, where commas and brackets also end a plain scalar.
    static func flowScalar(_ text: String) -> String { isPlain(text, flow: true) ? text : quoted(text) }

    private static func isPlain(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
              text.last != " ", !reserved.contains(text.lowercased()),
              !text.contains(": "), !text.contains(" #"), !text.hasSuffix(":") else { return false }
        let forbidden: Set<Character> = flow ? ["\"", "\\", "\n", "\t", ",", "[", "]", "{", "}"] : ["\"", "\\", "\n", "\t"]
        return !text.contains(where: forbidden.contains)
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
