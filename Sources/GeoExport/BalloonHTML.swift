import GeoCore

/// The HTML balloon of one placemark, made by a caller's template: markup goes in as it is,
/// text is escaped on the way in, and the bytes go into the KML without a `String` between.
///
/// Why: a template that joined `String`s (with a new escaped `String` per value) cost more
/// than everything else in writing a million incident placemarks. Its markup methods are
/// inlined into the caller's template (another module): a balloon is some sixty small
/// appends, and a call for each was a sixth of the balloon's cost.
public struct BalloonHTML {
    @usableFromInline private(set) var bytes: [UInt8] = []

    public init() {}

    /// Nothing appended: the placemark gets no description.
    public var isEmpty: Bool { bytes.isEmpty }

    /// What was appended, as text.
    public var html: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends the caller's own markup unchanged.
    @inlinable
    public mutating func markup(_ html: StaticString) {
        bytes.append(literal: html)
    }

    /// Appends the caller's own markup unchanged. (A literal goes to the `StaticString`
    /// overload, which copies its bytes without looking at a `String`.)
    @inlinable @_disfavoredOverload
    public mutating func markup(_ html: String) {
        bytes.append(utf8: html)
    }

    /// Appends `text` escaped for HTML text and attribute values (as `TextEscaping.html`).
    @inlinable
    public mutating func text(_ text: String) {
        TextEscaping.appendXML(text, to: &bytes)
    }

    /// Appends a value as text, escaped (numbers as `PropertyValue.textValue` spells them),
    /// or `unknown` when it has none (null, or a real that is not finite).
    public mutating func value(_ value: PropertyValue, ifUnknown unknown: StaticString) {
        switch value {
        case .null: markup(unknown)
        case .integer(let v): NumberText.appendInteger(v, to: &bytes)
        case .real(let v): if !NumberText.appendShortest(v, to: &bytes) { markup(unknown) }
        case .text(let v), .date(let v): TextEscaping.appendXML(v, to: &bytes)
        case .boolean(let v): markup(v ? "true" : "false")
        }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
