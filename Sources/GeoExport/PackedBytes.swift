/// Byte strings stored end to end in one buffer, appended to an output by index.
///
/// Why: a writer appends a field's opening (`"name":`, `<SimpleData name="...">`) and a
/// value's text for every value of every feature; taken from an array of arrays, each one
/// retains and releases its inner array, which with the values' own strings made a seventh
/// of writing a GeoJSON file.
struct PackedBytes {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes`; it starts where the previous one ends.
    private var ends: [Int] = []

    init() {}

    init(_ strings: [[UInt8]]) {
        for string in strings { appendPiece { $0.append(contentsOf: string) } }
    }

    var count: Int { ends.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds one string, the bytes `body` appends.
    mutating func appendPiece(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
        ends.append(bytes.count)
    }

    /// Appends string `i` to `out`.
    @inline(__always)
    func append<Sink: ByteSink & ~Copyable>(_ i: Int, to out: inout Sink) {
        let start = i == 0 ? 0 : ends[i - 1]
        let end = ends[i]
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
