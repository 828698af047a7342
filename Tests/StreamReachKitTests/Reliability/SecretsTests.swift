import Foundation
import Testing
@testable import StreamReachKit

/// A recognisable secret, planted in the environment and in a secret file, must show up in
/// no output of any command, no metrics file, no report and no database file.
@Suite struct SecretsTests {
    static let environmentSecret = "ENV-SECRET-6b1f0c9e2d"
    static let fileSecret = "FILE-SECRET-a83e77d410"

    @Test func noSecretLeavesTheProcess() async throws {
        let server = try await StubServer.start { request in
            switch request.path {
            case "/youtube/v3/videos":
                // The server even echoes the key back in its error, as some APIs do.
                return request.countForPath == 1
                    ? .json(#"{"error": {"code": 400, "message": "API key \#(request.query("key") ?? "") not valid", "errors": [{"reason": "badRequest"}]}}"#, status: 400)
                    : .fixture("youtube-videos.json")
            default:
                return .json(#"{"error": {"message": "token \#(request.query("access_token") ?? "") expired", "code": 190}}"#, status: 400)
            }
        }
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenFile = folder.appendingPathComponent("token").path
        try Self.fileSecret.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let programme = folder.appendingPathComponent("p.yaml").path
        let sources = folder.appendingPathComponent("s.yaml").path
        let database = folder.appendingPathComponent("db.sqlite").path
        let metrics = folder.appendingPathComponent("m.prom").path
        try """
            series: {id: sec, title: Secrets, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2}
            stages: [{id: hall}]
            channels: [{id: youtube, platform: youtube}, {id: facebook, platform: facebook}]
            events:
              - {id: a, title: A, kind: concert, start: "2020-03-24 17:00", streams: {youtube: krauJecXeGS, facebook: "1001"}}
            """.write(toFile: programme, atomically: true, encoding: .utf8)
        try """
            settings: {max-attempts: 1}
            sources:
              youtube: {platform: youtube, api-key: "${PLANTED_KEY}", base-url: "\(server.baseURL)"}
              facebook: {platform: facebook, access-token: "file:\(tokenFile)", base-url: "\(server.baseURL)/v19.0"}
            """.write(toFile: sources, atomically: true, encoding: .utf8)
        let environment = ["PLANTED_KEY": Self.environmentSecret]
        let collect = ["collect", programme, "--sources", sources, "--db", database]
        var outputs: [CLIRunner.Result] = []
        outputs.append(try await CLIRunner.run(collect + ["--verbose", "--prom", metrics, "--now", "2020-03-25T02:00:00Z"], environment: environment))
        outputs.append(try await CLIRunner.run(collect + ["--summary", "--format", "json", "--now", "2020-03-26T02:00:00Z"], environment: environment))
        outputs.append(try await CLIRunner.run(collect + ["--dry-run", "--verbose"], environment: environment))
        outputs.append(try await CLIRunner.run(["runs", "--db", database, "--format", "json"]))
        for format in ["text", "md", "html", "csv", "json", "prom"] {
            outputs.append(try await CLIRunner.run(["report", programme, "--db", database, "--all", "--format", format]))
        }
        // The secrets did reach the server: the test would prove nothing otherwise.
        #expect(server.requests.contains { $0.query("key") == Self.environmentSecret })
        #expect(server.requests.contains { $0.query("access_token") == Self.fileSecret })
        #expect(outputs[0].stderr.contains("failed: "))

        var texts = outputs.flatMap { [$0.stdout, $0.stderr] }
        texts.append(try String(contentsOfFile: metrics, encoding: .utf8))
        for text in texts {
            #expect(!text.contains(Self.environmentSecret))
            #expect(!text.contains(Self.fileSecret))
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasPrefix("db.sqlite") {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Self.environmentSecret.utf8)) == nil, "secret in \(file)")
            #expect(bytes.range(of: Data(Self.fileSecret.utf8)) == nil, "secret in \(file)")
        }
    }
}
