import Foundation

/// One problem found in an input file, at the place it was found.
package struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    package let location: SourceLocation
    package let message: String

    package init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    package var description: String { "\(location): \(message)" }
}

/// An input file (programme, sources config, CSV import) that could not be read or understood.
///
/// It carries every problem found, not only the first, so one edit-run cycle fixes them all.
package struct InputFileError: Error, LocalizedError, ExitStatusReporting, Sendable {
    package let diagnostics: [Diagnostic]
    /// Bad data (65) for programmes and imports; configuration (78) for the sources file.
    package private(set) var exitStatus = ExitStatus.dataError

    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// The same problems, reported as a configuration error.
    package func asConfiguration() -> InputFileError {
        var copy = self
        copy.exitStatus = .configError
        return copy
    }

    package init(_ location: SourceLocation, _ message: String) {
        self.init([Diagnostic(location, message)])
    }

    package var errorDescription: String? {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Reads an input file as UTF-8 text, refusing what cannot be one (too large, binary).
package enum InputFileText {
    package static func read(path: String, limitBytes: Int = 8 << 20) throws -> String {
        let start = SourceLocation(file: path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputFileError(start, "no such file; check the path")
        }
        guard !isDirectory.boolValue else { throw InputFileError(start, "is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputFileError(start, "cannot be opened for reading (permissions?)")
        }
        defer { try? handle.close() }
        let data: Data
        var status = stat()
        if fstat(handle.fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= limitBytes {
            // A file of known size, in one read: FileHandle reads 4 KiB at a time, 361 calls
            // and as many reallocations for a 1.5 MB programme.
            data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        } else {
            // A pipe, a device or a huge file: one byte past the limit, so a huge one is
            // refused without loading it whole.
            data = (try? handle.read(upToCount: limitBytes + 1)) ?? Data()
        }
        guard data.count <= limitBytes else {
            throw InputFileError(start, "file is larger than \(limitBytes >> 20) MiB; this is not a programme or config file")
        }
        return try decode(data, file: path)
    }

    package static func decode(_ data: Data, file: String) throws -> String {
        // The NUL check on bytes: String.contains goes through Foundation's string search,
        // which cost a tenth of loading a large programme.
        let hasNUL = data.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
        if !hasNUL, let text = String(validating: data, as: UTF8.self) {
            return text
        }
        var line = 1
        var column = 1
        var pendingContinuations = 0
        // A small UTF-8 walk, only to point at the first byte that is not text.
        scan: for byte in data {
            if pendingContinuations > 0 {
                guard byte & 0xC0 == 0x80 else { break scan }
                pendingContinuations -= 1
                continue
            }
            switch byte {
            case 0x0A: line += 1; column = 0
            case 0x01...0x7F: break
            case 0xC2...0xDF: pendingContinuations = 1
            case 0xE0...0xEF: pendingContinuations = 2
            case 0xF0...0xF4: pendingContinuations = 3
            default: break scan
            }
            column += 1
        }
        throw InputFileError(SourceLocation(file: file, line: line, column: column),
                             "not UTF-8 text (binary data?); save the file as UTF-8")
    }
}
