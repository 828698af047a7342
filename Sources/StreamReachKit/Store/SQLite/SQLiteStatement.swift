import GRDB
internal import GRDBSQLite

/// One prepared statement of a hot loop, bound through SQLite's C API.
///
/// GRDB's `StatementArguments` box every value on every call, which cost more than
/// SQLite's own insert in the per-snapshot loops of a run and of an import; this binds
/// integers and text directly. Only for statements that run thousands of times.
struct SQLiteStatement {
    private let statement: Statement
    private let connection: OpaquePointer?

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection
    }

    /// Binds `values` in order (nil as NULL) and runs the statement once.
    func run(_ values: SQLiteBindable?...) throws {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case nil: sqlite3_bind_null(raw, index)
            case let number as Int64: sqlite3_bind_int64(raw, index, number)
            case let number as Int: sqlite3_bind_int64(raw, index, Int64(number))
            case let text as String: _ = text.withCString { sqlite3_bind_text(raw, index, $0, -1, SQLITE_TRANSIENT) }
            default: sqlite3_bind_null(raw, index)
            }
        }
        try step(raw)
    }

    /// The import's one statement per row, with its shape spelled out: no array, no
    /// existential boxes (they were a tenth of a ten-million-row import).
    func run(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64?, _ text: StaticString) throws {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        sqlite3_bind_int64(raw, 1, a)
        sqlite3_bind_int64(raw, 2, b)
        sqlite3_bind_int64(raw, 3, c)
        if let d { sqlite3_bind_int64(raw, 4, d) } else { sqlite3_bind_null(raw, 4) }
        // A static string lives as long as the program: SQLite need not copy it.
        text.withUTF8Buffer { buffer in
            _ = sqlite3_bind_text(raw, 5, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil)
        }
        try step(raw)
    }

    private func step(_ raw: OpaquePointer?) throws {
        let code = sqlite3_step(raw)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }
}

/// What ``SQLiteStatement`` binds: whole numbers and text.
protocol SQLiteBindable {}
extension Int64: SQLiteBindable {}
extension Int: SQLiteBindable {}
extension String: SQLiteBindable {}

/// SQLite's "copy the text now" destructor, which the C macro spells as -1.
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
