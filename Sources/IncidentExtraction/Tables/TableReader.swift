import Foundation
import GeoCore
import Gazetteer

/// The kinds of incident table incidentmap reads.
public enum TableFormat: String, Sendable {
    /// An ACLED export, recognised by its header (`event_id_cnty`, `event_type`, ...).
    case acled
    /// Any other CSV with latitude/longitude columns or a place-name column.
    case csv
    /// A GeoJSON FeatureCollection (or a single Feature) of points.
    case geojson
    /// JSON lines: one object per line with the same property names as the CSV columns.
    case jsonl

    /// The format implied by a file name's extension, if it names a table.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "csv", "tsv": self = .csv
        case "geojson", "json": self = .geojson
        case "jsonl", "ndjson": self = .jsonl
        default: return nil
        }
    }
}

/// Column choices a user can force when auto-detection guesses wrong.
public struct TableOptions: Sendable {
    public var latitudeColumn: String?
    public var longitudeColumn: String?
    public var placeColumn: String?
    /// Keep reading after a bad row, collecting it in `rejected`, instead of stopping.
    public var keepGoing: Bool
    /// Threads that decode the rows of a large table.
    public var workers: Int = 2

    public init(latitudeColumn: String? = nil, longitudeColumn: String? = nil, placeColumn: String? = nil,
                keepGoing: Bool = false) {
        self.latitudeColumn = latitudeColumn
        self.longitudeColumn = longitudeColumn
        self.placeColumn = placeColumn
        self.keepGoing = keepGoing
    }
}

/// What a table gave: incidents, names that could not be placed, and rows that could not be used.
public struct TableReadResult: Sendable {
    public var format: TableFormat
    public var incidents: [Incident] = []
    public var unresolved: [UnresolvedMention] = []
    public var rejected: [RejectedRow] = []
}

/// Reads incident tables: ACLED CSV exports, generic CSV, GeoJSON points and JSON lines.
public struct TableReader: Sendable {
    public var options: TableOptions
    public var gazetteer: Gazetteer?

    public init(options: TableOptions = .init(), gazetteer: Gazetteer? = nil) {
        self.options = options
        self.gazetteer = gazetteer
    }

    /// Reads `url` as `format` (default: from the extension).
    public func read(_ url: URL, format: TableFormat? = nil) throws -> TableReadResult {
        let file = url.path
        guard let format = format ?? TableFormat(fileExtension: url.pathExtension) else {
            throw InputError(file: file, problem: "'.\(url.pathExtension)' is not a table format",
                             hint: "use .csv, .geojson, .json or .jsonl")
        }
        let data: Data
        do { data = try Self.contents(of: url) } catch {
            throw InputError(file: file, problem: "cannot be read", hint: "check that it exists and is readable")
        }
        return try read(data, file: file, format: format)
    }

    /// Files from this size are mapped by ``contents(of:)`` rather than copied.
    static let mappedBytes = 16 << 20

