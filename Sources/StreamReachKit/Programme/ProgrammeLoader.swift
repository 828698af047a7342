import Foundation

/// Reads a programme file (YAML) into a ``Programme``.
///
/// Problems with the file's shape (syntax, wrong types, unknown keys, impossible dates) are
/// thrown together as one ``InputFileError``. Problems with the plan itself (overlaps,
/// unknown stages, …) are not the loader's business: ``ProgrammeChecker`` reports them.
package enum ProgrammeLoader {
    package static func load(path: String) throws -> Programme {
        try parse(InputFileText.read(path: path), file: path)
    }

    package static func parse(_ text: String, file: String) throws -> Programme {
        let reader = YAMLReader(file: file)
        let root = try reader.root(of: text)
        guard let top = reader.top(root, of: .programme, allowed: Keys.top) else {
            try reader.throwIfProblems()
            fatalError("unreachable: a root that is not a mapping, or of another kind of file, is always reported")
        }
        let series = top.required("series").flatMap { readSeries($0, reader) }
        let rules = top["slots"].flatMap { readSlotRules($0, reader) } ?? SlotRules.defaults
        let extraKinds = top.strings("kinds")
        let changeover = top["changeover"].flatMap { readChangeover($0, reader) } ?? ChangeoverRules(defaultMinutes: 0, minutesByKind: [:])
        let stages = top.required("stages").flatMap { list($0, "stages", reader, readStage) } ?? []
        let channels = top["channels"].flatMap { list($0, "channels", reader, readChannel) } ?? []
        // Stages and channels are referred to by id: two with one id would make every
        // reference ambiguous, so that is a problem with the file, not the plan.
        reader.reportDuplicates(stages.compactMap { stage in stage.location.map { (stage.id, $0) } }, what: "stage")
        reader.reportDuplicates(channels.compactMap { channel in channel.location.map { (channel.id, $0) } }, what: "channel")
        let onlyStage = stages.count == 1 ? stages[0].id : nil
        let events = top["events"].flatMap { node in
            list(node, "events", reader) { readEvent($0, reader, defaultDuration: rules.defaultDuration, onlyStage: onlyStage) }
        } ?? []
        let donations = top["donations"].flatMap { readDonationRules($0, reader) } ?? DonationRules()
        try reader.throwIfProblems()
        guard let series else { fatalError("unreachable: a missing series is always reported") }
        return Programme(
            series: series, slotRules: rules, changeover: changeover,
            kinds: Programme.builtInKinds.union(extraKinds), stages: stages, channels: channels,
            events: events, donations: donations, file: file)
    }

    /// Every key the loader accepts, by where it goes (`""` for the top level): the reference
    /// in docs/PROGRAMME-FORMAT.md is tested against this.
    package static var acceptedKeys: [String: Set<String>] {
        ["": Keys.top, "series": Keys.series, "slots": Keys.slots, "changeover": Keys.changeover,
         "stages[]": Keys.stage, "channels[]": Keys.channel, "events[]": Keys.event, "donations": Keys.donations]
    }

    private enum Keys {
        static let top: Set<String> = ["series", "slots", "changeover", "kinds", "stages", "channels", "events", "donations"]
        static let series: Set<String> = ["id", "title", "venue", "time-zone", "first-day", "weeks", "target", "url", "language"]
        static let slots: Set<String> = ["days", "extra-dates", "days-off", "start-times", "hours", "default-duration"]
        static let changeover: Set<String> = ["default", "by-kind"]
        static let stage: Set<String> = ["id", "name"]
        static let channel: Set<String> = ["id", "name", "type", "platform", "from", "until", "url"]
        static let event: Set<String> = ["id", "title", "kind", "genre", "performers", "start", "duration", "stage", "streams"]
        static let donations: Set<String> = ["currency", "payout"]
    }

    private static func readDonationRules(_ node: YAMLNode, _ reader: YAMLReader) -> DonationRules? {
        guard let map = reader.mapping(node, "`donations`", allowed: Keys.donations) else { return nil }
        let currency = map.parsed("currency", expected: "a three-letter currency code such as EUR", MoneyText.currency) ?? "EUR"
        let rules = DonationRules.Payout.allCases.map(\.rawValue).joined(separator: ", ")
        let payout = map.parsed("payout", expected: "one of \(rules)", DonationRules.Payout.init(rawValue:)) ?? .none
        return DonationRules(currency: currency, payout: payout)
    }

    private static func list<T>(_ node: YAMLNode, _ what: String, _ reader: YAMLReader, _ read: (YAMLNode, YAMLReader) -> T?) -> [T]? {
        reader.sequence(node, "`\(what)`")?.compactMap { read($0, reader) }
    }

    private static func list<T>(_ node: YAMLNode, _ what: String, _ reader: YAMLReader, _ read: (YAMLNode) -> T?) -> [T]? {
        reader.sequence(node, "`\(what)`")?.compactMap(read)
    }

    private static func readSeries(_ node: YAMLNode, _ reader: YAMLReader) -> Series? {
        guard let map = reader.mapping(node, "`series`", allowed: Keys.series) else { return nil }
        let title = map.string("title", required: true)
        let zone = map.parsed("time-zone", required: true, expected: "an IANA time zone such as Europe/Berlin") {
            TimeZone(identifier: $0) != nil && $0.contains("/") || $0 == "UTC" ? $0 : nil
        }
        let firstDay = map.parsed("first-day", required: true, expected: "a date YYYY-MM-DD", LocalDate.init(iso:))
        let weeks = map.int("weeks", required: true, range: 1...520)
        let target = map.int("target", range: 0...1_000_000_000_000) ?? 100_000
        guard let title, let zone, let firstDay, let weeks else { return nil }
        let id = map.string("id") ?? Slug.make(title)
        let url = map.parsed("url", expected: "an absolute http(s) URL", absoluteURL)
        return Series(id: id, title: title, venue: map.string("venue"), timeZone: zone,
                      firstDay: firstDay, weeks: weeks, target: target, url: url, language: map.string("language") ?? "de")
    }

    private static func readSlotRules(_ node: YAMLNode, _ reader: YAMLReader) -> SlotRules? {
        guard let map = reader.mapping(node, "`slots`", allowed: Keys.slots) else { return nil }
        var rules = SlotRules.defaults
        if let daysNode = map["days"] {
            let names = map.strings("days")
            var days = Set<Weekday>()
            for name in names {
                if let day = Weekday(name: name) { days.insert(day) } else {
                    reader.report(daysNode, "`\(name)` is not a day of the week; write mon, tue, … sun")
                }
            }
            rules.days = days
        }
        if let datesNode = map["extra-dates"] {
            rules.extraDates = Set(map.strings("extra-dates").compactMap { text in
                guard let date = LocalDate(iso: text) else {
                    reader.report(datesNode, "`\(text)` is not a date YYYY-MM-DD")
                    return nil
                }
                return date
            })
        }
        if let offNode = map["days-off"] {
            rules.daysOff = readDaysOff(offNode, reader)
        }
        if let timesNode = map["start-times"] {
            rules.startTimes = map.strings("start-times").compactMap { text in
                guard let time = LocalTime(text: text) else {
                    reader.report(timesNode, "`\(text)` is not a time of day HH:MM (00:00 to 23:59)")
                    return nil
                }
                return time
            }.sorted()
        }
        rules.hours = map.parsed("hours", expected: "a window HH:MM-HH:MM such as 16:00-22:00") { text in
            let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let from = LocalTime(text: parts[0]) else { return nil }
            // 24:00 is allowed as the end of a window that runs to midnight.
            let to = parts[1] == "24:00" ? LocalTime(minutes: 1440) : LocalTime(text: parts[1])
            guard let to, from < to else { return nil }
            return from...to
        }
        if let duration = map.parsed("default-duration", expected: "a positive duration such as 60m or 1h30m", {
            DurationText.minutes($0).flatMap { $0 > 0 ? $0 : nil }
        }) {
            rules.defaultDuration = duration
        }
        return rules
    }

    /// `days-off`: a list of dates, or a mapping of dates to the reason (`2020-04-10: Good Friday`).
    private static func readDaysOff(_ node: YAMLNode, _ reader: YAMLReader) -> [LocalDate: String] {
        var daysOff: [LocalDate: String] = [:]
        func add(_ keyNode: YAMLNode, reason: String) {
            guard let text = reader.string(keyNode, "a day off") else { return }
            guard let date = LocalDate(iso: text) else { return reader.report(keyNode, "`\(text)` is not a date YYYY-MM-DD") }
            daysOff[date] = reason
        }
        switch node {
        case .sequence(let items, _): items.forEach { add($0, reason: "") }
        case .mapping(let pairs, _): pairs.forEach { add($0.key, reason: $0.value.string ?? "") }
        case .scalar: reader.report(node, "`days-off` must be a list of dates, or dates with a reason (`2020-04-10: Good Friday`)")
        }
        return daysOff
    }

    private static func readChangeover(_ node: YAMLNode, _ reader: YAMLReader) -> ChangeoverRules? {
        guard let map = reader.mapping(node, "`changeover`", allowed: Keys.changeover) else { return nil }
        let expected = "a duration such as 15m or 1h"
        let fallback = map.parsed("default", expected: expected) { DurationText.minutes($0).flatMap { $0 >= 0 ? $0 : nil } } ?? 0
        var byKind: [String: Int] = [:]
        if let kindsNode = map["by-kind"], case .mapping(let kinds, _) = kindsNode {
            for (key, value) in kinds {
                guard let kind = key.string else { continue }
                if let text = reader.string(value, "`by-kind.\(kind)`") {
                    if let minutes = DurationText.minutes(text), minutes >= 0 { byKind[kind] = minutes } else {
                        reader.report(value, "`by-kind.\(kind)` must be \(expected), found `\(text)`")
                    }
                }
            }
        } else if let kindsNode = map["by-kind"] {
            reader.report(kindsNode, "`by-kind` must map kinds to durations, e.g. `live-painting: 45m`")
        }
        return ChangeoverRules(defaultMinutes: fallback, minutesByKind: byKind)
    }

    private static func readStage(_ node: YAMLNode, _ reader: YAMLReader) -> Stage? {
        guard let map = reader.mapping(node, "a stage", allowed: Keys.stage),
              let id = map.string("id", required: true) else { return nil }
        return Stage(id: id, name: map.string("name") ?? id, location: map.location)
    }

    private static func readChannel(_ node: YAMLNode, _ reader: YAMLReader) -> Channel? {
        guard let map = reader.mapping(node, "a channel", allowed: Keys.channel),
              let id = map.string("id", required: true) else { return nil }
        let sort = map.parsed("type", expected: "`platform` or `broadcast`", Channel.Sort.init(rawValue:)) ?? .platform
        let platformName = map.string("platform")
        let platform = platformName.flatMap(Platform.init(rawValue:))
        if let platformName, platform == nil {
            let hint = KeySuggestion.nearest(to: platformName, among: Platform.names).map { "; did you mean `\($0)`?" }
                ?? "; known: \(Platform.names.joined(separator: ", "))"
            reader.report(map["platform"] ?? node, "unknown platform `\(platformName)`\(hint)")
        }
        if sort == .platform, platformName == nil {
            reader.report(node, "platform channel `\(id)` needs `platform:` (\(Platform.names.joined(separator: ", "))), or `type: broadcast`")
        }
        var channel = Channel(
            id: id, name: map.string("name") ?? id, sort: sort, platform: platform,
            from: map.parsed("from", expected: "a date YYYY-MM-DD", LocalDate.init(iso:)),
            until: map.parsed("until", expected: "a date YYYY-MM-DD", LocalDate.init(iso:)),
            watchURL: map.parsed("url", expected: "an http(s) URL template with {id}, e.g. https://tube.example/w/{id}", absoluteURL))
        channel.location = map.location
        return channel
    }

    private static func readEvent(_ node: YAMLNode, _ reader: YAMLReader, defaultDuration: Int, onlyStage: String?) -> Event? {
        guard let map = reader.mapping(node, "an event", allowed: Keys.event) else { return nil }
        let id = map.string("id", required: true)
        let title = map.string("title", required: true)
        let kind = map.string("kind", required: true)
        let start = map.parsed("start", required: true, expected: "a local date and time YYYY-MM-DD HH:MM") {
            LocalDateTime(text: $0)
        }
        let duration = map.parsed("duration", expected: "a duration such as 60m or 1h30m", DurationText.minutes)
        let stage = map.string("stage", required: onlyStage == nil) ?? onlyStage
        var streams: [String: String] = [:]
        var locations = Event.Locations(event: map.location)
        if let streamsNode = map["streams"] {
            if case .mapping(let pairs, _) = streamsNode {
                for (key, value) in pairs {
                    guard let channel = key.string, let streamID = reader.string(value, "stream id for `\(channel)`") else { continue }
                    streams[channel] = streamID
                    locations.streams[channel] = reader.location(key)
                }
            } else {
                reader.report(streamsNode, "`streams` must map channel ids to stream ids, e.g. `youtube: dQw4w9WgXcQ`")
            }
        }
        guard let id, let title, let kind, let start, let stage else { return nil }
        locations.kind = map.location(of: "kind")
        locations.stage = map.location(of: "stage")
        locations.start = map.location(of: "start")
        locations.duration = map.location(of: "duration")
        return Event(
            id: id, title: title, kind: kind, genre: map.string("genre"), performers: map.strings("performers"),
            start: start, durationMinutes: duration ?? defaultDuration, stage: stage, streams: streams,
            locations: locations)
    }
}

/// `https://…` or `http://…` with a host, or nil.
private func absoluteURL(_ text: String) -> String? {
    guard let url = URL(string: text.replacingOccurrences(of: "{id}", with: "x")),
          ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else { return nil }
    return text
}

extension SlotRules {
    /// Any day, any time, one hour: what a programme without `slots:` gets.
    static let defaults = SlotRules(days: Set(Weekday.allCases), extraDates: [], startTimes: [], hours: nil, defaultDuration: 60)
}
