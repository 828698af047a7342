import Foundation
import Testing
@testable import StreamReachKit

/// The libcurl engine itself, below the collector and the sources loader.
@Suite struct TransferEngineTests {
    /// The sources loader refuses non-HTTP addresses, but the engine must not rely on it:
    /// libcurl is told to speak HTTP(S) only, for the first request as for redirects.
    @Test(arguments: ["file:///etc/hostname", "ftp://127.0.0.1:{port}/views", "gopher://127.0.0.1:{port}/"])
    func onlyHTTPIsEverSpoken(_ template: String) async throws {
        let refusing = try RefusingPort()
        let url = template.replacingOccurrences(of: "{port}", with: String(refusing.port))
        let records = try await HTTPFetcher(options: TransferOptions())
            .fetch([TransferJob(id: 0, request: HTTPRequest(url: url))], within: .seconds(10)) { _, _, _ in .done }
        withExtendedLifetime(refusing) {}
        guard case .failure(let failure)? = records.first?.result else {
            Issue.record("\(url) was fetched: \(String(describing: records.first?.result))")
            return
        }
        #expect(failure.kind == .protocolNotAllowed, "\(failure.message)")
    }

    @Test func everyJobGetsExactlyOneRecord() async throws {
        let server = try await StubServer.start { _ in .json(#"{"views": 1}"#) }
        defer { Task { await server.stop() } }
        var options = TransferOptions()
        options.concurrency = 3
        let jobs = (0..<25).map { TransferJob(id: $0, request: HTTPRequest(url: "\(server.baseURL)/api/v1/videos/v\($0)")) }
        let records = try await HTTPFetcher(options: options).fetch(jobs, within: .seconds(20)) { _, _, _ in .done }
        #expect(records.map(\.jobID).sorted() == Array(0..<25))
        #expect(server.requests.count == 25)
    }
}
