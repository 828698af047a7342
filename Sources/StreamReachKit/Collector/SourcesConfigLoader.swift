import Foundation

/// Reads a sources file (YAML). It may be committed: secrets are written as `${ENV_VAR}` or
/// `file:/path`, and resolved only here, in memory.
package enum SourcesConfigLoader {
    /// Reads and checks a sources file; its problems are configuration errors (exit 78).
    package static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SourcesConfig {
        do {
            return try parse(InputFileText.read(path: path), file: path, environment: environment)
        } catch let error as InputFileError {
            throw error.asConfiguration()
        }
    }

    /// Every key the loader accepts, by where it goes (`""` for the top level): the reference
    /// in docs/SOURCES-FORMAT.md is tested against this.
    package static var acceptedKeys: [String: Set<String>] {
        ["": Keys.top, "settings": Keys.settings, "sources.<channel>": Keys.source, "sources.<channel>.batch": Keys.batch]
    }

    private enum Keys {
        static let top: Set<String> = ["settings", "sources"]
        static let settings: Set<String> = ["concurrency", "connections-per-host", "connect-timeout", "timeout", "low-speed-time",
                               "deadline", "max-attempts", "max-body", "max-redirects", "ca-file", "youtube-quota"]
        static let secretKeys = ["api-key", "access-token", "client-id"]
        static let source = Set(["platform", "base-url", "rate", "url", "headers", "figure", "value", "batch", "error-reason", "missing", "login"] + secretKeys)
        static let batch: Set<String> = ["size", "separator", "item-format", "items", "id", "ignore-case"]
    }

    package static func parse(_ text: String, file: String, environment: [String: String]) throws -> SourcesConfig {
        let reader = YAMLReader(file: file)
        let root = try reader.root(of: text)
        guard let top = reader.top(root, of: .sources, allowed: Keys.top) else {
            try reader.throwIfProblems()
            fatalError("unreachable: a root that is not a mapping, or of another kind of file, is always reported")
        }
        var secrets = SecretResolver(reader: reader, environment: environment)
        var transfer = TransferOptions()
        var deadline = 15.0 * 60
        var maxAttempts = 4
        var youtubeQuota = 10_000
        if let node = top["settings"], let settings = reader.mapping(node, "`settings`", allowed: Keys.settings) {
            transfer.concurrency = settings.int("concurrency", range: 1...1024) ?? transfer.concurrency
            transfer.connectionsPerHost = settings.int("connections-per-host", range: 1...1024) ?? transfer.connectionsPerHost
            transfer.maxRedirects = settings.int("max-redirects", range: 0...20) ?? transfer.maxRedirects
            maxAttempts = settings.int("max-attempts", range: 1...20) ?? maxAttempts
            let span = "a time span such as 500ms, 10s or 15m"
            if let ms = settings.parsed("connect-timeout", expected: span, TimeSpanText.milliseconds) { transfer.connectTimeoutMilliseconds = ms }
            if let ms = settings.parsed("timeout", expected: span, TimeSpanText.milliseconds) { transfer.timeoutMilliseconds = ms }
            if let ms = settings.parsed("low-speed-time", expected: span, TimeSpanText.milliseconds) { transfer.lowSpeedSeconds = max(1, ms / 1000) }
            if let ms = settings.parsed("deadline", expected: span, TimeSpanText.milliseconds) { deadline = Double(ms) / 1000 }
            if let bytes = settings.parsed("max-body", expected: "a size such as 512KiB or 4MiB", ByteSizeText.bytes) { transfer.maxBodyBytes = bytes }
            transfer.caFile = settings.string("ca-file")
            youtubeQuota = settings.int("youtube-quota", range: 0...100_000_000) ?? youtubeQuota
        }
        var sources: [String: SourceSpec] = [:]
        var viewerSources: [String: SourceSpec] = [:]
        var liveIDs: [String: String] = [:]
        if let node = top.required("sources"), case .mapping(let entries, _) = node {
            for (key, value) in entries {
                guard let channel = key.string else { continue }
                if let login = liveLogin(channel: channel, value, reader) { liveIDs[channel] = login }
                for spec in readSource(channel: channel, value, reader, &secrets) {
                    switch spec.figure {
                    case .views: sources[channel] = spec
                    case .viewers: viewerSources[channel] = spec
                    }
                }
            }
        } else if let node = top["sources"] {
            reader.report(node, "`sources` must map channel ids to their settings, e.g. `youtube: {platform: youtube, api-key: ${YOUTUBE_API_KEY}}`")
        }
        try reader.throwIfProblems()
        // Twitch's live figure is the channel's, read by its login; without one there is none.
        for (channel, spec) in viewerSources where spec.platform == .twitch && liveIDs[channel] == nil {
            viewerSources[channel] = nil
        }
        var config = SourcesConfig(sources: sources, viewerSources: viewerSources, transfer: transfer, deadlineSeconds: deadline, maxAttempts: maxAttempts,
                             redactor: Redactor(secrets: secrets.values), file: file)
        config.liveIDs = liveIDs
        config.youtubeDailyQuota = youtubeQuota
        return config
    }

    /// A Twitch source's `login`: the channel whose viewers are read while it is live.
    private static func liveLogin(channel: String, _ node: YAMLNode, _ reader: YAMLReader) -> String? {
        guard case .mapping(let pairs, _) = node, let loginNode = pairs.first(where: { $0.key.string == "login" })?.value else { return nil }
        let platform = pairs.first { $0.key.string == "platform" }?.value.string
        guard platform == Platform.twitch.rawValue else {
            reader.report(loginNode, "`login` is for twitch sources: the channel whose viewers are read while it is live")
            return nil
        }
        guard let login = reader.string(loginNode, "`login`"), !login.isEmpty else { return nil }
        return login
    }

    /// The source's readings: each figure its platform offers (a generic source says which one it reads).
    private static func readSource(channel: String, _ node: YAMLNode, _ reader: YAMLReader, _ secrets: inout SecretResolver) -> [SourceSpec] {
        guard let map = reader.mapping(node, "source `\(channel)`", allowed: Keys.source),
              let platformName = map.string("platform", required: true) else { return [] }
        var placeholders: [String: String] = [:]
        for key in Keys.secretKeys {
            if let raw = map.string(key), let value = secrets.resolve(raw, at: map.location(of: key)) {
                placeholders[key] = value
            }
        }
        let rate = map.parsed("rate", expected: "requests per second such as 5/s or 100/min", RateText.perSecond)
        guard let platform = Platform(rawValue: platformName) else {
            let known = Platform.names
            let hint = KeySuggestion.nearest(to: platformName, among: known).map { "; did you mean `\($0)`?" } ?? "; known: \(known.joined(separator: ", "))"
            reader.report(map["platform"] ?? node, "unknown platform `\(platformName)`\(hint)")
            return []
        }
        guard let preset = PlatformPreset.all[platform] else {
            return readGeneric(channel: channel, map, reader, &secrets, rate: rate).map { [$0] } ?? []
        }
        if let figure = map["figure"] {
            reader.report(figure, "`figure` is for generic sources: the \(platform.rawValue) preset knows which figure is which")
        }
        for secret in preset.secrets where map[secret] == nil {
            reader.report(node, "source `\(channel)` (\(platform.rawValue)) needs `\(secret)`, e.g. `\(secret): ${\(channel.uppercased().replacingOccurrences(of: "-", with: "_"))_\(secret.uppercased().replacingOccurrences(of: "-", with: "_"))}`")
        }
        guard let base = map.string("base-url") ?? preset.defaultBaseURL else {
            reader.report(node, "source `\(channel)` (\(platform.rawValue)) needs `base-url`, the address of the server")
            return []
        }
        guard refuseNonHTTP(base, key: "base-url", map, reader) else { return [] }
        placeholders["base"] = base.hasSuffix("/") ? String(base.dropLast()) : base
        func fill(_ template: String) -> String {
            placeholders.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        return Figure.allCases.compactMap { figure in
            preset.reading(figure).map { reading in
                SourceSpec(
                    channel: channel, platform: platform, figure: figure, urlTemplate: fill(reading.urlTemplate),
                    headers: reading.headers.map { HTTPHeader($0.name, fill($0.value)) },
                    value: JSONPointer(reading.value)!,
                    batch: reading.batch.map {
                        SourceSpec.Batch(size: $0.size, separator: $0.separator, itemFormat: $0.itemFormat,
                                         items: JSONPointer($0.items)!, itemID: JSONPointer($0.itemID)!, caseInsensitiveIDs: $0.caseInsensitive)
                    },
                    errorReason: preset.errorReason.compactMap(JSONPointer.init), quotaReasons: preset.quotaReasons,
                    authReasons: preset.authReasons, missingItem: reading.missingItem, missingValue: reading.missingValue,
                    zeroWhenMissingIf: reading.zeroWhenMissingIf.flatMap(JSONPointer.init), requestsPerSecond: rate)
            }
        }
    }

    private static func readGeneric(channel: String, _ map: YAMLMapping, _ reader: YAMLReader, _ secrets: inout SecretResolver, rate: Double?) -> SourceSpec? {
        let pointer = "a JSON Pointer such as /data/views"
        // Required: a generic API's number could be either, and a gauge added to views
        // would count the same viewers again at every reading.
        if map["figure"] == nil {
            reader.report(map.node, "source `\(channel)` (generic) needs `figure: views` (a cumulative count, read every night) "
                + "or `figure: viewers` (people watching now, read while a stream is live)")
        }
        let figure = map.parsed("figure", expected: "`views` or `viewers`", Figure.init(rawValue:))
        let url = map.string("url", required: true).flatMap { secrets.expand($0, at: map.location(of: "url")) }
        let value = map.parsed("value", required: true, expected: pointer, JSONPointer.init)
        var headers: [HTTPHeader] = []
        if let node = map["headers"], case .mapping(let pairs, _) = node {
            for (key, valueNode) in pairs {
                guard let name = key.string, let raw = reader.string(valueNode, "header `\(name)`") else { continue }
                if let expanded = secrets.expand(raw, at: reader.location(valueNode)) { headers.append(HTTPHeader(name, expanded)) }
            }
        } else if let node = map["headers"] {
            reader.report(node, "`headers` must map header names to values, e.g. `Authorization: \"Bearer ${TOKEN}\"`")
        }
        var batch: SourceSpec.Batch?
        if let node = map["batch"], let spec = reader.mapping(node, "`batch`", allowed: Keys.batch) {
            let size = spec.int("size", required: true, range: 1...1000)
            let items = spec.parsed("items", required: true, expected: pointer, JSONPointer.init)
            let id = spec.parsed("id", required: true, expected: pointer, JSONPointer.init)
            if let size, let items, let id {
                batch = SourceSpec.Batch(size: size, separator: spec.string("separator") ?? ",",
                                         itemFormat: spec.string("item-format") ?? "{id}", items: items, itemID: id,
                                         caseInsensitiveIDs: spec.string("ignore-case") == "true")
            }
        }
        let reasons = map.strings("error-reason").compactMap(JSONPointer.init)
        guard let url, let value, let figure else { return nil }
        guard refuseNonHTTP(url, key: "url", map, reader) else { return nil }
        if batch != nil, !url.contains("{ids}") {
            reader.report(map.node, "source `\(channel)` has `batch` but its url has no `{ids}` placeholder")
        } else if batch == nil, !url.contains("{id}") {
            reader.report(map.node, "source `\(channel)` url needs an `{id}` placeholder (or `{ids}` with `batch`)")
        }
        let missing = map.parsed("missing", expected: "`absent` or `permanent`", SourceSpec.Missing.init(rawValue:)) ?? .permanent
        return SourceSpec(channel: channel, platform: .generic, figure: figure, urlTemplate: url, headers: headers, value: value,
                          batch: batch, errorReason: reasons, quotaReasons: [], missingItem: missing, missingValue: missing,
                          requestsPerSecond: rate)
    }

    /// Counts are read over HTTP(S) only; libcurl would refuse anything else at the first
    /// request too (CURLOPT_PROTOCOLS_STR), but a sources file should be told at once.
    private static func refuseNonHTTP(_ url: String, key: String, _ map: YAMLMapping, _ reader: YAMLReader) -> Bool {
        let lowered = url.lowercased()
        guard !lowered.hasPrefix("http://"), !lowered.hasPrefix("https://") else { return true }
        let scheme = lowered.range(of: "://").map { String(lowered[..<$0.lowerBound]) }
        reader.report(map[key] ?? map.node, "`\(key)` must be an http:// or https:// address\(scheme.map { "; `\($0)` is not allowed" } ?? ""), found `\(url)`")
        return false
    }
}
