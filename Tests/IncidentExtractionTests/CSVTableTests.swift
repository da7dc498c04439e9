import Foundation
import Testing
@testable import IncidentExtraction

@Suite struct CSVTableTests {
    /// Long cells repeat on most rows of an export and are shared; every cell must still
    /// read back exactly, whether it repeats, is new, differs from a kept one in one byte,
    /// is not ASCII, or comes after the table of kept cells is full.
    @Test func sharedCellsReadBackExactly() throws {
        let kinds = ["Explosions/Remote violence", "Violence against civilians", "Explosions/Remote violencf",
                     "Qamishli — القامشلي countryside"]
        var text = "id,kind,note\n"
        var expected: [[String]] = []
        let rows = CellInterner.capacity + 500
        for i in 0..<rows {
            let kind = kinds[i % kinds.count]
            let note = "note number \(i) of the export"  // unique, more than 15 bytes
            text += "\(i),\(kind),\"\(note)\"\n"
            expected.append(["\(i)", kind, note])
        }
        let table = try CSVTable.parse(Data(text.utf8), file: "t.csv")
        #expect(table.header == ["id", "kind", "note"])
        #expect(table.rows.count == rows)
        #expect(table.rows == expected)
        #expect(table.lines.last == rows + 1)
    }

    @Test func invalidUTF8InALongCellIsStillRefused() {
        var bytes = Array("id,note\n1,a long enough cell to be kept\n2,a long enough cell ".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(" to be kept\n".utf8)
        #expect(throws: InputError.self) { try CSVTable.parse(Data(bytes), file: "t.csv") }
    }

    /// The parsing rules, one byte at a time with no fast paths: a quote opens a quoted
    /// field only at a field's start, a doubled quote inside is one quote, carriage returns
    /// outside quotes are dropped, a blank line is no record. Returns records and start lines,
    /// or the line of the first error.
    static func reference(_ bytes: [UInt8]) -> (records: [[String]], lines: [Int])? {
        var records: [[String]] = [], lines: [Int] = [], record: [String] = [], field: [UInt8] = []
        var line = 1, start = 1, quoted = false, wasQuoted = false, i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        func finish() -> Bool {
            guard let s = String(validating: field, as: UTF8.self) else { return false }
            record.append(s); field = []; wasQuoted = false
            return true
        }
        func endRecord() {
            if !(record.count == 1 && record[0].isEmpty) { records.append(record); lines.append(start) }
            record = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22, i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(b); i += 2; continue }
                if b == 0x22 { quoted = false } else { field.append(b); if b == 0x0A { line += 1 } }
            } else if b == 0x2C {
                guard finish() else { return nil }
            } else if b == 0x22 && field.isEmpty && !wasQuoted {
                quoted = true; wasQuoted = true
            } else if b == 0x0A {
                guard finish() else { return nil }
                endRecord(); line += 1; start = line
            } else if b != 0x0D {
                field.append(b)
            }
            i += 1
        }
        if quoted { return nil }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            guard finish() else { return nil }
            endRecord()
        }
        return (records, lines)
    }

    @Test("random texts of quotes, commas, line ends and non-ASCII parse as the plain rules say")
    func parsesAsTheReference() throws {
        let pieces: [[UInt8]] = [Array("a".utf8), Array("bc".utf8), Array("é".utf8), [0x2C], [0x22], [0x22, 0x22],
                                 [0x0A], [0x0D, 0x0A], [0x0D], Array(" ".utf8), Array("a long repeated cell here".utf8),
                                 [0xFF]]
        var state: UInt64 = 0x1234_5678
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var parsed = 0, refused = 0
        for round in 0..<20_000 {
            var bytes = Array("h1,h2\n".utf8)
            if round % 50 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            for _ in 0..<next(40) {
                // Invalid UTF-8 rarely, so that most texts parse through.
                let k = next(pieces.count * 8)
                bytes += k < pieces.count - 1 ? pieces[k] : (k == pieces.count - 1 ? [0xFF] : pieces[k % 3])
            }
            let expected = Self.reference(bytes)
            do {
                let table = try CSVTable.parse(Data(bytes), file: "r.csv")
                guard let expected else {
                    Issue.record("accepted what the rules refuse: \(bytes)")
                    continue
                }
                #expect([table.header] + table.rows == expected.records.map { $0 }
                        .enumerated().map { $0.offset == 0 ? $0.element.map { $0.trimmingCharacters(in: .whitespaces) } : $0.element },
                        "\(bytes)")
                #expect(table.lines == Array(expected.lines.dropFirst()), "\(bytes)")
                parsed += 1
            } catch {
                #expect(expected == nil, "refused what the rules accept: \(bytes)")
                refused += 1
            }
        }
        #expect(parsed > 10_000 && refused > 1_000)
    }

    @Test("pieces parsed on two threads give what one pass gives, wherever the cuts fall")
    func piecesMatchOnePass() throws {
        let pieces: [[UInt8]] = [Array("ab".utf8), Array("é".utf8), [0x2C], [0x22], [0x22, 0x22], [0x0A], [0x0A],
                                 [0x0D, 0x0A], Array("a cell longer than fifteen bytes".utf8), [0xFF]]
        var state: UInt64 = 0x9E37_79B9
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func outcome(_ bytes: [UInt8], _ cuts: [Int]) -> Result<CSVTable, InputError> {
            do { return .success(try CSVTable.parse(Data(bytes), file: "h.csv", cutsNear: cuts)) } catch let e as InputError {
                return .failure(e)
            } catch { return .failure(InputError(file: "", problem: "\(error)", hint: "")) }
        }
        var compared = 0, failures = 0
        for round in 0..<400 {
            var bytes = round % 40 == 0 ? [0xEF, 0xBB, 0xBF] + Array("h1,h2\n".utf8) : Array("h1,h2\n".utf8)
            for _ in 0..<next(30) {
                let k = next(pieces.count * 6)
                bytes += k < pieces.count ? pieces[k] : pieces[k % 2]
            }
            let whole = outcome(bytes, [])
            if case .failure = whole { failures += 1 }
            // Two pieces cut near `split`, and four: pieces whose guesses hold or fail in
            // any order.
            for split in 0...bytes.count {
                for cuts in [[split], [split / 3, split, split + 5]] {
                    switch (whole, outcome(bytes, cuts)) {
                    case let (.success(a), .success(b)):
                        #expect(a.header == b.header && a.rows == b.rows && a.lines == b.lines, "cuts near \(cuts): \(bytes)")
                    case let (.failure(a), .failure(b)):
                        #expect(a == b, "cuts near \(cuts): \(bytes)")
                    default:
                        Issue.record("one pass and pieces disagree, cuts near \(cuts): \(bytes)")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 5_000 && failures > 20)
    }
}
