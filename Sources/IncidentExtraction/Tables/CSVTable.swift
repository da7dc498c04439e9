import Dispatch
import Foundation

/// A CSV file parsed into rows of fields (RFC 4180: quotes, doubled quotes, CR LF),
/// remembering the line each record starts on for error messages.
///
/// Parsing works over UTF-8 bytes and copies each field once, because ACLED exports of a
/// million rows are common inputs and String-based splitting is several times slower.
public struct CSVTable: Sendable {
    public var header: [String]
    /// Records after the header; each may have a different field count (checked by readers).
    public var rows: [[String]]
    /// 1-based line on which each record starts.
    public var lines: [Int]

    /// Files from this size are parsed in two halves on two threads.
    static let parallelBytes = 4 << 20

    /// Parses `data`; `file` names the source in errors.
    public static func parse(_ data: Data, file: String) throws -> CSVTable {
        try parse(data, file: file, splitNear: data.count >= parallelBytes ? data.count / 2 : nil)
    }

    /// Parses `data`, in two halves from the first line end at or after `splitNear` when
    /// given (tests pass any offset).
    ///
    /// The second half is parsed on the guess that its first byte starts a record. The
    /// first half, parsed from the file's start, says whether the guess held: it did unless
    /// that line end lay inside a quoted field, and then the file is parsed again in one
    /// pass. The first half's errors come first, as they would in one pass.
    static func parse(_ data: Data, file: String, splitNear: Int?) throws -> CSVTable {
        guard !data.isEmpty else {
            throw InputError(file: file, problem: "the file is empty", hint: "give a CSV file with a header line")
        }
        let (records, lines) = try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let splitNear, let halves = try parseHalves(bytes, near: splitNear, file: file) { return halves }
            var parser = CSVParser(bytes: bytes, file: file)
            _ = try parser.run(final: true)
            return (parser.records, parser.lines)
        }
        guard let header = records.first else {
            throw InputError(file: file, problem: "the file holds no CSV records", hint: "give a CSV file with a header line")
        }
        return CSVTable(header: header.map { $0.trimmingCharacters(in: .whitespaces) },
                        rows: Array(records.dropFirst()), lines: Array(lines.dropFirst()))
    }

    /// The records and lines of both halves, or nil when the guess did not hold (or there is
    /// no line end after `near`).
    private static func parseHalves(_ bytes: UnsafeBufferPointer<UInt8>, near: Int,
                                    file: String) throws -> ([[String]], [Int])? {
        var cut = max(0, near)
        while cut < bytes.count && bytes[cut] != UInt8(ascii: "\n") { cut += 1 }
        cut += 1
        guard cut < bytes.count else { return nil }
        nonisolated(unsafe) var first = CSVParser(bytes: UnsafeBufferPointer(rebasing: bytes[..<cut]), file: file)
        nonisolated(unsafe) var second = CSVParser(bytes: UnsafeBufferPointer(rebasing: bytes[cut...]), file: file,
                                                   atFileStart: false)
        nonisolated(unsafe) var outcomes: [Result<Bool, Error>] = [.success(false), .success(false)]
        DispatchQueue.concurrentPerform(iterations: 2) { w in
            outcomes[w] = Result { try w == 0 ? first.run(final: false) : second.run(final: true) }
        }
        guard try outcomes[0].get() else { return nil }
        // The second half counted its lines from 1; every line end before the cut counts,
        // inside quotes or not, as in one pass, and the first half has counted them all.
        // (Counting them before parsing the second half kept one thread busy for a sixth
        // of a second on a 265 MB export while the other had started.)
        let before = first.line - 1
        do { _ = try outcomes[1].get() } catch var error as InputError {
            error.line = error.line.map { $0 + before }
            throw error
        }
        return (first.records + second.records, first.lines + second.lines.map { $0 + before })
    }

    /// The index of the first header matching one of `names` (case-insensitive).
    public func column(_ names: [String]) -> Int? {
        let lowered = header.map { $0.lowercased() }
        for name in names { if let i = lowered.firstIndex(of: name.lowercased()) { return i } }
        return nil
    }
}

