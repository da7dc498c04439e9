import Foundation
import GeoCore

/// The placemark ids one KML document has used, so each new one can be made unique.
///
/// Why not a `Set<String>`: a million placemarks meant a million heap strings built, hashed
/// with SipHash and rehashed as the set grew, which was a fifth of writing a KML file. Here
/// an id is assembled straight into the output, looked up by an FNV-1a hash in an
/// open-addressing table, and its bytes are kept side by side in one buffer so that equal
/// hashes are settled by comparing bytes: ids stay exactly unique whatever the hashes do.
struct KMLPlacemarkIDs {
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
    }

    /// Bytes of every id kept, end to end.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing with linear probing: 0 for an empty slot, else an entry's index + 1
    /// in the low 32 bits and its hash's high 32 bits above, so a probe reads an entry only
    /// when those bits match.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)

    var count: Int { entries.count }

    /// Forgets every id, keeping the table's room (a run of placemarks starts each time from
    /// no ids, `KMLWriter.appendPlacemarks`).
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Appends to `out` the id `prefix.ncName(featureID)` (see `KMLStyleSheet.ncName`), with
    /// `.2`, `.3`, ... after it when that id was already used, and records it.
    mutating func appendUnique<Sink: ByteSink & ~Copyable>(prefix: [UInt8], featureID: String, to out: inout Sink) {
        let start = out.count
        out.append(contentsOf: prefix)
        out.append(UInt8(ascii: "."))
        Self.appendNCName(featureID, to: &out)
        if insert(out, from: start) { return }
        let base = out.count
        var n = 2
        while true {
            out.append(UInt8(ascii: "."))
            NumberText.appendInteger(n, to: &out)
            if insert(out, from: start) { return }
            out.truncate(to: base)
            n += 1
        }
    }

    /// `KMLStyleSheet.ncName` on bytes: each Unicode scalar that is not an ASCII letter,
    /// digit, `_`, `-` or `.` becomes one `_`; a `_` goes in front of an empty result or one
    /// that does not start with a letter or `_`.
    static func appendNCName<Sink: ByteSink & ~Copyable>(_ text: String, to out: inout Sink) {
        text.withUTF8Bytes { utf8 in
            // Most ids are NCNames already (SYR1234, ACLED's ids): copied in one piece.
            if let first = utf8.first, isNameStart(first), utf8.allSatisfy(isNameByte) {
                out.append(contentsOf: utf8)
                return
            }
            let start = out.count
            for b in utf8 {
                if isNameByte(b) {
                    out.append(b)
                } else if !(0x80...0xBF).contains(b) {  // a continuation byte's scalar already gave its `_`
                    out.append(UInt8(ascii: "_"))
                }
            }
            if !(out.count > start && isNameStart(out[start])) { out.insert(UInt8(ascii: "_"), at: start) }
        }
    }

    @inline(__always)
    private static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."): true
        default: false
        }
    }

    @inline(__always)
    private static func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_")
    }

    /// Records `candidate[from...]`; false when it is already there.
    private mutating func insert<Sink: ByteSink & ~Copyable>(_ candidate: borrowing Sink, from start: Int) -> Bool {
        candidate.withBytes { all in insert(UnsafeBufferPointer(rebasing: all[start...])) }
    }

    /// Records every id of a run of placemarks made with ids of their own (distinct among
    /// themselves) when the document has none of them yet, and returns true; otherwise
    /// records none and returns false. The run's ids are then exactly those `appendUnique`
    /// would have made here: each id it settled on is new to the document, and every
    /// candidate before it was taken within the run.
    mutating func recordAll(_ ids: [UnsafeBufferPointer<UInt8>]) -> Bool {
        // Inserted at once, each looked up once (a lookup is a cache miss in a table of a
        // million ids); the first that is taken sends the run's back out.
        let before = entries.count
        for id in ids where !insert(id) {
            removeNewest(entries.count - before)
            return false
        }
        return true
    }

    /// Forgets the `n` ids recorded last, newest first. Linear probing leaves no hole: an
    /// id's probe ran only over slots of ids recorded before it (`grow` reinserts in order
    /// of recording), so the newest id's slot is on no other id's path.
    private mutating func removeNewest(_ n: Int) {
        let mask = slots.count - 1
        for _ in 0..<n {
            let entry = entries.removeLast()
            var slot = Self.home(of: entry.hash, mask: mask)
            while slots[slot] & ~Self.tagMask != UInt64(entries.count + 1) { slot = (slot + 1) & mask }
            slots[slot] = 0
            bytes.removeLast(entry.count)
        }
    }

    /// Records `id`; false when it is already there.
    private mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let (hash, slot, found) = lookUp(id)
        if found { return false }
        precondition(entries.count < Int(UInt32.max), "more placemark ids than the table numbers")
        entries.append(Entry(hash: hash, start: bytes.count, count: id.count))
        bytes.append(contentsOf: id)
        slots[slot] = hash & Self.tagMask | UInt64(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return true
    }

    /// `id`'s hash, and the slot that holds it or the empty slot where it would go.
    private func lookUp(_ id: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, slot: Int, found: Bool) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in id { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let tag = hash & Self.tagMask
        let mask = slots.count - 1
        var slot = Self.home(of: hash, mask: mask)
        while slots[slot] != 0 {
            if slots[slot] & Self.tagMask == tag {
                let entry = entries[Int(slots[slot] & ~Self.tagMask) - 1]
                if entry.hash == hash && entry.count == id.count && bytes.withUnsafeBufferPointer({
                    memcmp($0.baseAddress! + entry.start, id.baseAddress!, id.count) == 0
                }) {
                    return (hash, slot, true)
                }
            }
            slot = (slot + 1) & mask
        }
        return (hash, slot, false)
    }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The slot a probe for `hash` starts at, in a table of `mask + 1` slots. FNV-1a's low
    /// bits are weak for table indexes; a multiply-xorshift spreads them.
    private static func home(of hash: UInt64, mask: Int) -> Int {
        let h = (hash ^ (hash >> 32)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    /// Makes room for `count` ids in all without the table growing on the way: each time
    /// it grew, every id recorded so far went to a new slot, a cache miss each (on the way
    /// to a million ids, about a million such moves).
    mutating func reserve(_ count: Int) {
        var size = slots.count
        while size < 2 * count { size *= 2 }
        if size > slots.count { grow(to: size) }
        entries.reserveCapacity(count)
    }

    private mutating func grow() { grow(to: slots.count * 2) }

    /// Moves every id to a table of `size` slots, a power of two.
    private mutating func grow(to size: Int) {
        slots = Array(repeating: 0, count: size)
        let mask = slots.count - 1
        for (i, entry) in entries.enumerated() {
            var slot = Self.home(of: entry.hash, mask: mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry.hash & Self.tagMask | UInt64(i + 1)
        }
    }
}
