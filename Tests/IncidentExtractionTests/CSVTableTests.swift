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
}