/// The byte state machine behind ``CSVTable/parse(_:file:)``.
///
/// A struct with mutating methods rather than a closure over local variables: captured
/// variables are boxed and every access to them paid a run-time exclusivity check (a sixth
/// of parsing in a profile). A field without quotes or carriage returns, the common case,
/// is read straight from the input; only the others are assembled in a scratch buffer.
private struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var records: [[String]] = []
    var lines: [Int] = []
    var record: [String] = []
    var line = 1
    var recordStart = 1
    var interner = CellInterner()

    /// Whether `bytes` start the file (and may begin with a byte order mark).
    let atFileStart: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, atFileStart: Bool = true) {
        self.bytes = bytes
        self.file = file
        self.atFileStart = atFileStart
    }

    /// Whether `b` ends a run of plain field bytes (outside or inside quotes).
    @inline(__always)
    static func isSpecial(_ b: UInt8, quoted: Bool) -> Bool {
        quoted ? b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n")
            : b == UInt8(ascii: ",") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
                || b == UInt8(ascii: "\"")
    }

    /// Adds a finished field to the record.
    mutating func finish(_ cell: UnsafeBufferPointer<UInt8>) throws {
        let line = self.line, file = self.file
        try record.append(interner.string(for: cell) { cell in
            // ASCII needs no validation; only cells with other bytes take the validating path
            // (generic, and several times slower than decoding).
            if cell.allSatisfy({ $0 < 0x80 }) { return String(decoding: cell, as: UTF8.self) }
            guard let s = String(validating: cell, as: UTF8.self) else {
                throw InputError(file: file, line: line, problem: "text is not valid UTF-8",
                                 hint: "re-save the file as UTF-8")
            }
            return s
        })
    }

    /// Adds the field assembled in `field` and empties it for the next one.
    mutating func finish(assembled field: inout [UInt8], wasQuoted: inout Bool) throws {
        try field.withUnsafeBufferPointer { try finish($0) }
        field.removeAll(keepingCapacity: true)
        wasQuoted = false
    }

    /// Ends the record (a lone empty field is a blank line, not a record).
    mutating func endRecord() {
        if !(record.count == 1 && record[0].isEmpty) {
            records.append(record)
            lines.append(recordStart)
        }
        record.removeAll(keepingCapacity: true)
    }

    /// Ends the record at a line end; the next one starts on the next line.
    mutating func endLine() {
        endRecord()
        line += 1
        recordStart = line
    }

    /// Parses the bytes. With `final` false they are only the first part of the file, and
    /// the result says whether they end between records (false: inside a quoted field, or
    /// in a record); `final` parses reach the file's end and return true.
    mutating func run(final: Bool) throws -> Bool {
        var i = bytes.startIndex
        // Skip a UTF-8 byte order mark, which spreadsheet exports often write.
        if atFileStart, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let end = bytes.endIndex
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        while i < end {
            // Copy a run of plain bytes at once; only delimiters, quotes and line ends
            // go through the state machine below.
            var j = i
            while j < end && !Self.isSpecial(bytes[j], quoted: inQuotes) { j += 1 }
            if !inQuotes, !fieldWasQuoted, field.isEmpty, j < end,
               bytes[j] == UInt8(ascii: ",") || bytes[j] == UInt8(ascii: "\n") {
                // A whole plain field: read in place.
                try finish(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                if bytes[j] == UInt8(ascii: "\n") { endLine() }
                i = j + 1
                continue
            }
            if j > i {
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                if i == end { break }
            }
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < end, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                try finish(assembled: &field, wasQuoted: &fieldWasQuoted)
            case UInt8(ascii: "\""):
                if field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                } else {
                    field.append(b)
                }
            case UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "\n"):
                try finish(assembled: &field, wasQuoted: &fieldWasQuoted)
                endLine()
            default:
                field.append(b)
            }
            i += 1
        }
        if !final { return !inQuotes && field.isEmpty && record.isEmpty && !fieldWasQuoted }
        if inQuotes {
            throw InputError(file: file, line: recordStart, problem: "a quoted field is never closed",
                             hint: "close the quote or remove the stray \" character")
        }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted {
            try finish(assembled: &field, wasQuoted: &fieldWasQuoted)
            endRecord()
        }
        return true
    }
}

/// Gives repeated long cells one shared `String`: an export's event types, actor names and
/// admin areas repeat on most of its million rows, and a String of more than 15 bytes is
/// a heap allocation each time it is made. Cells of 15 bytes or fewer are stored inline
/// and skip the table; the table stops growing at `capacity` distinct cells, so columns of
/// unique text (notes) cost it nothing more once it is full.
struct CellInterner {
    private var table: [UInt64: String] = [:]
    static let capacity = 1 << 16

    /// The string of `bytes`: a kept one when an equal cell was seen, else `make(bytes)`,
    /// kept for later equal cells while there is room.
    mutating func string(for bytes: UnsafeBufferPointer<UInt8>,
                         make: (UnsafeBufferPointer<UInt8>) throws -> String) rethrows -> String {
        guard bytes.count > 15 else { return try make(bytes) }
        let h = Self.hash(bytes)
        if let s = table[h] {
            // Equal hashes of different cells: the cell is made afresh.
            return Self.same(s, bytes) ? s : try make(bytes)
        }
        let s = try make(bytes)
        if table.count < Self.capacity { table[h] = s }
        return s
    }

    /// Whether `s` is exactly `bytes`, compared with memcmp: the generic `elementsEqual`
    /// over `String.UTF8View` was a fifth of parsing a large CSV file.
    private static func same(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = s
        return s.withUTF8 { text in
            text.count == bytes.count && memcmp(text.baseAddress!, bytes.baseAddress!, text.count) == 0
        }
    }

    /// FNV-1a over the bytes.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
