import GeoCore

/// Where the writers' formatting code appends bytes: the output file's chunk
/// (`ByteBuffer`) or an array (pieces built once, geometry blobs, tests).
///
/// Why a protocol: the formatting functions are written once and specialised for each
/// sink; the one that matters for speed is `ByteBuffer`.
protocol ByteSink: ~Copyable {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Array's own `append(_:)` is the witness for arrays.
    mutating func append(_ byte: UInt8)
    /// Reading back and undoing what was just appended (placemark ids made unique).
    var count: Int { get }
    subscript(_ index: Int) -> UInt8 { get }
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    mutating func truncate(to count: Int)
    mutating func insert(_ byte: UInt8, at index: Int)
}

extension ByteSink where Self: ~Copyable {
    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { appendBytes(bytes) }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        appendBytes(bytes.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always)
    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { appendBytes($0) }
    }

    /// Appends any bytes (a string's `utf8` view, a slice); the overloads above copy theirs
    /// in one piece.
    @_disfavoredOverload
    mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ appendBytes($0) }) == nil {
            for byte in bytes { append(byte) }
        }
    }

    /// Appends a literal's UTF-8 bytes with one copy (`"...".utf8` would go through the
    /// generic sequence path).
    @inline(__always)
    mutating func append(literal: StaticString) {
        appendBytes(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 bytes with one copy.
    @inline(__always)
    mutating func append(utf8 text: String) {
        text.withUTF8Bytes { appendBytes($0) }
    }
}

extension Array: ByteSink where Element == UInt8 {
    // `+=`, not `append(contentsOf:)`: in this module that name finds the protocol's own
    // overload first, which would call back here.
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { self += bytes }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { withUnsafeBufferPointer(body) }

    mutating func truncate(to count: Int) { removeSubrange(count...) }
}

/// A growable run of bytes in one allocation that only its owner appends to.
///
/// Why not `[UInt8]`: a writer makes hundreds of small appends per feature, and each
/// `Array.append(contentsOf:)` is a call into a generic entry point that checks that the
/// array is uniquely referenced and has room before it copies: with the `memmove` for a
/// few bytes, about an eighth of the files phase of the main job. Here an append checks
/// room, copies (short runs without a call) and moves the end. It cannot be copied, so
/// two owners never append into one allocation.
struct ByteBuffer: ~Copyable, ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The bytes so far, copied (tests).
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        if capacity - count < n { grow(toHold: count + n) }
        let target = base + count
        // Most pieces are a few bytes: two overlapping words copy 8 to 16 of them.
        if n <= 16 && n >= 8 {
            let raw = UnsafeRawPointer(source), out = UnsafeMutableRawPointer(target)
            let head = raw.loadUnaligned(as: UInt64.self)
            let tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            out.storeBytes(of: head, as: UInt64.self)
            out.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n < 8 {
            for i in 0..<n { target[i] = source[i] }
        } else {
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: n)
        }
        count += n
    }

    /// Lets `body` read the bytes so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    subscript(_ index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "byte index out of range")
        return base[index]
    }

    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "cannot truncate past the end")
        count = newCount
    }

    mutating func insert(_ byte: UInt8, at index: Int) {
        precondition(index >= 0 && index <= count, "byte index out of range")
        if count == capacity { grow(toHold: count + 1) }
        (base + index + 1).update(from: base + index, count: count - index)
        base[index] = byte
        count += 1
    }

    mutating func removeAll() { count = 0 }

    /// Hands the allocation, its byte count and its capacity to the caller, who must
    /// deallocate it, and starts over empty in `spare` (an allocation of `spare.capacity`
    /// bytes the caller gives up) or else a new one of `capacity` bytes.
    mutating func detach(reserving capacity: Int, reusing spare: Allocation? = nil)
        -> (base: UnsafeMutablePointer<UInt8>, count: Int, capacity: Int) {
        let detached = (base, count, self.capacity)
        if let spare {
            base = spare.base
            self.capacity = spare.capacity
        } else {
            self.capacity = max(16, capacity)
            base = .allocate(capacity: self.capacity)
        }
        count = 0
        return detached
    }

    /// An allocation of bytes without an owner yet.
    typealias Allocation = (base: UnsafeMutablePointer<UInt8>, capacity: Int)

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
