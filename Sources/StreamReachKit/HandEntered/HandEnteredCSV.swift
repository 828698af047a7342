import CSV

/// A CSV file typed or exported by a person (hand-entered figures, donations), read into
/// rows by column name, with the line of each row for messages.
///
/// Files from spreadsheets: Excel's "CSV UTF-8" starts with a byte-order mark, and a
/// German Excel separates columns with semicolons. The header row says which.
struct HandEnteredCSV {
    struct Row {
        let line: Int
        fileprivate let fields: [String]
        fileprivate let index: [String: Int]

        /// The row's field of that column, trimmed; empty when the column or field is missing.
        subscript(column: String) -> String {
            index[column].flatMap { $0 < fields.count ? fields[$0] : nil } ?? ""
        }
    }

    let rows: [Row]
    /// Syntax errors after the header (the rows before them are read).
    let problems: [Diagnostic]

    /// Throws when the file is not CSV or its header lacks a `required` column.
    init(_ original: String, file: String, required: [String]) throws {
        let text = original.hasPrefix("\u{FEFF}") ? String(original.dropFirst()) : original
        let header = text.prefix { !$0.isNewline } // "\r\n" is one Character, and a newline
        let delimiter: UnicodeScalar = header.contains(";") && !header.contains(",") ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        } catch {
            throw InputFileError(SourceLocation(file: file, line: 1, column: 1), "not readable as CSV: \(error)")
        }
        let columnNames = (reader.headerRow ?? []).map { $0.lowercased() }
        let missing = required.filter { !columnNames.contains($0) }
        guard missing.isEmpty else {
            throw InputFileError(SourceLocation(file: file, line: 1, column: 1),
                                 "the header needs the columns \(required.joined(separator: ",")); missing: \(missing.joined(separator: ", "))")
        }
        let index = Dictionary(columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            rows.append(Row(line: line, fields: fields, index: index))
        }
        self.rows = rows
        self.problems = reader.error.map { [Diagnostic(SourceLocation(file: file, line: line + 1, column: 1), "CSV syntax: \($0)")] } ?? []
    }
}
