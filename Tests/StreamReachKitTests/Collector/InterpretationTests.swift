import Foundation
import Testing
@testable import StreamReachKit

@Suite struct InterpretationTests {
    @Test(arguments: [
        ("", "{\"a\":1}", true),
        ("/a/b", "{\"a\":{\"b\":2}}", true),
        ("/a~1b", "{\"a/b\":3}", true),
        ("/m~0n", "{\"m~n\":4}", true),
        ("/items/1", "{\"items\":[0,5]}", true),
        ("/items/2", "{\"items\":[0,5]}", false),
        ("/x", "{\"a\":1}", false),
    ])
    func jsonPointers(_ pointer: String, _ json: String, _ found: Bool) throws {
        let document = try JSONDocument(parsing: Array(json.utf8))
        let parsed = try #require(JSONPointer(pointer))
        #expect((document[parsed] != nil) == found)
        #expect(parsed.description == pointer)
    }

    /// Every kind of value Foundation's parser gives, converted where a pointer reads it.
    @Test func everyKindOfValueConverts() throws {
        let json = """
            {"i": 7, "neg": -3, "d": 2.5, "t": true, "f": false, "n": null, "s": "x",
             "l": [1, "a", 1e3], "o": {"k": []}, "big": 99999999999999999999}
            """
        let document = try JSONDocument(parsing: Array(json.utf8))
        let expected: JSONValue = .object([
            "i": .integer(7), "neg": .integer(-3), "d": .number(2.5), "t": .bool(true), "f": .bool(false), "n": .null,
            "s": .string("x"), "l": .array([.integer(1), .string("a"), .number(1000)]), "o": .object(["k": .array([])]),
            "big": .number(1e20),
        ])
        #expect(document[try #require(JSONPointer(""))] == expected)
        #expect(document[try #require(JSONPointer("/l/1"))] == .string("a"))
        #expect(document.list(at: try #require(JSONPointer("/l")))?.count == 3)
        #expect(document.list(at: try #require(JSONPointer("/o"))) == nil)
    }

    @Test func pointersMustStartWithASlash() {
        #expect(JSONPointer("items") == nil)
    }

    @Test(arguments: [
        ("{\"v\": 42}", ViewCountReading.count(42)),
        ("{\"v\": \"123456\"}", .count(123_456)),
        ("{\"v\": 1e3}", .count(1000)),
        ("{\"v\": 9223372036854775807}", .count(Int64.max)),
        ("{\"v\": null}", .absent("/v is null")),
        ("{}", .absent("no value at /v")),
        ("{\"v\": -1}", .invalid("/v is negative (-1)")),
        ("{\"v\": 1.5}", .invalid("/v is not a whole number (1.5)")),
        ("{\"v\": 99999999999999999999}", .invalid("/v is larger than a 64-bit count")),
        ("{\"v\": \"99999999999999999999\"}", .invalid("/v is larger than a 64-bit count")),
        ("{\"v\": true}", .invalid("/v is not a number: a boolean")),
        ("{\"v\": [1]}", .invalid("/v is not a number: a list")),
    ])
    func countReadings(_ json: String, _ expected: ViewCountReading) throws {
        let document = try JSONDocument(parsing: Array(json.utf8))
        let pointer = try #require(JSONPointer("/v"))
        #expect(ViewCountReading.read(document[pointer], at: pointer) == expected)
    }

    @Test func retryAfterInSecondsAsADateAndAsRatelimitReset() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2020-03-25T02:00:00Z"))
        #expect(RetryAfter.seconds(["retry-after": "7"], now: now) == 7)
        #expect(RetryAfter.seconds(["retry-after": "Wed, 25 Mar 2020 02:00:30 GMT"], now: now) == 30)
        #expect(RetryAfter.seconds(["ratelimit-reset": "\(Int(now.timeIntervalSince1970) + 12)"], now: now) == 12)
        #expect(RetryAfter.seconds(["retry-after": "soon"], now: now) == nil)
    }

    @Test func backoffGrowsAndStopsAtTheAttemptLimit() {
        var policy = RetryPolicy(maxAttempts: 4)
        policy.jitter = { 1 }
        #expect(policy.decision(attempt: 1, outcome: .transient, serverWait: nil) == .retry(afterSeconds: 0.5))
        #expect(policy.decision(attempt: 3, outcome: .transient, serverWait: nil) == .retry(afterSeconds: 2))
        #expect(policy.decision(attempt: 4, outcome: .transient, serverWait: nil) == .done)
        #expect(policy.decision(attempt: 1, outcome: .transient, serverWait: 9) == .retry(afterSeconds: 9))
        #expect(policy.decision(attempt: 1, outcome: .quota, serverWait: nil) == .done)
        #expect(policy.decision(attempt: 1, outcome: .permanent, serverWait: nil) == .done)
    }

    @Test func redactionRemovesSecretsAndKeyParameters() {
        let redactor = Redactor(secrets: ["AIzaSECRET123"])
        #expect(redactor.redact("GET https://x/videos?id=a&key=AIzaSECRET123") == "GET https://x/videos?id=a&key=…")
        #expect(redactor.redact("https://x/v?access_token=other-token&fields=live_views") == "https://x/v?access_token=…&fields=live_views")
        #expect(redactor.redact("error with AIzaSECRET123 inside") == "error with … inside")
        #expect(redactor.redact("https://x/v?id=keep") == "https://x/v?id=keep")
    }
}
