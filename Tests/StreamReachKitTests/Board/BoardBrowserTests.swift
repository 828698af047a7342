import Foundation
import Testing
@testable import StreamReachBoard
@testable import StreamReachKit

/// The served board in a real headless Chromium (Tests/validators/check_board.py), on an
/// address other machines could reach, so behind its token: signed in by a login link,
/// headline figures on the first screen, nothing sideways on a phone, no console error, no
/// request elsewhere, a stored live figure on screen within 3 s, and without JavaScript the
/// latest figures still. Screenshots go to .build/test-artifacts/ (not committed).
@Suite struct BoardBrowserTests {
    @Test func aPersonSeesTheBoardAndItsLiveFigures() async throws {
        let history = try await History.standard(
            titles: ["a": "Günter Werno & Manuel Lothschütz: an evening of songs without words, and a few with"],
            channelNames: ["fb": "Facebook page of the Digitalagentur Kaiserslautern (live and recordings)"])
        try await history.store.recordAudience(programme: "hist", [
            AudienceSample(eventID: "a", channelID: "yt", streamID: "yt-a", observedAt: BoardServerTests.evening.addingTimeInterval(-60),
                           viewers: 37, origin: .live),
        ])
        let board = try await BoardUnderTest.start([history.programme], store: history.store,
                                                   clock: SimulatedWallClock(start: BoardServerTests.evening)) {
            $0.bind = BoardBind(host: "0.0.0.0", port: 0)
            $0.access = .token("browser-test-token-0123456789")
        }
        defer { Task { await board.stop() } }
        let handshake = FileManager.default.temporaryDirectory.appendingPathComponent("board-browser-\(UUID())")
        try FileManager.default.createDirectory(at: handshake, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: handshake) }
        try FileManager.default.createDirectory(atPath: ReportPageBrowserTests.artifacts, withIntermediateDirectories: true)

        async let check = PythonValidator.script("check_board.py", board.baseURL, ReportPageBrowserTests.artifacts, handshake.path,
                                                 try #require(board.loginLink()), try #require(board.loginLink()), "4,321")
        // When the page is open, store a new figure, as the live poller would, and say when.
        let ready = handshake.appendingPathComponent("ready").path
        for _ in 0..<900 where !FileManager.default.fileExists(atPath: ready) { try await Task.sleep(for: .milliseconds(50)) }
        if FileManager.default.fileExists(atPath: ready) {
            try await history.store.recordAudience(programme: "hist", [
                AudienceSample(eventID: "a", channelID: "yt", streamID: "yt-a", observedAt: BoardServerTests.evening, viewers: 4_321, origin: .live),
            ])
            try String(Date().timeIntervalSince1970).write(to: handshake.appendingPathComponent("stored"), atomically: true, encoding: .utf8)
        }
        let result = try await check
        #expect(result.output.hasPrefix("ok"), "\(result.output)")
    }
}