    /// The bytes of a table file. A large one is mapped, not copied: copying a 265 MB export
    /// into fresh memory took 0.3 to 0.6 s on one thread before parsing could start, while
    /// the kernel already holds the file's pages. The price is that another program cutting
    /// the file short while it is read would stop the run; small files, which copy in no
    /// time, are copied, and so is a large one whose file system refuses to map it.
    public static func contents(of url: URL) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size >= mappedBytes, let mapped = try? Data(contentsOf: url, options: .alwaysMapped) { return mapped }
        return try Data(contentsOf: url)
    }

    public func read(_ data: Data, file: String, format: TableFormat) throws -> TableReadResult {
        switch format {
        case .acled, .csv: try readCSV(data, file: file)
        case .geojson: try GeoJSONTable(reader: self).read(data, file: file)
        case .jsonl: try readJSONLines(data, file: file)
        }
    }

    /// Adds a decoded row to `result`, or records or throws the row's error.
    func collect(_ body: () throws -> RowDecoder.Outcome, into result: inout TableReadResult) throws {
        if let incident = try collect(body, others: &result) { result.incidents.append(incident) }
    }

    /// The decoded row's incident; an unresolved mention, or the row's error when reading
    /// goes on, is added to `others` instead, and otherwise the error is thrown.
    func collect(_ body: () throws -> RowDecoder.Outcome, others: inout TableReadResult) throws -> Incident? {
        do {
            // Consumed: a copy of the incident out of the outcome was a retain and a release
            // of each of its strings.
            let outcome = try body()
            switch consume outcome {
            case .incident(let incident): return incident
            case .unresolved(let mention): others.unresolved.append(mention)
            }
        } catch let error as InputError {
            guard options.keepGoing else { throw error }
            others.rejected.append(RejectedRow(error))
        }
        return nil
    }

    /// The cell without surrounding spaces, nil when empty; Foundation's trimming is only
    /// called for the rare cell that needs it, since a million-row export has 31 million cells.
    static func trimmed(_ cell: String) -> String? {
        // The ends read from the UTF-8 storage: `utf8.last` went through the generic
        // bidirectional index, some forty instructions a cell.
        guard let (first, last) = cell.withUTF8Bytes({ $0.isEmpty ? nil : ($0.first!, $0.last!) }) else { return nil }
        if first != UInt8(ascii: " ") && first != UInt8(ascii: "\t") && last != UInt8(ascii: " ")
            && last != UInt8(ascii: "\t") {
            return cell
        }
        let t = cell.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    func renamed(_ name: String) -> String {
        if name == options.latitudeColumn { return "latitude" }
        if name == options.longitudeColumn { return "longitude" }
        if name == options.placeColumn { return "location" }
        return name
    }

    private func readCSV(_ data: Data, file: String) throws -> TableReadResult {
        let table = try CSVTable.parse(data, file: file)
        let isACLED = Set(["event_id_cnty", "event_type", "sub_event_type", "latitude", "longitude"])
            .isSubset(of: Set(table.header.map { $0.lowercased() }))
        var result = TableReadResult(format: isACLED ? .acled : .csv)
        for forced in [options.latitudeColumn, options.longitudeColumn, options.placeColumn].compactMap({ $0 })
        where !table.header.contains(forced) {
            throw InputError(file: file, line: 1, problem: "no column named '\(forced)'",
                             hint: "the header has: \(table.header.joined(separator: ", "))")
        }
        var columnIndex: [String: Int] = [:]
        for (i, name) in table.header.enumerated() where columnIndex[renamed(name).lowercased()] == nil {
            columnIndex[renamed(name).lowercased()] = i
        }
        let hasPlace = RowDecoder.placeColumns.contains { columnIndex[$0] != nil }
        let hasCoordinates = RowDecoder.latitudeColumns.contains { columnIndex[$0] != nil }
            && RowDecoder.longitudeColumns.contains { columnIndex[$0] != nil }
        guard hasPlace || hasCoordinates else {
            throw InputError(file: file, line: 1, problem: "no latitude/longitude columns and no place-name column",
                             hint: "name them latitude and longitude (or location), or pass --lat-column, "
                                 + "--lon-column or --place-column")
        }
        // Rows are decoded on `workers` threads, which take runs of rows from a shared queue,
        // and joined in order, so the result, and without keepGoing the first error in file
        // order, are the same as one pass would give (a run stops at its own first error, no
        // later run is handed out, and the runs in front of it are finished). Every other
        // worker takes runs from the back of the queue (`WorkChunks.takeLast`), far from the
        // others' rows and their shared strings; it stops at its first error, and the workers
        // taking from the front go on up to that run.
        let rowCount = table.rows.count
        let workers = rowCount >= 20_000 ? max(1, options.workers) : 1
        let format = result.format, columns = columnIndex
        let queue = WorkChunks(count: rowCount, size: Self.decodedRun)
        let runCount = (rowCount + Self.decodedRun - 1) / Self.decodedRun
        var runs = [(others: TableReadResult, count: Int, error: Error?)](
            repeating: (TableReadResult(format: format), 0, nil), count: runCount)
        // Each run's incidents go straight into the one array, from the slot of the run's
        // first row (a row gives at most one incident), and are moved down behind the earlier
        // runs' at the end: joining per-worker arrays copied half a million incidents, each
        // retained and released, on one thread while the other waited.
        let incidents = try [Incident](unsafeUninitializedCapacity: rowCount) { slots, initialized in
            nonisolated(unsafe) let slots = slots
            runs.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let fromBack = worker % 2 == 1
                    while let rows = fromBack ? queue.takeLast() : queue.take() {
                        var others = TableReadResult(format: format), count = 0
                        do {
                            try decodeRows(rows, of: table, file: file, isACLED: isACLED, columnIndex: columns,
                                           into: slots.baseAddress! + rows.lowerBound, count: &count,
                                           others: &others)
                            out[rows.lowerBound / Self.decodedRun] = (others, count, nil)
                        } catch {
                            out[rows.lowerBound / Self.decodedRun] = (others, count, error)
                            if fromBack { return }
                            queue.finish()
                        }
                    }
                }
            }
            for (k, run) in runs.enumerated() {
                (slots.baseAddress! + initialized).moveInitialize(from: slots.baseAddress! + k * Self.decodedRun,
                                                                  count: run.count)
                initialized += run.count
                result.unresolved += run.others.unresolved
                result.rejected += run.others.rejected
                if let error = run.error {
                    // Runs decoded behind the error are let go (the array lets go of the first
                    // `initialized` incidents itself).
                    for later in runs.indices.dropFirst(k + 1) {
                        (slots.baseAddress! + later * Self.decodedRun).deinitialize(count: runs[later].count)
                    }
                    throw error
                }
            }
        }
        result.incidents = incidents
        return result
    }

    /// Rows per run handed to a decoding thread.
    static let decodedRun = 4_096

    /// Decodes `rows` of `table` as ``collect(_:others:)`` does for each, initialising an
    /// incident at `slots + count` (and counting it) for each row that gives one.
    private func decodeRows(_ rows: Range<Int>, of table: CSVTable, file: String, isACLED: Bool,
                            columnIndex: [String: Int], into slots: UnsafeMutablePointer<Incident>,
                            count: inout Int, others: inout TableReadResult) throws {
        let decoder = RowDecoder(file: file, gazetteer: gazetteer)
        // The header every incident of the run keeps, a copy of the run's own (see `RowDecoder`).
        let header = table.header.map { $0 }
        // The decoder asks the same short literal names in the same order for every row:
        // remembering the answer to the k-th question skips hashing the name again.
        var asked: [(name: String, index: Int?)] = []
        func position(of name: String, question k: Int) -> Int? {
            if k < asked.count, asked[k].name == name { return asked[k].index }
            let index = columnIndex[name]
            if k < asked.count { asked[k] = (name, index) } else { asked.append((name, index)) }
            return index
        }
        for n in rows {
            let row = table.rows[n], line = table.lines[n]
            let incident = try collect({
                guard row.count == table.header.count else {
                    throw InputError(file: file, line: line,
                                     problem: "\(row.count) fields where the header has \(table.header.count)",
                                     hint: "quote fields that contain commas, or fix the row's field count")
                }
                var question = 0
                return try decoder.decode(line: line, feature: nil, rowNumber: n + 1, coordinate: nil,
                                          kept: isACLED ? (header, row) : nil) { name in
                    defer { question += 1 }
                    guard let i = position(of: name, question: question) else { return nil }
                    return Self.trimmed(row[i])
                }
            }, others: &others)
            if let incident {
                (slots + count).initialize(to: consume incident)
                count += 1
            }
        }
    }

    private func readJSONLines(_ data: Data, file: String) throws -> TableReadResult {
        var result = TableReadResult(format: .jsonl)
        let decoder = RowDecoder(file: file, gazetteer: gazetteer)
        var lineNumber = 0
        var rowNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            rowNumber += 1
            let number = lineNumber, row = rowNumber
            try collect({
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                    throw InputError(file: file, line: number, problem: "not a JSON object",
                                     hint: "write one JSON object per line")
                }
                let lowered = Dictionary(object.map { (renamed($0.key).lowercased(), $0.value) },
                                         uniquingKeysWith: { a, _ in a })
                return try decoder.decode(line: number, feature: nil, rowNumber: row, coordinate: nil) {
                    JSONValue.text(lowered[$0])
                }
            }, into: &result)
        }
        if rowNumber == 0 {
            throw InputError(file: file, problem: "the file holds no JSON lines", hint: "write one JSON object per line")
        }
        return result
    }
}

/// Text of a JSON scalar the way a CSV cell would hold it.
enum JSONValue {
    static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String:
            let t = s.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        case let b as Bool where type(of: value!) == Bool.self:
            return b ? "true" : "false"
        case let n as NSNumber:
            return n.stringValue
        default:
            return nil
        }
    }
}
