import Foundation
import Testing
@testable import StreamReachKit

@Suite struct SourcesConfigTests {
    @Test func secretsComeFromTheEnvironmentAndFilesAndAreRedacted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "fb-file-token-42\n".write(to: folder.appendingPathComponent("fb"), atomically: true, encoding: .utf8)
        let config = try SourcesConfigLoader.parse("""
            sources:
              youtube: {platform: youtube, api-key: "${YT}"}
              facebook: {platform: facebook, access-token: "file:${SECRETS}/fb"}
            """, file: "s.yaml", environment: ["YT": "yt-env-key-99", "SECRETS": folder.path])
        let youtube = try #require(config.sources["youtube"])
        #expect(youtube.urlTemplate == "https://www.googleapis.com/youtube/v3/videos?part=statistics,liveStreamingDetails&id={ids}&key=yt-env-key-99")
        #expect(config.sources["facebook"]?.urlTemplate.hasSuffix("access_token=fb-file-token-42") == true)
        let line = "GET \(youtube.urlTemplate) fb-file-token-42 \(folder.path)"
        let redacted = config.redactor.redact(line)
        #expect(!redacted.contains("yt-env-key-99"))
        #expect(!redacted.contains("fb-file-token-42"))
        // The folder of the secret file is not itself a secret.
        #expect(redacted.contains(folder.path))
    }

    @Test(arguments: [
        ("sources:\n  youtube: {platform: youtub, api-key: x1234}", 2, "did you mean `youtube`?"),
        ("sources:\n  youtube: {platform: youtube}", 2, "needs `api-key`"),
        ("sources:\n  tube: {platform: peertube}", 2, "needs `base-url`"),
        ("sources:\n  fb: {platform: facebook, access-token: \"file:/nonexistent/token\"}", 2, "cannot read the secret file"),
        ("settings: {timeout: soon}\nsources: {}", 1, "`timeout` must be a time span"),
        ("settings: {concurency: 4}\nsources: {}", 1, "did you mean `concurrency`?"),
        ("sources:\n  x: {platform: generic, figure: views, url: \"http://h/v\", value: /v}", 2, "needs an `{id}` placeholder"),
        ("sources:\n  x: {platform: generic, figure: views, url: \"http://h/{id}\", value: v}", 2, "JSON Pointer"),
        ("sources:\n  x: {platform: generic, url: \"http://h/{id}\", value: /v}", 2, "needs `figure: views` (a cumulative count"),
        ("sources:\n  x: {platform: generic, figure: audience, url: \"http://h/{id}\", value: /v}", 2, "`figure` must be `views` or `viewers`, found `audience`"),
        ("sources:\n  tw: {platform: twitch, figure: views, client-id: c, access-token: t}", 2, "`figure` is for generic sources"),
        ("sources:\n  yt: {platform: youtube, api-key: k3y-for-test, login: me}", 2, "`login` is for twitch sources"),
        ("sources:\n  tube: {platform: peertube, base-url: \"file:///etc\"}", 2, "`base-url` must be an http:// or https:// address; `file` is not allowed"),
        ("sources:\n  x: {platform: generic, figure: views, url: \"ftp://127.0.0.1/{id}\", value: /v}", 2, "`url` must be an http:// or https:// address; `ftp`"),
    ])
    func badSourcesFilesSayWhereAndWhat(_ text: String, _ line: Int, _ words: String) throws {
        let error = try #require(throws: InputFileError.self) {
            try SourcesConfigLoader.parse(text, file: "s.yaml", environment: [:])
        }
        #expect(error.diagnostics.first?.location.line == line, "\(error.diagnostics)")
        #expect(error.diagnostics.contains { $0.message.contains(words) }, "\(error.diagnostics)")
    }

    @Test func theShippedExampleLoadsWithItsSecretsSet() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".config/streamreach"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "token-abcdef".write(to: folder.appendingPathComponent(".config/streamreach/facebook-token"), atomically: true, encoding: .utf8)
        let config = try SourcesConfigLoader.load(path: Fixtures.schedule("fruchthalle-2020.sources.yaml"),
                                                 environment: ["YOUTUBE_API_KEY": "key-123456",
                                                               "CREDENTIALS_DIRECTORY": folder.appendingPathComponent(".config/streamreach").path])
        #expect(Set(config.sources.keys) == ["youtube", "facebook"])
        #expect(config.transfer.concurrency == 16)
        #expect(config.deadlineSeconds == 900)
        #expect(config.sources["facebook"]?.requestsPerSecond == 3)
    }

    /// Stream ids are percent-encoded as RFC 3986 says: only ASCII letters, digits and -._~
    /// stay as they are, so a non-ASCII id cannot put raw UTF-8 into a URL.
    @Test func streamIdsArePercentEncodedInURLs() throws {
        let config = try TestProgramme.sources("""
            tube: {platform: peertube, base-url: "http://127.0.0.1:9"}
            yt: {platform: youtube, api-key: k3y-for-test, base-url: "http://127.0.0.1:9"}
            """)
        let single = try #require(config.sources["tube"]).requests(for: ["a b/é~1"])
        #expect(single.map(\.request.url) == ["http://127.0.0.1:9/api/v1/videos/a%20b%2F%C3%A9~1"])
        let batched = try #require(config.sources["yt"]).requests(for: ["x&y", "z"])
        #expect(batched.count == 1)
        #expect(batched[0].request.url.contains("id=x%26y,z&"), "\(batched[0].request.url)")
        #expect(batched[0].ids == ["x&y", "z"])
        // The unreserved characters pass as they are; their neighbours in ASCII do not.
        #expect(SourceSpec.encode("AZaz09-._~") == "AZaz09-._~")
        for (raw, encoded) in [("@", "%40"), ("[", "%5B"), ("`", "%60"), ("{", "%7B"), ("/", "%2F"), (":", "%3A"), ("\u{7F}", "%7F")] {
            #expect(SourceSpec.encode("v\(raw)1") == "v\(encoded)1")
        }
    }

    /// Each preset reads each figure its platform has, and a generic source the one it names:
    /// the nightly job's count and the live viewers never share a reading.
    @Test func everyPlatformsFiguresAreKeptApart() throws {
        let config = try TestProgramme.sources("""
            yt: {platform: youtube, api-key: k3y-for-test}
            fb: {platform: facebook, access-token: t0ken-for-test}
            fblive: {platform: facebook-live, access-token: t0ken-for-test}
            vimeo: {platform: vimeo, access-token: t0ken-for-test}
            tw: {platform: twitch, client-id: c1ient-for-test, access-token: t0ken-for-test, login: fruchthalle_kl}
            tw2: {platform: twitch, client-id: c1ient-for-test, access-token: t0ken-for-test}
            tube: {platform: peertube, base-url: "http://127.0.0.1:9"}
            cast: {platform: owncast, base-url: "http://127.0.0.1:9"}
            counter: {platform: generic, figure: views, url: "http://127.0.0.1:9/{id}", value: /views}
            gauge: {platform: generic, figure: viewers, url: "http://127.0.0.1:9/{id}", value: /now}
            """)
        #expect(Set(config.sources.keys) == ["yt", "fb", "vimeo", "tw", "tw2", "tube", "counter"])
        #expect(Set(config.viewerSources.keys) == ["yt", "fblive", "tw", "tube", "cast", "gauge"])
        #expect(config.sources.values.allSatisfy { $0.figure == .views })
        #expect(config.viewerSources.values.allSatisfy { $0.figure == .viewers })
        // Twitch's live viewers are the channel's, read by its login: without one, none.
        #expect(config.liveIDs == ["tw": "fruchthalle_kl"])
        // Twitch: views of recordings by video id; viewers of live channels by login.
        #expect(config.sources["tw"]?.requests(for: ["123"]).first?.request.url == "https://api.twitch.tv/helix/videos?first=100&id=123")
        #expect(config.viewerSources["tw"]?.requests(for: ["fruchthalle"]).first?.request.url
            == "https://api.twitch.tv/helix/streams?first=100&user_login=fruchthalle")
        #expect(config.sources["yt"]?.value.description == "/statistics/viewCount")
        #expect(config.viewerSources["yt"]?.value.description == "/liveStreamingDetails/concurrentViewers")
        #expect(config.viewerSources["tube"]?.value.description == "/viewers")
        for channel in ["fblive", "cast", "gauge"] { #expect(config.configures(channel)) }
        #expect(!config.configures("elsewhere"))
    }
}
