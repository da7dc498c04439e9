import GeoCore

/// The HTML balloon of one placemark, made by a caller's template: markup goes in as it is,
/// text is escaped on the way in, and the bytes go into the KML without a `String` between.
///
/// Why: a template that joined `String`s (with a new escaped `String` per value) cost more
/// than everything else in writing a million incident placemarks. The bytes are kept in a
/// `ByteBuffer` (held by a class, since the buffer cannot be copied and a balloon can): an
/// array's `append(contentsOf:)` for each of a balloon's fifty-odd small pieces was a call
/// into a generic entry point with a uniqueness check, some ninety instructions a piece and
/// a fortieth of all the main job's. A copy of a balloon gets bytes of its own before it
/// appends (copy on write).
public struct BalloonHTML {
    private var storage = Storage()

    public init() {}

    /// Nothing appended: the placemark gets no description.
    public var isEmpty: Bool { storage.pointer.pointee.isEmpty }

    /// What was appended, as text.
    public var html: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Appends the caller's own markup unchanged.
    public mutating func markup(_ html: StaticString) {
        unique().pointee.append(literal: html)
    }

    /// Appends the caller's own markup unchanged. (A literal goes to the `StaticString`
    /// overload, which copies its bytes without looking at a `String`.)
    @_disfavoredOverload
    public mutating func markup(_ html: String) {
        unique().pointee.append(utf8: html)
    }

    /// Appends `text` escaped for HTML text and attribute values (as `TextEscaping.html`).
    public mutating func text(_ text: String) {
        TextEscaping.appendXML(text, to: &unique().pointee)
    }

    /// Appends a value as text, escaped (numbers as `PropertyValue.textValue` spells them),
    /// or `unknown` when it has none (null, or a real that is not finite).
    public mutating func value(_ value: PropertyValue, ifUnknown unknown: StaticString) {
        switch value {
        case .null: markup(unknown)
        case .integer(let v): NumberText.appendInteger(v, to: &unique().pointee)
        case .real(let v): if !NumberText.appendShortest(v, to: &unique().pointee) { markup(unknown) }
        case .text(let v), .date(let v): TextEscaping.appendXML(v, to: &unique().pointee)
        case .boolean(let v): markup(v ? "true" : "false")
        }
    }

    /// Lets `body` read the bytes so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { storage.pointer.pointee.withBytes(body) }

    mutating func removeAll() {
        unique().pointee.removeAll()
    }

    /// The bytes, made this balloon's own first if a copy shares them.
    private mutating func unique() -> UnsafeMutablePointer<ByteBuffer> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.pointer
    }

    /// Owns the bytes; appended to in place through their address.
    private final class Storage {
        let pointer: UnsafeMutablePointer<ByteBuffer>

        init(_ bytes: consuming ByteBuffer = ByteBuffer(capacity: 1024)) {
            pointer = .allocate(capacity: 1)
            pointer.initialize(to: bytes)
        }

        deinit {
            pointer.deinitialize(count: 1)
            pointer.deallocate()
        }

        func copy() -> Storage {
            var bytes = ByteBuffer(capacity: pointer.pointee.capacity)
            pointer.pointee.withBytes { bytes.append(contentsOf: $0) }
            return Storage(bytes)
        }
    }
}
