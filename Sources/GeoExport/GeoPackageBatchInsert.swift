internal import GRDBSQLite
import GRDB
import GeoCore

/// Inserts rows through GRDB statements that each hold several rows
/// (`INSERT ... VALUES (...), (...), ...`), binding values with SQLite's own bind
/// functions on the GRDB statement's handle.
///
/// Why: building a `StatementArguments` of `DatabaseValue`s per row cost more than SQLite's
/// insert itself (half of a GeoPackage build of a million rows), and one statement per row
/// pays the step overhead and the `sqlite_sequence` update of an AUTOINCREMENT table per row.
/// GRDB still prepares, resets, executes and finalizes every statement; only binding
/// happens here, and it is the one place in GeoExport that calls SQLite directly.
/// The corresponding C functions are `sqlite3_bind_int64`, `sqlite3_bind_double`,
/// `sqlite3_bind_text`, `sqlite3_bind_blob`, `sqlite3_bind_null` and `sqlite3_reset`.
final class GeoPackageBatchInsert {
    private let db: Database
    private let prefix: String
    private let columns: Int
    private let rowsPerStatement: Int
    /// The statement being filled: one of `rowsPerStatement` rows, or a last one holding
    /// the rows that remain.
    private var current: Statement
    private var handle: OpaquePointer
    private var rowsInCurrent: Int
    private var remainingRows: Int
    /// Parameter index (1-based) of the next value.
    private var next: CInt = 1
    private var pendingRows = 0

    /// `prefix` is the SQL before `VALUES`; `rows` rows of `columns` values each follow.
    init(db: Database, prefix: String, columns: Int, rows: Int, rowsPerStatement: Int) throws {
        precondition(columns > 0 && rowsPerStatement > 0 && rows >= 0)
        self.db = db
        self.prefix = prefix
        self.columns = columns
        // SQLite's limit on parameters is 32766 since 3.32, 999 before.
        self.rowsPerStatement = max(1, min(rowsPerStatement, 999 / columns))
        remainingRows = rows
        rowsInCurrent = max(1, min(rows, self.rowsPerStatement))
        current = try GeoPackageBatchInsert.statement(db, prefix, columns, rowsInCurrent)
        handle = current.sqliteStatement
    }

    private static func statement(_ db: Database, _ prefix: String, _ columns: Int, _ rows: Int) throws -> Statement {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        let statement = try db.makeStatement(sql: prefix + " VALUES "
                                                + Array(repeating: row, count: rows).joined(separator: ","))
        // Marks the arguments as bound, so `execute()` only resets the statement and keeps
        // the values bound here.
        statement.setUncheckedArguments(StatementArguments(Array(repeating: DatabaseValue.null,
                                                                  count: columns * rows)))
        try reset(statement)
        return statement
    }

    private static func reset(_ statement: Statement) throws {
        let code = sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bindNull() { sqlite3_bind_null(handle, next); next += 1 }

    func bind(_ value: Int64) { sqlite3_bind_int64(handle, next, value); next += 1 }

    /// Non-finite values are stored as NULL (unknown).
    func bind(_ value: Double) {
        if value.isFinite { sqlite3_bind_double(handle, next, value) } else { sqlite3_bind_null(handle, next) }
        next += 1
    }

    func bind(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            // A non-null pointer even for "", so the value is an empty text, not NULL.
            let base = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
            sqlite3_bind_text(handle, next, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                              GeoPackageBatchInsert.transient)
        }
        next += 1
    }

    func bind(blob: [UInt8]) {
        _ = blob.withUnsafeBytes { raw in
            sqlite3_bind_blob(handle, next, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(raw.count),
                              GeoPackageBatchInsert.transient)
        }
        next += 1
    }

    func bind(_ value: PropertyValue) {
        switch value {
        case .null: bindNull()
        case .integer(let v): bind(Int64(v))
        case .real(let v): bind(v)
        case .text(let v), .date(let v): bind(v)
        case .boolean(let v): bind(Int64(v ? 1 : 0))
        }
    }

    /// Ends a row; the statement is executed when all its rows are bound.
    func endRow() throws {
        precondition(remainingRows > 0, "more rows than announced")
        pendingRows += 1
        precondition(Int(next) - 1 == pendingRows * columns, "a row with a wrong number of values")
        guard pendingRows == rowsInCurrent else { return }
        try current.execute()
        remainingRows -= pendingRows
        pendingRows = 0
        next = 1
        if remainingRows > 0 && remainingRows < rowsInCurrent {
            rowsInCurrent = remainingRows
            current = try GeoPackageBatchInsert.statement(db, prefix, columns, rowsInCurrent)
            handle = current.sqliteStatement
        } else {
            try GeoPackageBatchInsert.reset(current)
        }
    }

    /// Checks that every announced row was inserted.
    func finish() {
        precondition(remainingRows == 0 && pendingRows == 0, "fewer rows than announced")
    }
}
