import Foundation
import Testing
@testable import StreamReachKit

/// Each platform preset against a real HTTP server serving recorded-style bodies.
@Suite struct PresetCollectionTests {
    @Test func youtubeReadsCountsSentAsStrings() async throws {
        let server = try await StubServer.start { request in
            request.path == "/youtube/v3/videos" && request.query("key") == "yt-key-123" ? .fixture("youtube-videos.json") : StubReply(status: 404)
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("youtube", "youtube")],
                                               events: [("a", ["youtube": "krauJecXeGS"]), ("b", ["youtube": "cESI8gbFKeo"])])
        let config = try TestProgramme.sources("youtube: {platform: youtube, api-key: yt-key-123, base-url: \"\(server.baseURL)\"}")
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        let readings = TestProgramme.readings(run)
        #expect(readings["a/youtube"] == .count(4182))
        #expect(readings["b/youtube"] == .count(2950))
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.query("id") == "krauJecXeGS,cESI8gbFKeo")
        #expect(server.requests.first?.query("part") == "statistics,liveStreamingDetails")
        #expect(run.exitStatus == .ok)
    }

    @Test func youtubeBatchesFiftyIdsPerCall() async throws {
        let server = try await StubServer.start { request in
            let ids = (request.query("id") ?? "").split(separator: ",")
            let items = ids.map { #"{"id":"\#($0)","statistics":{"viewCount":"\#($0.dropFirst())"}}"# }
            return .json(#"{"items":[\#(items.joined(separator: ","))]}"#)
        }
        defer { Task { await server.stop() } }
        let events = (0..<120).map { (id: "e\($0)", streams: ["youtube": "v\($0)"]) }
        let programme = try TestProgramme.make(channels: [("youtube", "youtube")], events: events)
        let config = try TestProgramme.sources("youtube: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}")
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        // Distinct batches: a loaded test run can make a request time out and be retried.
        let batches = Set(server.requests.map { $0.query("id") ?? "" })
        #expect(batches.map { $0.split(separator: ",").count }.sorted() == [20, 50, 50])
        let readings = TestProgramme.readings(run)
        #expect(readings.count == 120)
        #expect(readings["e77/youtube"] == .count(77))
        #expect(run.count(.ok) == 120)
    }

    @Test func youtubeUnknownIDIsAPermanentProblem() async throws {
        let server = try await StubServer.start { _ in .fixture("youtube-empty.json") }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("youtube", "youtube")], events: [("a", ["youtube": "nosuchvideo"])])
        let config = try TestProgramme.sources("youtube: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}")
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        let reading = try #require(TestProgramme.readings(run)["a/youtube"])
        #expect(reading.outcome == .permanent)
        #expect(reading.detail?.contains("unknown, deleted or private id") == true)
        #expect(run.exitStatus == .dataError)
    }

    @Test func youtubeQuotaExceededIsNotRetried() async throws {
        let server = try await StubServer.start { _ in .fixture("youtube-quota-exceeded.json", status: 403) }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("youtube", "youtube")], events: [("a", ["youtube": "krauJecXeGS"])])
        let config = try TestProgramme.sources("youtube: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}")
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        let reading = try #require(TestProgramme.readings(run)["a/youtube"])
        #expect(reading.outcome == .quota)
        #expect(reading.detail?.contains("quotaExceeded") == true)
        #expect(server.requests.count == 1)
        #expect(run.exitStatus == .temporaryFailure)
    }

    @Test func facebookInsightsLiveViewsAndErrors() async throws {
        let server = try await StubServer.start { request in
            switch request.path {
            case "/v19.0/1001/video_insights": return .fixture("facebook-video-insights.json")
            case "/v19.0/1002": return request.query("fields") == "live_views" ? .fixture("facebook-live-video.json") : StubReply(status: 400)
            case "/v19.0/1003/video_insights": return .fixture("facebook-error.json", status: 400)
            default: return .fixture("facebook-token-expired.json", status: 400)
            }
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(
            channels: [("facebook", "facebook"), ("fblive", "facebook-live")],
            events: [("a", ["facebook": "1001", "fblive": "1002"]), ("b", ["facebook": "1003"]), ("c", ["facebook": "1004"])])
        let config = try TestProgramme.sources("""
            facebook: {platform: facebook, access-token: fb-token-abc, base-url: "\(server.baseURL)/v19.0"}
            fblive: {platform: facebook-live, access-token: fb-token-abc, base-url: "\(server.baseURL)/v19.0"}
            """)
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        let readings = TestProgramme.readings(run)
        #expect(readings["a/facebook"] == .count(6815))
        #expect(readings["b/facebook"]?.outcome == .permanent)
        #expect(readings["b/facebook"]?.detail?.contains("HTTP 400 100") == true)
        #expect(readings["c/facebook"]?.outcome == .auth)
        #expect(run.exitStatus == .configError)
        // `live_views` are people watching now: never read as views by the nightly job.
        #expect(readings["a/fblive"] == nil)
        #expect(!server.requests.contains { $0.path == "/v19.0/1002" })
        let live = try await TestProgramme.collector(programme, config, figure: .viewers).collect(now: TestProgramme.night)
        #expect(TestProgramme.readings(live) == ["a/fblive": .count(142)])
        #expect(server.requests.allSatisfy { $0.query("access_token") == "fb-token-abc" })
    }

    /// Twitch's views are its recordings' `view_count` (videos, by video id); `viewer_count`
    /// (streams, by login) is the audience of a live channel and never counted as views.
    @Test func twitchViewsOfRecordingsAndViewersOfLiveChannels() async throws {
        let server = try await StubServer.start { request in
            guard request.headers["client-id"] == "twitch-client", request.headers["authorization"] == "Bearer twitch-token" else {
                return StubReply(status: 401)
            }
            switch request.path {
            case "/helix/videos": return .fixture("twitch-videos.json")
            case "/helix/streams": return .fixture("twitch-streams.json")
            default: return StubReply(status: 404)
            }
        }
        defer { Task { await server.stop() } }
        let config = try TestProgramme.sources(
            "twitch: {platform: twitch, client-id: twitch-client, access-token: twitch-token, login: fruchthalle_kl, base-url: \"\(server.baseURL)\"}")

        let recordings = try TestProgramme.make(channels: [("twitch", "twitch")],
                                                events: [("a", ["twitch": "835921245"]), ("b", ["twitch": "835921999"])])
        let run = try await TestProgramme.collector(recordings, config).collect(now: TestProgramme.night)
        let views = TestProgramme.readings(run)
        #expect(views["a/twitch"] == .count(1863))
        #expect(views["b/twitch"]?.outcome == .permanent)
        #expect(server.requests.map(\.path) == ["/helix/videos"])
        #expect(server.requests.first?.query.filter { $0.name == "id" }.map(\.value) == ["835921245", "835921999"])

        let channels = try TestProgramme.make(channels: [("twitch", "twitch")],
                                              events: [("a", ["twitch": "Fruchthalle_KL"]), ("b", ["twitch": "ok_kaiserslautern"])])
        let live = try await TestProgramme.collector(channels, config, figure: .viewers).collect(now: TestProgramme.night)
        let viewers = TestProgramme.readings(live)
        #expect(viewers["a/twitch"] == .count(312))
        #expect(viewers["b/twitch"]?.outcome == .absent)
        #expect(live.exitStatus == .ok)
        #expect(server.requests.last?.path == "/helix/streams")
        #expect(server.requests.last?.query.filter { $0.name == "user_login" }.map(\.value) == ["Fruchthalle_KL", "ok_kaiserslautern"])
    }

    /// A network's venues on Twitch, one channel each, with one app token: their logins share
    /// a call (100 a call), and each venue's events get their own channel's figure. A
    /// channel with another token is a call of its own.
    @Test func twitchChannelsWithOneTokenShareACall() async throws {
        let server = try await StubServer.start { request in
            request.path == "/helix/streams" ? .fixture("twitch-streams.json") : StubReply(status: 404)
        }
        defer { Task { await server.stop() } }
        let source = { (login: String, token: String) in
            "{platform: twitch, client-id: twitch-client, access-token: \(token), login: \(login), base-url: \"\(server.baseURL)\"}"
        }
        let config = try TestProgramme.sources("""
            kl: \(source("fruchthalle_kl", "shared-token"))
            tr: \(source("ok_trier", "shared-token"))
            ld: \(source("landau_live", "other-token"))
            """)
        let programme = try TestProgramme.make(channels: [("kl", "twitch"), ("tr", "twitch"), ("ld", "twitch")],
                                               events: [("a", ["kl": "x", "tr": "x", "ld": "x"])])
        // As the live poller reads them: each channel's login.
        let live = ["kl", "tr", "ld"].map { CollectionTarget(eventID: "a", channelID: $0, streamID: config.liveIDs[$0]!) }
        let run = try await TestProgramme.collector(programme, config, figure: .viewers).collect(live, now: TestProgramme.night)
        let viewers = TestProgramme.readings(run)
        #expect(viewers["a/kl"] == .count(312))
        #expect(viewers["a/tr"]?.outcome == .absent)
        #expect(viewers["a/ld"]?.outcome == .absent)
        let logins = server.requests.map { $0.query.filter { $0.name == "user_login" }.map(\.value) }
        #expect(logins.count == 2, "kl and tr in one call, ld in its own: \(logins)")
        #expect(Set(logins) == [["fruchthalle_kl", "ok_trier"], ["landau_live"]])
    }

    /// YouTube channels of several venues with one API key: 50 videos a call across them,
    /// so the quota counts calls, not channels.
    @Test func youtubeChannelsWithOneKeyShareBatchesAndQuota() async throws {
        let server = try await StubServer.start { _ in .fixture("youtube-videos.json") }
        defer { Task { await server.stop() } }
        let config = try TestProgramme.sources("""
            yt1: {platform: youtube, api-key: k3y-shared, base-url: "\(server.baseURL)"}
            yt2: {platform: youtube, api-key: k3y-shared, base-url: "\(server.baseURL)"}
            """)
        let events = (0..<40).map { (id: "e\($0)", streams: [$0 < 20 ? "yt1" : "yt2": "v\($0)"]) }
        let programme = try TestProgramme.make(channels: [("yt1", "youtube"), ("yt2", "youtube")], events: events)
        let collector = TestProgramme.collector(programme, config)
        let targets = try collector.targets(now: TestProgramme.night)
        #expect(collector.meteredRequests(for: targets) == 1, "40 ids in one call, not 20 + 20 on two channels")
        _ = try await collector.collect(targets, now: TestProgramme.night)
        #expect(server.requests.count == 1)
    }

    /// One YouTube call has both figures; `concurrentViewers` is there only while live.
    @Test func youtubeViewersOnlyWhileLive() async throws {
        let server = try await StubServer.start { _ in .fixture("youtube-videos.json") }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("youtube", "youtube")],
                                               events: [("a", ["youtube": "krauJecXeGS"]), ("b", ["youtube": "cESI8gbFKeo"])])
        let config = try TestProgramme.sources("youtube: {platform: youtube, api-key: yt-key-123, base-url: \"\(server.baseURL)\"}")
        let live = try await TestProgramme.collector(programme, config, figure: .viewers).collect(now: TestProgramme.night)
        let viewers = TestProgramme.readings(live)
        #expect(viewers["b/youtube"] == .count(87))
        #expect(viewers["a/youtube"]?.outcome == .absent) // ended: actualEndTime, no concurrentViewers
        #expect(server.requests.count == 1)
    }

    @Test func vimeoPlaysAndNullPlays() async throws {
        let server = try await StubServer.start { request in
            request.headers["authorization"] == "bearer vimeo-token"
                ? .fixture(request.path == "/videos/1" ? "vimeo-video.json" : "vimeo-video-null-plays.json")
                : StubReply(status: 401)
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("vimeo", "vimeo")], events: [("a", ["vimeo": "1"]), ("b", ["vimeo": "2"])])
        let config = try TestProgramme.sources("vimeo: {platform: vimeo, access-token: vimeo-token, base-url: \"\(server.baseURL)\"}")
        let readings = TestProgramme.readings(try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night))
        #expect(readings["a/vimeo"] == .count(1290))
        #expect(readings["b/vimeo"]?.outcome == .absent)
        #expect(readings["b/vimeo"]?.value == nil)
    }

    @Test func peertubeViewsAndProblemJSON() async throws {
        let server = try await StubServer.start { request in
            request.path == "/api/v1/videos/kkGMgK9ZtnKfYAgnEtQxbv"
                ? .fixture("peertube-video.json")
                : StubReply(status: 404, headers: ["Content-Type": "application/problem+json"],
                            body: (try? Data(contentsOf: URL(fileURLWithPath: Fixtures.path("platforms/peertube-problem.json")))) ?? Data())
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("tube", "peertube")],
                                               events: [("a", ["tube": "kkGMgK9ZtnKfYAgnEtQxbv"]), ("b", ["tube": "gone"])])
        let config = try TestProgramme.sources("tube: {platform: peertube, base-url: \"\(server.baseURL)\"}")
        let readings = TestProgramme.readings(try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night))
        #expect(readings["a/tube"] == .count(873))
        #expect(readings["b/tube"]?.outcome == .permanent)
        #expect(readings["b/tube"]?.detail == "HTTP 404 Video not found: not found, check the stream id")
    }

    /// Owncast has no cumulative count: the nightly job reads nothing from it (and does not
    /// call the channel unconfigured). Its viewers are read live; `viewerCount` is omitted
    /// when it is 0, so an online server without one has nobody watching, and an offline
    /// server has no figure at all.
    @Test func owncastHasViewersOnlyAndAnOmittedCountIsZeroWhileOnline() async throws {
        let online = try await StubServer.start { _ in .fixture("owncast-status-online.json") }
        let zero = try await StubServer.start { _ in .fixture("owncast-status-zero.json") }
        let offline = try await StubServer.start { _ in .fixture("owncast-status-offline.json") }
        defer { Task { await online.stop(); await zero.stop(); await offline.stop() } }
        let programme = try TestProgramme.make(channels: [("cast1", "owncast"), ("cast2", "owncast"), ("cast3", "owncast")],
                                               events: [("a", ["cast1": "main", "cast2": "main", "cast3": "main"])])
        let config = try TestProgramme.sources("""
            cast1: {platform: owncast, base-url: "\(online.baseURL)"}
            cast2: {platform: owncast, base-url: "\(zero.baseURL)/"}
            cast3: {platform: owncast, base-url: "\(offline.baseURL)"}
            """)
        let nightly = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        #expect(nightly.samples.isEmpty)
        #expect(online.requests.isEmpty && zero.requests.isEmpty)
        let run = try await TestProgramme.collector(programme, config, figure: .viewers).collect(now: TestProgramme.night)
        let readings = TestProgramme.readings(run)
        #expect(readings["a/cast1"] == .count(58))
        #expect(readings["a/cast2"] == .count(0))
        #expect(readings["a/cast3"]?.outcome == .absent)
        #expect(online.requests.map(\.path) == ["/api/status"])
        #expect(zero.requests.map(\.path) == ["/api/status"])
    }

    @Test func genericSourceWithJSONPointerAndBatching() async throws {
        let server = try await StubServer.start { request in
            let ids = (request.query("ids") ?? "").split(separator: "|")
            let results = ids.map { #"{"key":"\#($0)","stats":{"views":\#($0.count * 100)}}"# }
            return .json(#"{"results":[\#(results.joined(separator: ","))]}"#)
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("city", "generic")], events: [("a", ["city": "abc"]), ("b", ["city": "abcdef"])])
        let config = try TestProgramme.sources("""
            city:
              platform: generic
              figure: views
              url: "\(server.baseURL)/views?ids={ids}"
              value: /stats/views
              batch: {size: 10, separator: "|", items: /results, id: /key}
            """)
        let readings = TestProgramme.readings(try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night))
        #expect(readings["a/city"] == .count(300))
        #expect(readings["b/city"] == .count(600))
    }

    @Test func gzipBodiesAreDecodedAndAdvertised() async throws {
        let server = try await StubServer.start { _ in
            var reply = StubReply.fixture("youtube-videos.json.gz")
            reply.headers["Content-Encoding"] = "gzip"
            return reply
        }
        defer { Task { await server.stop() } }
        let programme = try TestProgramme.make(channels: [("youtube", "youtube")], events: [("a", ["youtube": "krauJecXeGS"])])
        let config = try TestProgramme.sources("youtube: {platform: youtube, api-key: k3y-for-test, base-url: \"\(server.baseURL)\"}")
        let run = try await TestProgramme.collector(programme, config).collect(now: TestProgramme.night)
        #expect(TestProgramme.readings(run)["a/youtube"] == .count(4182))
        let acceptEncoding = server.requests.first?.headers["accept-encoding"] ?? ""
        #expect(acceptEncoding.contains("gzip"))
        #expect(acceptEncoding.contains("br"))
        #expect(server.requests.first?.headers["user-agent"]?.hasPrefix("streamreach/") == true)
    }
}
