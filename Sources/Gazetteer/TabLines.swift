import Foundation

/// Reads a tab-separated file line by line in 1 MiB chunks, so a multi-gigabyte
/// `alternateNamesV2.txt` never sits in memory whole. Lines starting with `#` and empty
/// lines are skipped; line numbers count from 1.
enum TabLines {
    static func forEach(_ url: URL, _ body: (_ line: Int, _ fields: [String]) throws -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw GazetteerError.missingData(path: url.path)
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNumber = 0
        func emit(_ bytes: ArraySlice<UInt8>) throws {
            lineNumber += 1
            var line = bytes
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty || line.first == 0x23 { return }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            try body(lineNumber, fields)
        }
        while true {
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
            guard let chunk, !chunk.isEmpty else { break }
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try emit(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(pending.startIndex..<start)
        }
        if !pending.isEmpty { try emit(pending[...]) }
    }
}
