extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place where they are stored
    /// contiguously (always, for a native string).
    ///
    /// Why not `withUTF8`: it is mutating, so a borrowed string had to be copied into a
    /// variable first, a retain and a release of its storage. The writers do that for every
    /// text value of every feature, and the CSV reader for every repeated cell, and the
    /// strings an export repeats (event types, actors) are shared by all its incidents and
    /// retained from both cores at once.
    @inlinable @inline(__always)
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
