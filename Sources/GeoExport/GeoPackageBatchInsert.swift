import Foundation
import GRDB
import GeoCore

/// Inserts rows through GRDB statements that each hold several rows
/// (`INSERT ... VALUES (...), (...), ...`).
///
/// Why: one statement per row paid GRDB's argument checking and SQLite's step overhead,
/// and the `sqlite_sequence` update of an AUTOINCREMENT table, once per row. Values are
/// collected for a whole statement and handed to GRDB at once, unchecked (the statement's
/// placeholders are counted here).
final class GeoPackageBatchInsert {
    private let db: Database
    private let prefix: String
    private let columns: Int
    private let rowsPerStatement: Int
    /// The statement being filled: one of `rowsPerStatement` rows, or a last one holding
    /// the rows that remain.
    private var current: Statement
    private var rowsInCurrent: Int
    private var remainingRows: Int
    /// Kept as GRDB's existential values: `StatementArguments` maps these with a closure,
    /// where an array of `DatabaseValue` goes through a key path per value (measured: that
    /// projection alone was a third of writing a GeoPackage).
    private var values: [(any DatabaseValueConvertible)?] = []
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
        values.reserveCapacity(columns * rowsInCurrent)
    }

    private static func statement(_ db: Database, _ prefix: String, _ columns: Int, _ rows: Int) throws -> Statement {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return try db.makeStatement(sql: prefix + " VALUES " + Array(repeating: row, count: rows).joined(separator: ","))
    }

    func bindNull() { values.append(nil) }

    func bind(_ value: Int64) { values.append(value) }

    /// Non-finite values are stored as NULL (unknown).
    func bind(_ value: Double) { values.append(value.isFinite ? value : nil) }

    func bind(_ value: String) { values.append(value) }

    func bind(blob: [UInt8]) { values.append(Data(blob)) }

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
        precondition(values.count == pendingRows * columns, "a row with a wrong number of values")
        guard pendingRows == rowsInCurrent else { return }
        current.setUncheckedArguments(StatementArguments(values))
        try current.execute()
        values.removeAll(keepingCapacity: true)
        remainingRows -= pendingRows
        pendingRows = 0
        if remainingRows > 0 && remainingRows < rowsInCurrent {
            rowsInCurrent = remainingRows
            current = try GeoPackageBatchInsert.statement(db, prefix, columns, rowsInCurrent)
        }
    }

    /// Checks that every announced row was inserted.
    func finish() {
        precondition(remainingRows == 0 && pendingRows == 0, "fewer rows than announced")
    }
}
