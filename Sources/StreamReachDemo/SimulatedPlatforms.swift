import FlyingFox
import FlyingSocks
import Foundation
import StreamReachKit
import Synchronization

/// A loopback HTTP server shaped like YouTube's, Facebook's and PeerTube's APIs, whose counts
/// follow ``DemoAudience`` night by night. The demo's collector reads it through libcurl
/// exactly as it would read the real platforms.
final class SimulatedPlatforms: Sendable {
    private let http: LoopbackHTTPServer
    private let state: DemoState

    var baseURL: String { http.baseURL }

    private init(http: LoopbackHTTPServer, state: DemoState) {
        self.http = http
        self.state = state
    }

    static func start(audience: DemoAudience) async throws -> SimulatedPlatforms {
        let state = DemoState()
        let http = try await LoopbackHTTPServer.start { request in
            let (night, failing) = state.current.withLock { ($0.night, $0.failing) }
            guard !failing else { return reply(503, #"{"error":"simulated outage"}"#) }
            if let clock = state.liveClock.withLock({ $0 }) { return Self.answerLive(request, at: clock.now(), audience: audience) }
            return Self.answer(request, night: night, audience: audience)
        }
        return SimulatedPlatforms(http: http, state: state)
    }

    /// Sets the night the counts are for, and whether the platforms are down that night.
    func set(night: LocalDate, failing: Bool) {
        state.current.withLock { $0 = (night, failing) }
    }

    func stop() async {
        await http.stop()
    }

    /// From now on the platforms answer as during a live evening on `clock` (nil: at night).
    func setLive(_ clock: (any WallClock)?) {
        state.liveClock.withLock { $0 = clock }
    }

    /// YouTube and PeerTube while streams are live: viewers now, views so far, and YouTube's
    /// `actualEndTime` once a stream has gone off air.
    private static func answerLive(_ request: FlyingFox.HTTPRequest, at instant: Date, audience: DemoAudience) -> FlyingFox.HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        if request.path == "/youtube/v3/videos" {
            let ids = (request.query.first { $0.name == "id" }?.value ?? "").split(separator: ",").map(String.init)
            let items = ids.compactMap { id -> String? in
                guard let views = audience.liveViews(streamID: id, platform: "youtube", at: instant) else { return nil }
                var live = #""scheduledStartTime":"x""#
                if audience.ended(streamID: id, at: instant) {
                    live += #","actualEndTime":"x""#
                } else if let viewers = audience.viewers(streamID: id, platform: "youtube", at: instant) {
                    live += #","concurrentViewers":"\#(viewers)""#
                }
                return #"{"kind":"youtube#video","id":"\#(id)","statistics":{"viewCount":"\#(views)"},"liveStreamingDetails":{\#(live)}}"#
            }
            return reply(200, #"{"kind":"youtube#videoListResponse","items":[\#(items.joined(separator: ","))]}"#)
        }
        if parts.count == 4, parts[0] == "api", parts[2] == "videos",
           let views = audience.liveViews(streamID: parts[3], platform: "peertube", at: instant) {
            let viewers = audience.viewers(streamID: parts[3], platform: "peertube", at: instant).map { #","viewers":\#($0)"# } ?? ""
            return reply(200, #"{"uuid":"\#(parts[3])","isLive":true,"views":\#(views)\#(viewers)}"#)
        }
        return reply(404, #"{"error":"not live in the simulation"}"#)
    }

    private static func answer(_ request: FlyingFox.HTTPRequest, night: LocalDate, audience: DemoAudience) -> FlyingFox.HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        if request.path == "/youtube/v3/videos" {
            let ids = (request.query.first { $0.name == "id" }?.value ?? "").split(separator: ",").map(String.init)
            let items = ids.compactMap { id in
                audience.views(streamID: id, platform: "youtube", night: night).map {
                    #"{"kind":"youtube#video","id":"\#(id)","statistics":{"viewCount":"\#($0)","likeCount":"\#($0 / 40)"}}"#
                }
            }
            return reply(200, #"{"kind":"youtube#videoListResponse","items":[\#(items.joined(separator: ","))]}"#)
        }
        if parts.count == 3, parts[0] == "v19.0", parts[2] == "video_insights" {
            guard let views = audience.views(streamID: parts[1], platform: "facebook", night: night) else {
                return reply(400, #"{"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100}}"#)
            }
            return reply(200, #"{"data":[{"name":"total_video_views","period":"lifetime","values":[{"value":\#(views)}]}]}"#)
        }
        if parts.count == 4, parts[0] == "api", parts[2] == "videos" {
            guard let views = audience.views(streamID: parts[3], platform: "peertube", night: night) else {
                return reply(404, #"{"type":"about:blank","title":"Not Found","detail":"Video not found","status":404}"#)
            }
            return reply(200, #"{"uuid":"\#(parts[3])","views":\#(views),"viewers":0}"#)
        }
        return reply(404, #"{"error":"no such endpoint in the simulation"}"#)
    }

    private static func reply(_ status: Int, _ body: String) -> FlyingFox.HTTPResponse {
        FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Error"),
                               headers: [.contentType: "application/json"], body: Data(body.utf8))
    }
}

/// The simulation's clock and outage switch, shared with the server's handler.
final class DemoState: Sendable {
    let current = Mutex<(night: LocalDate, failing: Bool)>((LocalDate(dayNumber: 0), false))
    let liveClock = Mutex<(any WallClock)?>(nil)
}

enum DemoError: Error, LocalizedError, ExitStatusReporting {
    case noCrossing
    case nightFailed(String, String)

    var errorDescription: String? {
        switch self {
        case .noCrossing: return "the simulation never reached the target"
        case .nightFailed(let night, let reason): return "the demo's nightly job of \(night) stored nothing: \(reason)"
        }
    }

    /// The demo runs on built-in data: if it fails, that is a bug.
    var exitStatus: ExitStatus { .software }
}
