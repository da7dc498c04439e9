import Dispatch
import Foundation
import GeoCore

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

    /// Files from this size are parsed in pieces on two threads.
    static let parallelBytes = 4 << 20
    /// How many pieces: more than the threads, which take them in turn, so that one thread
    /// running slower (a virtual machine's cores are not always equal) does not leave the
    /// other idle for long; in two halves, one thread waited up to half a second of 1.5 s.
    static let pieceCount = 16

    /// Parses `data`; `file` names the source in errors.
    public static func parse(_ data: Data, file: String) throws -> CSVTable {
        let cuts = data.count >= parallelBytes ? (1..<pieceCount).map { data.count * $0 / pieceCount } : []
        return try parse(data, file: file, cutsNear: cuts)
    }

    /// Parses `data`, in pieces from the first line end at or after each of `cutsNear`
    /// (tests pass any offsets).
    ///
    /// Each piece after the first is parsed on the guess that its first byte starts a
    /// record. The piece before it says whether the guess held: it did unless that line end
    /// lay inside a quoted field, and then the file is parsed again in one pass. An earlier
    /// piece's errors come first, as they would in one pass.
    static func parse(_ data: Data, file: String, cutsNear: [Int]) throws -> CSVTable {
        guard !data.isEmpty else {
            throw InputError(file: file, problem: "the file is empty", hint: "give a CSV file with a header line")
        }
        var (records, lines) = try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if !cutsNear.isEmpty, let pieces = try parsePieces(bytes, near: cutsNear, file: file) { return pieces }
            var parser = CSVParser(bytes: bytes, file: file)
            _ = try parser.run(final: true)
            return (parser.records, parser.lines)
        }
        guard !records.isEmpty else {
            throw InputError(file: file, problem: "the file holds no CSV records", hint: "give a CSV file with a header line")
        }
        let header = records.removeFirst()
        lines.removeFirst()
        return CSVTable(header: header.map { $0.trimmingCharacters(in: .whitespaces) }, rows: records, lines: lines)
    }

    /// The records and lines of all pieces, or nil when a guess did not hold (or there is
    /// no line end after any of `near`).
    private static func parsePieces(_ bytes: UnsafeBufferPointer<UInt8>, near: [Int],
                                    file: String) throws -> ([[String]], [Int])? {
        var cuts = [0]
        for offset in near.sorted() {
            var cut = max(0, offset)
            while cut < bytes.count && bytes[cut] != UInt8(ascii: "\n") { cut += 1 }
            cut += 1
            if cut < bytes.count && cut > cuts.last! { cuts.append(cut) }
        }
        guard cuts.count > 1 else { return nil }
        cuts.append(bytes.count)
        let count = cuts.count - 1
        var parsers = (0..<count).map { k in
            CSVParser(bytes: UnsafeBufferPointer(rebasing: bytes[cuts[k]..<cuts[k + 1]]), file: file,
                      atFileStart: k == 0)
        }
        var outcomes = [Result<Bool, Error>](repeating: .success(false), count: count)
        let queue = WorkChunks(count: count, size: 1)
        parsers.withUnsafeMutableBufferPointer { parsers in
            outcomes.withUnsafeMutableBufferPointer { outcomes in
                nonisolated(unsafe) let (parsers, outcomes) = (parsers, outcomes)
                DispatchQueue.concurrentPerform(iterations: min(2, count)) { _ in
                    while let k = queue.take()?.lowerBound {
                        outcomes[k] = Result { try parsers[k].run(final: k == count - 1) }
                    }
                }
            }
        }
        // Each piece counted its lines from 1; every line end before a piece counts, inside
        // quotes or not, as in one pass, and the pieces before it have counted them all.
        var records: [[String]] = [], lines: [Int] = []
        records.reserveCapacity(parsers.reduce(0) { $0 + $1.records.count })
        lines.reserveCapacity(records.capacity)
        var before = 0
        for k in 0..<count {
            do {
                guard try outcomes[k].get() || k == count - 1 else { return nil }
            } catch var error as InputError {
                error.line = error.line.map { $0 + before }
                throw error
            }
            records += parsers[k].records
            lines += parsers[k].lines.lazy.map { $0 + before }
            before += parsers[k].line - 1
        }
        return (records, lines)
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
        s.withUTF8Bytes { text in
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
