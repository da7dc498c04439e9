import Foundation
import GRDB
import GRDBSQLite
import GeoCore

/// Inserts rows through statements that each hold several rows
/// (`INSERT ... VALUES (...), (...), ...`), binding values with SQLite's own
/// `sqlite3_bind_*` functions on the statement GRDB prepared.
///
/// Why: one statement per row paid the step overhead, and the `sqlite_sequence` update of
/// an AUTOINCREMENT table, once per row. And GRDB's `StatementArguments` boxes each value
/// in an existential, then converts it to a `DatabaseValue` and a C string: measured on a
/// million 28-column rows, that was 40% of writing a GeoPackage. Here a statement's values
/// are kept as plain slots, their text and blob bytes side by side in one buffer that stays
/// put while the statement runs, so SQLite reads them in place (`SQLITE_STATIC`). A struct,
/// not a class: a class's stored arrays are checked for exclusive access at run time on
/// every append, which cost 8% of writing a GeoPackage. The bytes are a `ByteBuffer`: an
/// array's `append(contentsOf:)` per value was a call into a generic entry point. The
/// slots are one allocation of a full statement's size: an array's `append` checked its
/// buffer's uniqueness and room for each of a row's fifty-odd values (callgrind: a hundred
/// uniqueness checks a row, half a percent of the main job's instructions).
struct GeoPackageBatchInsert: ~Copyable {
    /// One bound value; text and blobs point into `bytes`.
    private enum Slot {
        case null
        case integer(Int64)
        case real(Double)
        case text(start: Int, count: Int)
        case blob(start: Int, count: Int)
    }

    private let db: Database
    private let prefix: String
    private let columns: Int
    private let rowsPerStatement: Int
    /// The statement being filled: one of `rowsPerStatement` rows, or a last one holding
    /// the rows that remain.
    private var current: Statement
    private var rowsInCurrent: Int
    private var remainingRows: Int
    /// Room for a full statement's values; the first `slotCount` are bound.
    private let slots: UnsafeMutablePointer<Slot>
    private var slotCount = 0
    /// Starts with one unused byte, so it has an address even when every text is empty
    /// (SQLite reads a text bound from a null pointer as NULL, not as '').
    private var bytes = ByteBuffer(capacity: 1 << 16)
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
        slots = .allocate(capacity: columns * rowsInCurrent)
        bytes.append(0)
    }

    deinit { slots.deallocate() }

    private static func statement(_ db: Database, _ prefix: String, _ columns: Int, _ rows: Int) throws -> Statement {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return try db.makeStatement(sql: prefix + " VALUES " + Array(repeating: row, count: rows).joined(separator: ","))
    }

    /// Sets the next value of the statement; `endRow` checks each row's count.
    @inline(__always)
    private mutating func append(_ slot: Slot) {
        precondition(slotCount < columns * rowsInCurrent, "more values than the statement holds")
        (slots + slotCount).initialize(to: slot)
        slotCount += 1
    }

    mutating func bindNull() { append(.null) }

    mutating func bind(_ value: Int64) { append(.integer(value)) }

    /// Non-finite values are stored as NULL (unknown).
    mutating func bind(_ value: Double) { append(value.isFinite ? .real(value) : .null) }

    mutating func bind(_ value: String) {
        let start = bytes.count
        value.withUTF8Bytes { bytes.appendBytes($0) }
        append(.text(start: start, count: bytes.count - start))
    }

    mutating func bind(blob: [UInt8]) {
        append(.blob(start: bytes.count, count: blob.count))
        bytes.append(contentsOf: blob)
    }

    /// Binds the blob `write` appends, written straight into the statement's bytes.
    mutating func bindBlob<R>(_ write: (inout ByteBuffer) -> R) -> R {
        let start = bytes.count
        let result = write(&bytes)
        append(.blob(start: start, count: bytes.count - start))
        return result
    }

    mutating func bind(_ value: PropertyValue) {
        switch value {
        case .null: bindNull()
        case .integer(let v): bind(Int64(v))
        case .real(let v): bind(v)
        case .text(let v), .date(let v): bind(v)
        case .boolean(let v): bind(Int64(v ? 1 : 0))
        }
    }

    /// Ends a row; the statement is executed when all its rows are bound.
    mutating func endRow() throws {
        precondition(remainingRows > 0, "more rows than announced")
        pendingRows += 1
        precondition(slotCount == pendingRows * columns, "a row with a wrong number of values")
        guard pendingRows == rowsInCurrent else { return }
        try execute()
        slotCount = 0
        bytes.truncate(to: 1)
        remainingRows -= pendingRows
        pendingRows = 0
        if remainingRows > 0 && remainingRows < rowsInCurrent {
            rowsInCurrent = remainingRows
            current = try GeoPackageBatchInsert.statement(db, prefix, columns, rowsInCurrent)
        }
    }

    /// Binds every slot and runs the statement once.
    ///
    /// Text and blobs are bound in place (`SQLITE_STATIC`), so the statement keeps pointers
    /// into `bytes` after it ran, and `bytes` is then emptied and refilled. SQLite reads a
    /// bound value only while the statement runs, and every run binds all its parameters
    /// again first, so those pointers are never read; they are cleared where the statement
    /// may run no more: after a failure, and in `finish`. (Clearing them after every run
    /// was half a percent of the main job's instructions.)
    private func execute() throws {
        let statement = current.sqliteStatement
        // The corresponding C function is `sqlite3_reset`: a statement that ran (or failed)
        // goes back to its start; its error, if any, was thrown when it ran.
        sqlite3_reset(statement)
        let code: CInt = bytes.withBytes { buffer in
            let base = buffer.baseAddress!
            for i in 0..<slotCount {
                let index = CInt(i + 1)
                let bound: CInt = switch slots[i] {
                case .null: sqlite3_bind_null(statement, index)
                case .integer(let v): sqlite3_bind_int64(statement, index, v)
                case .real(let v): sqlite3_bind_double(statement, index, v)
                case .text(let start, let count):
                    // A nil destructor is SQLITE_STATIC: SQLite reads the bytes in place.
                    sqlite3_bind_text(statement, index, UnsafeRawPointer(base + start)
                        .assumingMemoryBound(to: CChar.self), CInt(count), nil)
                case .blob(let start, let count):
                    sqlite3_bind_blob(statement, index, base + start, CInt(count), nil)
                }
                guard bound == SQLITE_OK else { return bound }
            }
            return sqlite3_step(statement)
        }
        guard code == SQLITE_DONE else {
            sqlite3_clear_bindings(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: prefix)
        }
    }

    /// Checks that every announced row was inserted, and lets go of the bound bytes.
    func finish() {
        sqlite3_clear_bindings(current.sqliteStatement)
        precondition(remainingRows == 0 && pendingRows == 0, "fewer rows than announced")
    }
}
