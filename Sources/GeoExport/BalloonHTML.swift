/// The HTML balloon of one placemark, made by a caller's template: markup goes in as it is,
/// text is escaped on the way in, and the bytes go into the KML without a `String` between.
///
/// Why: a template that joined `String`s (with a new escaped `String` per value) cost more
/// than everything else in writing a million incident placemarks.
public struct BalloonHTML {
    private(set) var bytes: [UInt8] = []

    public init() {}

    /// Nothing appended: the placemark gets no description.
    public var isEmpty: Bool { bytes.isEmpty }

    /// What was appended, as text.
    public var html: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends the caller's own markup unchanged.
    public mutating func markup(_ html: StaticString) {
        bytes.append(literal: html)
    }

    /// Appends the caller's own markup unchanged.
    public mutating func markup(_ html: String) {
        bytes.append(utf8: html)
    }

    /// Appends `text` escaped for HTML text and attribute values (as `TextEscaping.html`).
    public mutating func text(_ text: String) {
        TextEscaping.appendXML(text, to: &bytes)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
