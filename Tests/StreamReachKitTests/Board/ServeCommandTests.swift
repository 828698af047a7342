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

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["serve", programme, "--db", database, "--bind", "127.0.0.1:0", "--log-format", "json"]
        process.environment = ProcessInfo.processInfo.environment.merging(["STREAMREACH_BOARD_TOKEN": token]) { $1 }
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        // The first log line says where it listens (port 0: the system chose).
        let firstLine = try await OffPool.run { () -> String in
            var text = ""
            while !text.contains("\n") {
                let data = errors.fileHandleForReading.availableData
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
        process.terminate()
        #expect(try await client.read(until: "event: reconnect", seconds: 5), "told to reconnect: \(client.received)")
        #expect(client.received.contains("retry: 3000"))
        try await OffPool.run { process.waitUntilExit() }
        let rest = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(rest)")
        let log = firstLine + rest
        #expect(!log.contains(token), "the token is never logged")
        for line in log.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "every line is JSON: \(line)")
        }
        #expect(log.contains("board stopped"))
        #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
