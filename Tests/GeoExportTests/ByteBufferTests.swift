import Testing
@testable import GeoExport

@Suite struct ByteBufferTests {
    /// Every kind of append, of every length from 0 to 40 bytes (the short-run copies and
    /// the long one) and across many growths from a small start, gives the bytes an array
    /// gets from the same appends.
    @Test func appendsAsAnArrayDoes() {
        var buffer = ByteBuffer(capacity: 1)
        var array: [UInt8] = []
        var rng = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let length = round % 41
            let piece = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            switch round % 5 {
            case 0:
                piece.withUnsafeBufferPointer { buffer.append(contentsOf: $0); array.append(contentsOf: $0) }
            case 1:
                buffer.append(contentsOf: piece)
                array.append(contentsOf: piece)
            case 2:
                for byte in piece { buffer.append(byte); array.append(byte) }
            case 3:
                let text = String(decoding: piece.map { $0 & 0x7F }, as: UTF8.self)
                buffer.append(utf8: text)
                array.append(utf8: text)
            default:
                buffer.append(literal: "<SimpleData name=\"")
                array.append(literal: "<SimpleData name=\"")
                buffer.append(contentsOf: piece[...])
                array.append(contentsOf: piece[...])
            }
            #expect(buffer.count == array.count)
        }
        #expect(buffer.array == array)
    }

    /// Reading back, cutting short and inserting (what placemark ids need) act as on an
    /// array, also when an insert must grow the buffer.
    @Test func readsCutsAndInsertsAsAnArrayDoes() {
        var buffer = ByteBuffer(capacity: 16)
        var array: [UInt8] = []
        for round in 0..<300 {
            let piece = Array("id-\(round).".utf8)
            buffer.append(contentsOf: piece)
            array.append(contentsOf: piece)
            if round % 3 == 0 {
                buffer.truncate(to: buffer.count - 2)
                array.removeLast(2)
            }
            let at = round % (array.count + 1)
            buffer.insert(UInt8(ascii: "_"), at: at)
            array.insert(UInt8(ascii: "_"), at: at)
            #expect(buffer.count == array.count && buffer[at] == array[at])
        }
        #expect(buffer.array == array)
        #expect(buffer.withBytes { Array($0) } == array)
    }

    /// A detached allocation keeps its bytes; the buffer starts over empty and appends anew.
    @Test func detachHandsOverTheBytes() {
        var buffer = ByteBuffer(capacity: 8)
        buffer.append(utf8: "first chunk, longer than eight bytes")
        let detached = buffer.detach(reserving: 64)
        defer { detached.base.deallocate() }
        #expect(Array(UnsafeBufferPointer(start: detached.base, count: detached.count))
            == Array("first chunk, longer than eight bytes".utf8))
        #expect(buffer.isEmpty && buffer.capacity == 64)
        buffer.append(literal: "second")
        #expect(buffer.array == Array("second".utf8))
    }
}
