import Foundation
import Testing
@testable import StreamReachKit

/// A regular file is read in one piece and a pipe through the handle; both keep to the
/// size limit and give the same text.
@Suite struct InputFileTextTests {
    static let text = "series: {title: Ü, first-day: 2020-03-23, weeks: 1}\n"

    @Test func aFileUpToTheLimitIsReadWholeAndOneByteMoreIsRefused() throws {
        let path = try ScratchFolder.file(Self.text, suffix: ".yaml")
        let size = Self.text.utf8.count
        #expect(try InputFileText.read(path: path, limitBytes: size) == Self.text)
        let error = try #require(throws: InputFileError.self) { try InputFileText.read(path: path, limitBytes: size - 1) }
        #expect(error.diagnostics.first?.message.hasPrefix("file is larger than") == true)
    }

    @Test func aPipeIsReadToItsEndAndKeepsToTheLimit() throws {
        #expect(try readThroughPipe(Self.text, limitBytes: Self.text.utf8.count) == Self.text)
        let error = try #require(throws: InputFileError.self) {
            try readThroughPipe(Self.text, limitBytes: Self.text.utf8.count - 1)
        }
        #expect(error.diagnostics.first?.message.hasPrefix("file is larger than") == true)
    }

    /// Reads `text` from a named pipe that another thread writes.
    private func readThroughPipe(_ text: String, limitBytes: Int) throws -> String {
        let path = ScratchFolder.path("pipe")
        try #require(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            // The reader may stop at its limit: a write into a closed pipe must not kill the test.
            signal(SIGPIPE, SIG_IGN)
            try? handle.write(contentsOf: Data(text.utf8))
            try? handle.close()
        }
        writer.start()
        return try InputFileText.read(path: path, limitBytes: limitBytes)
    }
}
