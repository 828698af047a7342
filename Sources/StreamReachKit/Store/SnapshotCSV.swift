import Foundation

/// Reads `observed_at,event,channel,value` CSV for ``SQLiteImport``: observed_at in
/// Unix seconds or ISO 8601, value empty for "absent"; RFC 4180 quoting allowed.
///
/// Written by hand, not with CSV.swift (used for the small hand-entered files): this is the
/// hot path of ten-million-row imports, and CSV.swift's stream reader both walks Unicode
/// scalars through an iterator chain (a fifth of the import's time) and, on Linux, reports
/// a false read error at the end of a file. Here bytes are split in 1 MiB chunks.
package enum SnapshotCSV {
    package static func read(path: String, into emit: (SnapshotRow) throws -> Void) throws {
        var parser = LineParser(path: path)
        try forEachLine(of: path, chunkBytes: 1 << 20) { line in
            try parser.line(line, emit: emit)
            return true
        }
        guard parser.sawHeader else { throw noHeader(path) }
    }

    /// Checks the file's header without reading its rows: a command can refuse the wrong
    /// file before it opens (and so creates) a store, where ``read(path:into:)`` runs
    /// inside the import's transaction. The same checks and messages as there.
    package static func checkHeader(path: String) throws {
        var parser = LineParser(path: path)
        try forEachLine(of: path, chunkBytes: 1 << 16) { line in
            try parser.line(line, emit: { _ in })
            return !parser.sawHeader
        }
        guard parser.sawHeader else { throw noHeader(path) }
    }

    /// Hands `body` each line without its newline (a newline inside quotes belongs to the
    /// line), reading `chunkBytes` at a time, until `body` says to stop or the file ends.
    private static func forEachLine(of path: String, chunkBytes: Int, _ body: (ArraySlice<UInt8>) throws -> Bool) throws {
        let handle = try open(path)
        defer { try? handle.close() }
        var pending: [UInt8] = []
        while let chunk = try handle.read(upToCount: chunkBytes), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            // Only whole lines outside quotes are handed on; the rest waits for the next chunk.
            var inQuotes = false
            for index in pending.indices {
                let byte = pending[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if byte == UInt8(ascii: "\n"), !inQuotes {
                    guard try body(pending[start..<index]) else { return }
                    start = index + 1
                }
            }
            pending.removeSubrange(pending.startIndex..<start)
        }
        if !pending.isEmpty { _ = try body(pending[...]) }
    }

    private static func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputFileError(SourceLocation(file: path, line: 1, column: 1), "cannot be opened for reading")
        }
        return handle
    }

    private static func noHeader(_ path: String) -> InputFileError {
        InputFileError(SourceLocation(file: path, line: 1, column: 1), "file is empty; expected a header row")
    }

    /// Reads one line at a time: the header first, then one row per line.
    private struct LineParser {
        let path: String
        private(set) var sawHeader = false
        private var number = 0

        init(path: String) { self.path = path }

        mutating func line(_ raw: ArraySlice<UInt8>, emit: (SnapshotRow) throws -> Void) throws {
            number += 1
            var bytes = raw
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            guard !bytes.isEmpty else { return }
            let fields = try SnapshotCSV.splitFields(bytes, path: path, line: number)
            guard sawHeader else {
                guard fields.map({ String(decoding: $0, as: UTF8.self).lowercased() }).starts(with: ["observed_at", "event", "channel", "value"]) else {
                    throw fail("the header must be observed_at,event,channel,value")
                }
                sawHeader = true
                return
            }
            let row = try self.row(fields)
            do {
                try emit(row)
            } catch let error as SnapshotImportError {
                throw fail(error.message)
            }
        }

        private func row(_ fields: [ArraySlice<UInt8>]) throws -> SnapshotRow {
            guard fields.count >= 4 else { throw fail("needs 4 fields, found \(fields.count)") }
            guard let time = SnapshotCSV.integer(fields[0]) ?? InternetTime.date(from: String(decoding: fields[0], as: UTF8.self)).map({ Int64($0.timeIntervalSince1970) }) else {
                throw fail("observed_at `\(String(decoding: fields[0], as: UTF8.self))` is neither Unix seconds nor an ISO 8601 time")
            }
            let value: Int64?
            if fields[3].isEmpty {
                value = nil
            } else if let number = SnapshotCSV.integer(fields[3]) {
                value = number
            } else {
                throw fail("value `\(String(decoding: fields[3], as: UTF8.self))` is not a count (a whole number ≥ 0, or empty for absent)")
            }
            return SnapshotRow(observedAt: time, event: String(decoding: fields[1], as: UTF8.self),
                               channel: String(decoding: fields[2], as: UTF8.self), value: value)
        }

        private func fail(_ message: String) -> InputFileError {
            InputFileError(SourceLocation(file: path, line: number, column: 1), message)
        }
    }

    /// Non-negative decimal, no sign, at most 18 digits (no overflow possible).
    fileprivate static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    fileprivate static func splitFields(_ line: ArraySlice<UInt8>, path: String, line number: Int) throws -> [ArraySlice<UInt8>] {
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(4)
        var index = line.startIndex
        while true {
            if index < line.endIndex, line[index] == UInt8(ascii: "\"") {
                // A quoted field: "" inside stands for one quote.
                var unquoted: [UInt8] = []
                index += 1
                while true {
                    guard index < line.endIndex else {
                        throw InputFileError(SourceLocation(file: path, line: number, column: 1), "a quoted field is not closed")
                    }
                    if line[index] == UInt8(ascii: "\"") {
                        if index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "\"") {
                            unquoted.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    unquoted.append(line[index])
                    index += 1
                }
                fields.append(unquoted[...])
            } else {
                let end = line[index...].firstIndex(of: UInt8(ascii: ",")) ?? line.endIndex
                fields.append(line[index..<end])
                index = end
            }
            guard index < line.endIndex else { break }
            index += 1 // the comma
            if index == line.endIndex { fields.append([]); break }
        }
        return fields
    }
}
