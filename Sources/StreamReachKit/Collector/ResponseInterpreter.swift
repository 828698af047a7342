import Foundation

/// Turns one transfer's result into a reading for each stream id it covered.
///
/// Pure: it sees the response and the source, never the network or the clock, so every
/// platform quirk in MISSION.md is a table-driven test.
package struct ResponseInterpreter: Sendable {
    package let source: SourceSpec

    package init(source: SourceSpec) { self.source = source }

    /// The readings by id, and for transient failures the wait the server asked for.
    package func interpret(_ result: TransferResult, ids: [String], now: Date) -> (readings: [String: SeriesReading], retryAfter: Double?) {
        switch result {
        case .failure(let failure):
            let outcome: SampleOutcome = failure.kind.isTransient ? .transient : .permanent
            return (same(SeriesReading(outcome: outcome, detail: failure.message), ids), nil)
        case .response(let response):
            guard (200..<300).contains(response.status) else {
                let (reading, wait) = httpError(response, now: now)
                return (same(reading, ids), wait)
            }
            return (readings(from: response, ids: ids), nil)
        }
    }

    private func readings(from response: HTTPResponse, ids: [String]) -> [String: SeriesReading] {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: response.body)
        } catch {
            return same(SeriesReading(outcome: .permanent, detail: notJSON(response)), ids)
        }
        guard let batch = source.batch else {
            return same(reading(document, missing: source.missingValue), ids)
        }
        guard let items = document.list(at: batch.items) else {
            return same(SeriesReading(outcome: .permanent, detail: "no list of results at \(batch.items)"), ids)
        }
        var byID: [String: JSONDocument] = [:]
        for item in items {
            guard case .string(let id)? = item[batch.itemID] else { continue }
            byID[batch.caseInsensitiveIDs ? id.lowercased() : id] = item
        }
        var readings: [String: SeriesReading] = [:]
        for id in ids {
            if let item = byID[batch.caseInsensitiveIDs ? id.lowercased() : id] {
                readings[id] = reading(item, missing: source.missingValue)
            } else {
                readings[id] = source.missingItem == .absent
                    ? SeriesReading(outcome: .absent, detail: "not in the response (offline)")
                    : SeriesReading(outcome: .permanent, detail: "not in the response: unknown, deleted or private id")
            }
        }
        return readings
    }

    private func reading(_ document: JSONDocument, missing: SourceSpec.Missing) -> SeriesReading {
        let value = document[source.value]
        if value == nil, let flag = source.zeroWhenMissingIf, case .bool(true)? = document[flag] {
            return .count(0)
        }
        switch ViewCountReading.read(value, at: source.value) {
        case .count(let count): return .count(count)
        case .absent(let why) where value == nil && missing == .permanent:
            return SeriesReading(outcome: .permanent, detail: "\(why): the API answered without the count")
        case .absent(let why): return SeriesReading(outcome: .absent, detail: why)
        case .invalid(let why): return SeriesReading(outcome: .permanent, detail: why)
        }
    }

    private func httpError(_ response: HTTPResponse, now: Date) -> (SeriesReading, Double?) {
        let reason = errorReason(response)
        let described = "HTTP \(response.status)" + (reason.map { " \($0)" } ?? "")
        if let reason, source.quotaReasons.contains(reason) {
            return (SeriesReading(outcome: .quota, detail: "\(described): quota used up, not retried"), nil)
        }
        if let reason, source.authReasons.contains(reason) {
            return (SeriesReading(outcome: .auth, detail: "\(described): check the key or token"), nil)
        }
        switch response.status {
        case 429, 500...599:
            return (SeriesReading(outcome: .transient, detail: described), RetryAfter.seconds(response.headers, now: now))
        case 401, 403:
            return (SeriesReading(outcome: .auth, detail: "\(described): check the key or token"), nil)
        case 404:
            return (SeriesReading(outcome: .permanent, detail: "\(described): not found, check the stream id"), nil)
        default:
            return (SeriesReading(outcome: .permanent, detail: described), nil)
        }
    }

    /// The platform's own reason for an error, from its JSON body when it has one.
    private func errorReason(_ response: HTTPResponse) -> String? {
        guard let document = try? JSONDocument(parsing: response.body) else { return nil }
        for pointer in source.errorReason {
            switch document[pointer] {
            case .string(let text)?: return String(text.prefix(200))
            case .integer(let code)?: return String(code)
            default: continue
            }
        }
        return nil
    }

    private func notJSON(_ response: HTTPResponse) -> String {
        let type = response.headers["content-type"] ?? ""
        let start = response.body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if type.contains("html") || start.first == UInt8(ascii: "<") {
            return "HTML instead of JSON (HTTP \(response.status)\(type.isEmpty ? "" : ", \(type)"))"
        }
        return response.body.isEmpty ? "empty body instead of JSON" : "malformed or truncated JSON (\(response.body.count) bytes)"
    }

    private func same(_ reading: SeriesReading, _ ids: [String]) -> [String: SeriesReading] {
        Dictionary(uniqueKeysWithValues: ids.map { ($0, reading) })
    }
}

/// Reads how long a server asked us to wait: `Retry-After` (seconds or an HTTP date), or
/// Twitch's `Ratelimit-Reset` (epoch seconds).
package enum RetryAfter {
    package static func seconds(_ headers: [String: String], now: Date) -> Double? {
        if let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value), seconds >= 0 { return seconds }
            if let date = httpDate(value) { return max(0, date.timeIntervalSince(now)) }
        }
        if let reset = headers["ratelimit-reset"].flatMap(Double.init) {
            return max(0, reset - now.timeIntervalSince1970)
        }
        return nil
    }

    /// RFC 9110 IMF-fixdate, e.g. `Wed, 21 Oct 2015 07:28:00 GMT`.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
