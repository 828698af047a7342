import ArgumentParser
import Foundation
import StreamReachKit

/// Loads the programme for a subcommand. A bad file throws ``InputFileError``, which
/// `StreamReach.main` prints as `file:line:column: message` lines and turns into exit 65.
func loadProgramme(_ path: String) throws -> Programme {
    try ProgrammeLoader.load(path: path)
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.split(separator: "\n").map { "error: \($0)" }.joined(separator: "\n") + "\n").utf8))
}

extension ExitCode {
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
