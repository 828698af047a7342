import Testing
@testable import StreamReachKit

/// Per-host pacing groups requests by the host their URL names.
@Suite struct HTTPRequestTests {
    @Test(arguments: [
        ("https://www.googleapis.com/youtube/v3/videos?id=a", "www.googleapis.com"),
        ("http://127.0.0.1:8080/api/v1/videos/v1", "127.0.0.1:8080"),
        ("HTTPS://API.Twitch.TV/helix/streams", "api.twitch.tv"),
        ("https://user:p%40ss@graph.facebook.com/v19.0/1?fields=x", "graph.facebook.com"),
        ("https://a@b@Vimeo.com", "vimeo.com"),
        ("https://tube.example?x=1", "tube.example"),
        ("https://tube.example#top", "tube.example"),
        ("https://ÄRZTE.example/x", "ärzte.example"),
        ("https://[::1]:9000/x", "[::1]:9000"),
        ("tube.example/api", ""),
        ("", ""),
    ])
    func theHostIsTheAuthorityWithoutItsUser(url: String, host: String) {
        #expect(HTTPRequest(url: url).host == host)
    }
}
