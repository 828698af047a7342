import Foundation

/// Reads an act pool (YAML) for a programme into an ``ActPool``.
///
/// Checked like the programme file, and against it: every problem is reported together as
/// `file:line:column` lines in one ``InputFileError`` (exit 65), including names the
/// programme does not have (a kind, stage or channel), with a "did you mean".
package enum ActPoolLoader {
    package static func load(path: String, for programme: Programme) throws -> ActPool {
        try parse(InputFileText.read(path: path), file: path, for: programme)
    }

    /// Several pools as one (a season's acts and a file of late additions): an id may be in
    /// one file only.
    package static func load(paths: [String], for programme: Programme) throws -> ActPool {
        var merged = ActPool(acts: [], file: paths.joined(separator: ", "))
        var firstSeen: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        for path in paths {
            for act in try load(path: path, for: programme).acts {
                if let first = firstSeen[act.id] {
                    problems.append(Diagnostic(act.location, "act id `\(act.id)` is already used at \(first); keep it in one pool"))
                } else {
                    firstSeen[act.id] = act.location
                    merged.acts.append(act)
                }
            }
        }
        if !problems.isEmpty { throw InputFileError(problems) }
        return merged
    }

    package static func parse(_ text: String, file: String, for programme: Programme) throws -> ActPool {
        let reader = YAMLReader(file: file)
        let root = try reader.root(of: text)
        var acts: [Act] = []
        if let top = reader.top(root, of: .actPool, allowed: Keys.top),
           let list = top.required("acts").flatMap({ reader.sequence($0, "`acts`") }) {
            acts = list.compactMap { readAct($0, reader, programme) }
            if list.isEmpty { reader.report(root, "`acts` is empty; list at least one act to place") }
        }
        // An act's id becomes its event's id: two acts with one id would be one event.
        reader.reportDuplicates(acts.map { ($0.id, $0.location) }, what: "act", advice: "give one of them `id:`")
        try reader.throwIfProblems()
        return ActPool(acts: acts, file: file)
    }

    /// Every key the loader accepts (`""` is the top level), for docs/PROGRAMME-FORMAT.md's test.
    package static var acceptedKeys: [String: Set<String>] {
        ["": Keys.top, "acts[]": Keys.act, "acts[].available": Keys.available, "acts[].channels": Keys.channels]
    }

    private enum Keys {
        static let top: Set<String> = ["acts"]
        static let act: Set<String> = ["id", "title", "kind", "genre", "performers", "duration", "setup", "teardown",
                                       "available", "prefer", "stages", "channels", "pin"]
        static let available: Set<String> = ["weekdays", "dates", "except"]
        static let channels: Set<String> = ["require", "avoid"]
    }

    private static func readAct(_ node: YAMLNode, _ reader: YAMLReader, _ programme: Programme) -> Act? {
        guard let map = reader.mapping(node, "an act", allowed: Keys.act) else { return nil }
        let title = map.string("title", required: true)
        let kind = map.string("kind", required: true)
        if let kind, let kindNode = map["kind"], !programme.kinds.contains(kind) {
            reader.report(kindNode, "unknown kind `\(kind)`\(hint(kind, programme.kinds.sorted(), orAdd: "kinds"))")
        }
        let duration = minutes(map, "duration", positive: true) ?? programme.slotRules.defaultDuration
        let setup = minutes(map, "setup", positive: false) ?? 0
        let teardown = minutes(map, "teardown", positive: false) ?? 0
        let availability = map["available"].flatMap { readAvailability($0, reader) } ?? ActAvailability()
        let prefer = Set(dates(map, "prefer", reader))
        let stages = references(map, "stages", known: programme.stages.map(\.id), what: "stage", reader)
        var required: [String] = []
        var excluded: [String] = []
        if let channelsNode = map["channels"], let channels = reader.mapping(channelsNode, "`channels`", allowed: Keys.channels) {
            let known = programme.channels.map(\.id)
            required = references(channels, "require", known: known, what: "channel", reader)
            excluded = references(channels, "avoid", known: known, what: "channel", reader)
            for id in Set(required).intersection(excluded).sorted() {
                reader.report(channelsNode, "channel `\(id)` is both required and avoided; keep one")
            }
        }
        let pin = map.parsed("pin", expected: "a local date and time YYYY-MM-DD HH:MM", LocalDateTime.init(text:))
        if pin != nil, stages.count != 1, programme.stages.count > 1 {
            reader.report(map["pin"] ?? node, "a pinned act needs its stage: add `stages: [one-stage]`")
        }
        guard let title, let kind else { return nil }
        let id = map.string("id") ?? Slug.make(title)
        return Act(id: id, title: title, kind: kind, genre: map.string("genre"), performers: map.strings("performers"),
                   durationMinutes: duration, setupMinutes: setup, teardownMinutes: teardown,
                   availability: availability, preferredDates: prefer, stages: stages,
                   requiredChannels: required, excludedChannels: excluded, pin: pin, location: map.location)
    }

    private static func readAvailability(_ node: YAMLNode, _ reader: YAMLReader) -> ActAvailability? {
        guard let map = reader.mapping(node, "`available`", allowed: Keys.available) else { return nil }
        var availability = ActAvailability(dates: Set(dates(map, "dates", reader)), except: Set(dates(map, "except", reader)))
        if let daysNode = map["weekdays"] {
            var days = Set<Weekday>()
            for name in map.strings("weekdays") {
                if let day = Weekday(name: name) { days.insert(day) } else {
                    reader.report(daysNode, "`\(name)` is not a day of the week; write mon, tue, … sun")
                }
            }
            availability.weekdays = days
        }
        return availability
    }

    /// Dates as `YYYY-MM-DD` or ranges `YYYY-MM-DD..YYYY-MM-DD` (both ends included).
    private static func dates(_ map: YAMLMapping, _ key: String, _ reader: YAMLReader) -> [LocalDate] {
        guard let node = map[key] else { return [] }
        var result: [LocalDate] = []
        for text in map.strings(key) {
            let ends = text.components(separatedBy: "..")
            if ends.count == 2, let first = LocalDate(iso: ends[0].trimmed), let last = LocalDate(iso: ends[1].trimmed), first <= last {
                guard last.dayNumber - first.dayNumber <= 3660 else {
                    reader.report(node, "`\(text)` spans more than ten years; is one end mistyped?")
                    continue
                }
                result += (first.dayNumber...last.dayNumber).map(LocalDate.init(dayNumber:))
            } else if ends.count == 1, let date = LocalDate(iso: text.trimmed) {
                result.append(date)
            } else {
                reader.report(node, "`\(text)` in `\(key)` is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD")
            }
        }
        return result
    }

    private static func minutes(_ map: YAMLMapping, _ key: String, positive: Bool) -> Int? {
        map.parsed(key, expected: positive ? "a positive duration such as 60m or 1h30m" : "a duration such as 15m or 1h") {
            DurationText.minutes($0).flatMap { positive ? ($0 > 0 ? $0 : nil) : ($0 >= 0 ? $0 : nil) }
        }
    }

    private static func references(_ map: YAMLMapping, _ key: String, known: [String], what: String, _ reader: YAMLReader) -> [String] {
        let names = map.strings(key)
        for name in names where !known.contains(name) {
            reader.report(map[key] ?? map.node, "unknown \(what) `\(name)`\(hint(name, known.sorted(), orAdd: "\(what)s"))")
        }
        return names.filter(known.contains)
    }

    /// "did you mean", or what the programme has and where to add a new one.
    private static func hint(_ word: String, _ candidates: [String], orAdd key: String) -> String {
        if let nearest = KeySuggestion.nearest(to: word, among: candidates) { return "; did you mean `\(nearest)`?" }
        let known = candidates.isEmpty ? "" : "; the programme has \(candidates.joined(separator: ", "))"
        return "\(known); add it under the programme's `\(key):` first"
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
