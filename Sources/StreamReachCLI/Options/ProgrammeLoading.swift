import ArgumentParser
import Foundation
import StreamReachKit

/// Loads the programme for a subcommand, turning a bad file into exit 65 with every problem
/// printed as `file:line:column: message` on stderr.
func loadProgramme(_ path: String) throws -> Programme {
    do {
        return try ProgrammeLoader.load(path: path)
    } catch let error as InputFileError {
        printError(error.errorDescription ?? "\(error)")
        throw ExitCode(ExitStatus.dataError.rawValue)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.split(separator: "\n").map { "error: \($0)" }.joined(separator: "\n") + "\n").utf8))
}

extension ExitCode {
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
