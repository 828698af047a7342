import Foundation
import Testing
@testable import StreamReachKit

/// `streamreach serve` as systemd runs it: JSON logs without the token, live clients told
/// to reconnect on SIGTERM, exit 0; and a refusal to expose the board by accident.
@Suite struct ServeCommandTests {
    @Test func anExposedAddressWithoutATokenIsRefusedWithUsage() async throws {
        let result = try await CLIRunner.run(["serve", "Schedules/fruchthalle-2020.yaml", "--db", "/nonexistent/x.sqlite", "--bind", "0.0.0.0:0"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--token") && result.stderr.contains("--public"), "\(result.stderr)")
        let short = try await CLIRunner.run(["serve", "Schedules/fruchthalle-2020.yaml", "--token", "short"])
        #expect(short.status == 64 && short.stderr.contains("at least 16 characters"), "\(short.stderr)")
    }

    @Test func sigtermTellsLiveClientsToReconnectAndExitsZero() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("board.sqlite").path
        let store = try SQLiteStore(path: database)
        let history = try await History.standard(store: store)
        store.close()
        let programme = folder.appendingPathComponent("hist.yaml").path
        try history.programmeText.write(toFile: programme, atomically: true, encoding: .utf8)
        let token = "a-token-that-must-never-be-logged"

        // ChildProcess, not Foundation's Process: see why there.
        let child = try ChildProcess(CLIRunner.binary, ["serve", programme, "--db", database, "--bind", "127.0.0.1:0", "--log-format", "json"],
                                     environment: ProcessInfo.processInfo.environment.merging(["STREAMREACH_BOARD_TOKEN": token]) { $1 },
                                     stdout: .pipe, stderr: .pipe)
        // The first log line says where it listens (port 0: the system chose).
        let firstLine = try await OffPool.run { () -> String in
            var text = ""
            while !text.contains("\n") {
                let data = child.readSomeError()
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            return text
        }
        let record = try #require(try JSONSerialization.jsonObject(with: Data(firstLine.split(separator: "\n")[0].utf8)) as? [String: String],
                                  "a JSON log line: \(firstLine)")
        #expect(record["message"] == "serving the board" && record["level"] == "notice" && record["access"] == "token")
        let address = try #require(record["address"])
        let port = try #require(Int(address.split(separator: ":").last?.filter(\.isNumber) ?? ""))

        let client = try EventStreamClient(port: port, headers: ["Authorization: Bearer \(token)"])
        #expect(try await client.read(until: "event: live", seconds: 5), "\(client.received)")
        child.signal(SIGTERM)
        #expect(try await client.read(until: "event: reconnect", seconds: 5), "told to reconnect: \(client.received)")
        #expect(client.received.contains("retry: 3000"))
        let rest = try await OffPool.run { String(decoding: child.readError(), as: UTF8.self) }
        let status = try await OffPool.run { child.wait() }
        #expect(status == 0, "exit 0, not a signal: \(rest)")
        let log = firstLine + rest
        #expect(!log.contains(token), "the token is never logged")
        for line in log.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "every line is JSON: \(line)")
        }
        #expect(log.contains("board stopped"))
        #expect(child.readOutput().isEmpty)
    }
}
