import GeoCore

/// String escaping for JSON (RFC 8259), XML 1.0 and HTML, appended byte by byte into a
/// writer's buffer so no intermediate `String` is built per value.
public enum TextEscaping {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal with its quotes: `"` `\` and the control
    /// characters below U+0020 are escaped; everything else is written as UTF-8.
    static func appendJSONString<Sink: ByteSink & ~Copyable>(_ text: String, to out: inout Sink) {
        out.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var start = 0
            var i = 0
            // Eight bytes at a time while none needs escaping (no byte below 0x20, no quote,
            // no backslash): most values are plain text.
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if needsEscape(word) { break }
                i += 8
            }
            for i in i..<count {
                let b = base[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if i > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
                start = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(contentsOf: [UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            if count > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start)) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any byte of `word` is below 0x20, a quote or a backslash.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        hasByteBelow20(word) || has(0x22, in: word) || has(0x5C, in: word)
    }

    /// Whether `test` holds for any word of `bytes`, read eight bytes at a time: the last
    /// word overlaps the one before it, and fewer than eight bytes are padded with `A`s
    /// (which no test here flags), so no byte goes through a loop of its own.
    @inline(__always)
    static func anyWord(of bytes: UnsafeBufferPointer<UInt8>, where test: (UInt64) -> Bool) -> Bool {
        let count = bytes.count
        guard count >= 8, let base = bytes.baseAddress else {
            let padding: UInt64 = 0x4141_4141_4141_4141
            var word = count == 0 ? padding : padding << UInt64(8 * count)
            for j in 0..<count { word |= UInt64(bytes[j]) << UInt64(8 * j) }
            return test(word)
        }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= count {
            if test(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        return i < count && test(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    }

    // Eight bytes at a time: the bit tricks of "has a zero byte" and "has a byte less than
    // n", exact as yes/no answers for n up to 0x80.
    private static var ones: UInt64 { 0x0101_0101_0101_0101 }
    private static var highs: UInt64 { 0x8080_8080_8080_8080 }

    @inline(__always)
    private static func hasByteBelow20(_ word: UInt64) -> Bool {
        (word &- ones &* 0x20) & ~word & highs != 0
    }

    @inline(__always)
    private static func has(_ byte: UInt8, in word: UInt64) -> Bool {
        let v = word ^ (ones &* UInt64(byte))
        return (v &- ones) & ~v & highs != 0
    }

    /// Appends `text` escaped for XML character data and attribute values (`&` `<` `>` `"`
    /// `'`). Control characters that XML 1.0 forbids (all below U+0020 except tab, newline
    /// and carriage return) cannot be written at all, even as references, so they become
    /// U+FFFD rather than making the whole file unreadable.
    static func appendXML<Sink: ByteSink & ~Copyable>(_ text: String, to out: inout Sink) {
        text.withUTF8Bytes { appendXML(bytes: $0, to: &out) }
    }

    /// Which bytes `appendXML` replaces: 0 none, else an index into `xmlReplacements`.
    private static let xmlClass: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x26: 1  // &
        case 0x3C: 2  // <
        case 0x3E: 3  // >
        case 0x22: 4  // "
        case 0x27: 5  // '
        case 0x09, 0x0A, 0x0D: 0
        case 0..<0x20: 6
        default: 0
        }
    }
    private static let xmlReplacements: [[UInt8]] = [
        [], Array("&amp;".utf8), Array("&lt;".utf8), Array("&gt;".utf8), Array("&quot;".utf8),
        Array("&apos;".utf8), [0xEF, 0xBF, 0xBD],
    ]

    /// `appendXML` on UTF-8 bytes: runs without special bytes are copied whole, and found
    /// eight bytes at a time while no byte of a word may need replacing.
    static func appendXML<Sink: ByteSink & ~Copyable>(bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        xmlClass.withUnsafeBufferPointer { table in
            var start = 0
            var i = 0
            while i < count {
                if i + 8 <= count, !mayNeedXMLEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let kind = table[Int(base[i])]
                if kind != 0 {
                    if i > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
                    out.append(contentsOf: xmlReplacements[Int(kind)])
                    start = i + 1
                }
                i += 1
            }
            if count > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start)) }
        }
    }

    /// Whether any byte of `word` is below 0x20 or one of `& < > " '` (the tests of
    /// `needsEscape`; tab, newline and carriage return count too, and are then kept by the
    /// byte loop).
    @inline(__always)
    static func mayNeedXMLEscape(_ word: UInt64) -> Bool {
        hasByteBelow20(word) || has(0x26, in: word) || has(0x3C, in: word) || has(0x3E, in: word)
            || has(0x22, in: word) || has(0x27, in: word)
    }

    /// `text` escaped for HTML text and attribute values, for balloon templates.
    public static func html(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        appendXML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as one or more CDATA sections. `]]>` inside the text would end the
    /// section early, so the section is closed between `]]` and `>` and a new one opened.
    /// Forbidden control characters become U+FFFD as in `appendXML`.
    static func appendCDATA<Sink: ByteSink & ~Copyable>(_ text: String, to out: inout Sink) {
        text.withUTF8Bytes { appendCDATA(bytes: $0, to: &out) }
    }

    /// `appendCDATA` on UTF-8 bytes, skipping eight bytes at a time while none is a `]` or
    /// below 0x20 (a balloon is mostly plain markup and text).
    static func appendCDATA<Sink: ByteSink & ~Copyable>(bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        out.append(literal: "<![CDATA[")
        // A balloon is mostly plain markup and text: checked a word at a time, its end
        // included, and copied whole when no byte needs a look.
        if !anyWord(of: bytes, where: { mayEndCDATA($0) }) {
            out.appendBytes(bytes)
        } else if let base = bytes.baseAddress {
            let count = bytes.count
            var start = 0
            var i = 0
            while i < count {
                if i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if !mayEndCDATA(word) {
                        i += 8
                        continue
                    }
                }
                let b = base[i]
                if b == UInt8(ascii: "]"), i + 2 < count, base[i + 1] == UInt8(ascii: "]"),
                   base[i + 2] == UInt8(ascii: ">") {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i + 2 - start))
                    out.append(literal: "]]><![CDATA[")
                    start = i + 2
                    i += 3
                    continue
                }
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    start = i + 1
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
        }
        out.append(literal: "]]>")
    }

    /// Whether any byte of `word` is below 0x20 or a `]` (as in `needsEscape`).
    @inline(__always)
    static func mayEndCDATA(_ word: UInt64) -> Bool {
        hasByteBelow20(word) || has(0x5D, in: word)
    }
}
