import Foundation
import Testing
@testable import StreamReachKit

/// Each failure class of the collector facts, through libcurl against a loopback server.
@Suite struct FailureCollectionTests {
    private func runOne(_ settings: String = "", baseURL: String, id: String = "v1") async throws -> (CollectionRun, SeriesReading, Sample) {
        let programme = try TestProgramme.make(channels: [("tube", "peertube")], events: [("a", ["tube": id])])
        let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"\(baseURL)\"}", settings: settings)
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        let sample = try #require(run.samples.first)
        return (run, sample.reading, sample)
    }

    @Test func aSlowEndpointHitsTheTimeoutAndIsTransient() async throws {
        let server = try await StubServer.start { _ in StubReply(body: Data(#"{"views": 1}"#.utf8), delay: .seconds(5)) }
        defer { Task { await server.stop() } }
        let started = ContinuousClock().now
        let (run, reading, sample) = try await runOne("timeout: 400ms\nmax-attempts: 1", baseURL: server.baseURL)
        #expect(reading.outcome == .transient)
        #expect(reading.detail?.lowercased().contains("timed out") == true)
        #expect(sample.attempts == 1)
        #expect(ContinuousClock().now - started < .seconds(4.5), "cut by the timeout, well before the server's 5 s")
        #expect(run.exitStatus == .temporaryFailure)
    }

    @Test func aRefusedConnectionIsTransientAndRetried() async throws {
        let refusing = try RefusingPort()
        let (run, reading, sample) = try await runOne("max-attempts: 2", baseURL: refusing.baseURL)
        withExtendedLifetime(refusing) {}
        #expect(reading.outcome == .transient)
        #expect(reading.detail?.contains("onnect") == true)
        #expect(sample.attempts == 2)
        #expect(run.exitStatus == .temporaryFailure)
    }

    @Test func aBodyOverTheCapIsCutOffAndPermanent() async throws {
        let big = #"{"views": 1, "padding": ""# + String(repeating: "x", count: 64 * 1024) + #""}"#
        let server = try await StubServer.start { _ in .json(big) }
        defer { Task { await server.stop() } }
        let (run, reading, _) = try await runOne("max-body: 16KiB", baseURL: server.baseURL)
        #expect(reading.outcome == .permanent)
        #expect(reading.detail?.contains("larger than") == true)
        #expect(run.exitStatus == .dataError)
    }

    @Test func aRedirectLoopStopsAfterTheLimit() async throws {
        let server = try await StubServer.start { request in
            StubReply(status: 302, headers: ["Location": request.path], body: Data())
        }
        defer { Task { await server.stop() } }
        // One attempt with time to spare: a loaded test process once took over 5 s for the
        // four answers, and the retry that followed doubled the count.
        let (_, reading, _) = try await runOne("max-attempts: 1\ntimeout: 30s", baseURL: server.baseURL)
        #expect(reading.outcome == .permanent)
        #expect(reading.detail?.lowercased().contains("redirect") == true)
        // The first request plus at most three redirects (the default limit).
        #expect(server.requests.count == 4)
    }

    @Test func aRedirectToAnotherProtocolIsRefused() async throws {
        let server = try await StubServer.start { _ in StubReply(status: 302, headers: ["Location": "file:///etc/passwd"], body: Data()) }
        defer { Task { await server.stop() } }
        let (_, reading, _) = try await runOne(baseURL: server.baseURL)
        #expect(reading.outcome == .permanent)
        #expect(reading.value == nil)
    }

    @Test func tooManyRequestsWithRetryAfterWaitsAndSucceeds() async throws {
        let server = try await StubServer.start { request in
            request.countForPath == 1
                ? StubReply(status: 429, headers: ["Retry-After": "1", "Content-Type": "application/json"], body: Data("{}".utf8))
                : .json(#"{"views": 512}"#)
        }
        defer { Task { await server.stop() } }
        let started = ContinuousClock().now
        let (run, reading, sample) = try await runOne(baseURL: server.baseURL)
        #expect(reading == .count(512))
        #expect(sample.attempts == 2)
        #expect(ContinuousClock().now - started >= .milliseconds(950))
        #expect(run.exitStatus == .ok)
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let server = try await StubServer.start { _ in StubReply(status: 503, body: Data("busy".utf8)) }
        defer { Task { await server.stop() } }
        let (run, reading, sample) = try await runOne("max-attempts: 3", baseURL: server.baseURL)
        #expect(reading.outcome == .transient)
        #expect(reading.detail == "HTTP 503")
        #expect(sample.attempts == 3)
        #expect(server.requests.count == 3)
        #expect(run.exitStatus == .temporaryFailure)
    }

    @Test(arguments: [
        (401, "{}", SampleOutcome.auth),
        (403, "{}", SampleOutcome.auth),
        (404, "{}", SampleOutcome.permanent),
        (200, "<html><body>Maintenance</body></html>", SampleOutcome.permanent),
        (200, #"{"views": 12"#, SampleOutcome.permanent),
        (200, #"{"name": "no views here"}"#, SampleOutcome.permanent),
        (200, #"{"views": null}"#, SampleOutcome.absent),
        (200, #"{"views": -5}"#, SampleOutcome.permanent),
        (200, #"{"views": "many"}"#, SampleOutcome.permanent),
        (200, #"{"views": 99999999999999999999999}"#, SampleOutcome.permanent),
        (200, #"{"views": "1234"}"#, SampleOutcome.ok),
    ])
    func permanentAnswersAreNotRetried(_ status: Int, _ body: String, _ expected: SampleOutcome) async throws {
        let server = try await StubServer.start { _ in .json(body, status: status) }
        defer { Task { await server.stop() } }
        let (_, reading, sample) = try await runOne(baseURL: server.baseURL)
        #expect(reading.outcome == expected, "\(reading)")
        #expect(sample.attempts == 1)
        #expect(server.requests.count == 1)
    }

    @Test func oneFailingEndpointNeverStopsTheOthers() async throws {
        let good = try await StubServer.start { _ in .json(#"{"views": 7}"#) }
        let bad = try await StubServer.start { _ in StubReply(status: 500) }
        defer { Task { await good.stop(); await bad.stop() } }
        let programme = try TestProgramme.make(channels: [("good", "peertube"), ("bad", "peertube")],
                                               events: (0..<10).map { ("e\($0)", ["good": "g\($0)", "bad": "b\($0)"]) })
        let config = try TestProgramme.sources("""
            good: {platform: peertube, base-url: "\(good.baseURL)"}
            bad: {platform: peertube, base-url: "\(bad.baseURL)"}
            """, settings: "max-attempts: 2")
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        #expect(run.samples.count == 20)
        #expect(run.count(.ok) == 10)
        #expect(run.count(.transient) == 10)
        let store = try SQLiteStore()
        let runID = try await store.record(run)
        let stored = try await store.snapshots(runID: runID)
        #expect(stored.filter { $0.outcome == .ok }.map(\.value) == Array(repeating: 7, count: 10))
    }

    @Test func aPerHostRateSpacesRequests() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 1}"#) }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("tube", "peertube")], events: (0..<4).map { ("e\($0)", ["tube": "v\($0)"]) })
        let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"\(server.baseURL)\", rate: 10/s}")
        let started = ContinuousClock().now
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        #expect(run.count(.ok) == 4)
        // Four requests at 10 per second: at least three gaps of 100 ms.
        #expect(ContinuousClock().now - started >= .milliseconds(290))
    }

    @Test func eventsThatHaveNotStartedAreNotCollected() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 1}"#) }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("tube", "peertube")], events: [("a", ["tube": "v1"])])
        let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"\(server.baseURL)\"}")
        // 16:59 Berlin time on the day: one minute before the stream.
        let before = try #require(ISO8601DateFormatter().date(from: "2020-03-24T15:59:00Z"))
        let run = try await TestProgramme.collector(programme, config).collect(now: before)
        #expect(run.samples.isEmpty)
        #expect(server.requests.isEmpty)
    }

    @Test func aChannelWithoutASourceIsAConfigurationError() async throws {
        let programme = try TestProgramme.make(channels: [("tube", "peertube"), ("youtube", "youtube")],
                                               events: [("a", ["tube": "v1", "youtube": "y1"])])
        let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"http://127.0.0.1:9\"}")
        #expect(throws: CollectorError.self) { try TestProgramme.collector(programme, config).targets(now: TestProgramme.night) }
    }
}
