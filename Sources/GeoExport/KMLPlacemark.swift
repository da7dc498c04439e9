import GeoCore

/// What a layer's placemarks share while they are written: field names already escaped,
/// the name field, the time-span fields and the style sheet.
struct PlacemarkContext: Sendable {
    let layer: Layer
    let styles: KMLStyleSheet
    let options: KMLOptions
    /// `<SimpleData name="...">` per field, escaped once; then the same again, each after
    /// the `</SimpleData>` that closes the value before it. A placemark is some seventy
    /// small copies into the output, and each joined pair is one fewer.
    private let simpleDataPieces: PackedBytes
    /// `<Data name="..."><value>` per field, then each after `</value></Data>`.
    private let dataPieces: PackedBytes
    /// The default balloon's rows: `<tr><th align="left">name</th><td>` per field, the first
    /// after the description's opening and the others after the `</td></tr>` closing the
    /// row before.
    private let descriptionRowOpenings: PackedBytes
    /// The layer key and the dot placemark ids start with.
    private let idPrefix: [UInt8]
    private let schemaDataOpening: [UInt8]
    /// The `name` field, else `location`, used as placemark name when not null.
    private let nameField: Int?
    private let dateField: Int?
    private let spanField: Int?
    /// The caller's time span and balloon for this layer's features, when it gives them.
    private let customSpan: (@Sendable (Feature) -> KMLTimeSpan?)?
    /// The caller's first day and length of a feature's span, for this layer.
    private let spanOfFeature: (@Sendable (Feature) -> (date: String, days: Int)?)?
    private let customDescription: (@Sendable (Feature) -> String?)?
    private let balloonTemplate: (@Sendable (Feature, inout BalloonHTML) -> Void)?
    private let writesTyped: Bool
    private let writesUntyped: Bool
    /// Whether a placemark's values are written more than once (the field-table balloon, or
    /// both kinds of ExtendedData), and so formatted once beforehand; otherwise each goes
    /// straight into the output.
    private let formatsValuesFirst: Bool
    /// Whether the layer makes each feature for the writer (a generated layer), so that its
    /// values are moved out by the last loop that reads them (`Feature.takeValue(at:)`).
    private let takesValues: Bool

    /// `forKMZ`: untyped `<Data>` only, which is all GDAL's LIBKML reads inside a KMZ.
    init(layer: Layer, styles: KMLStyleSheet, options: KMLOptions, forKMZ: Bool) {
        writesTyped = !forKMZ
        writesUntyped = forKMZ || options.writesUntypedData
        self.layer = layer
        self.styles = styles
        self.options = options
        func escaped(_ text: String) -> [UInt8] {
            var out: [UInt8] = []
            TextEscaping.appendXML(text, to: &out)
            return out
        }
        func pieces(_ open: String, _ close: String, _ end: String) -> PackedBytes {
            let openings = layer.fields.map { Array(open.utf8) + escaped($0.name) + Array(end.utf8) }
            return PackedBytes(openings + openings.map { Array(close.utf8) + $0 })
        }
        simpleDataPieces = pieces("<SimpleData name=\"", "</SimpleData>", "\">")
        dataPieces = pieces("<Data name=\"", "</value></Data>", "\"><value>")
        descriptionRowOpenings = PackedBytes(layer.fields.enumerated().map { i, field in
            Array((i == 0 ? "<description><![CDATA[<table>" : "</td></tr>").utf8)
                + Array("<tr><th align=\"left\">".utf8) + escaped(field.name) + Array("</th><td>".utf8)
        })
        idPrefix = Array(styles.layerKey.utf8)
        schemaDataOpening = Array("<SchemaData schemaUrl=\"#\(styles.layerKey)-schema\">".utf8)
        nameField = layer.fieldIndex("name") ?? layer.fieldIndex("location")
        switch options.timeSpans {
        case .fromLayerMetadata:
            dateField = layer.metadata[KMLWriter.timeFieldKey].flatMap { layer.fieldIndex($0) }
            spanField = layer.metadata[KMLWriter.spanDaysFieldKey].flatMap { layer.fieldIndex($0) }
        case .fields(let date, let span):
            dateField = layer.fieldIndex(date)
            spanField = span.flatMap { layer.fieldIndex($0) }
        case .none, .custom, .perLayer:
            dateField = nil
            spanField = nil
        }
        switch options.timeSpans {
        case .custom(let rule): customSpan = { [layer] in rule(layer, $0) }
        default: customSpan = nil
        }
        if case .perLayer(let rule) = options.timeSpans {
            spanOfFeature = rule(layer)
        } else {
            spanOfFeature = nil
        }
        switch options.description {
        case .custom(let template): customDescription = { [layer] in template(layer, $0) }
        default: customDescription = nil
        }
        if case .perLayer(let template) = options.description {
            balloonTemplate = template(layer)
        } else {
            balloonTemplate = nil
        }
        let fieldTable = if case .fieldTable = options.description { true } else { false }
        formatsValuesFirst = fieldTable || (writesTyped && writesUntyped)
        takesValues = layer.generator != nil
    }

    /// What placemarks of one document share while they are written: the ids used so far,
    /// a buffer where a placemark's values are formatted once for its balloon and its
    /// ExtendedData, the balloon, and the time spans already built.
    struct Scratch {
        var ids = KMLPlacemarkIDs()
        var values = PackedBytes()
        var balloon = BalloonHTML()
        var spans = SpanCache()
        var recent = RecentReal()
        /// Where each placemark's id went in the output, when a run of placemarks is made
        /// with ids of its own and checked against the document's afterwards (`nil`: not kept).
        var idRanges: [Range<Int>]?
    }

    /// `styleID`: the feature's StyleMap id when the caller already knows its category. A
    /// generated layer's feature is left with null values.
    func appendPlacemark<Sink: ByteSink & ~Copyable>(_ feature: inout Feature, styleID: String? = nil,
                                                     scratch: inout Scratch, to out: inout Sink) {
        // Placemark order in the schema: name, description, TimePrimitive, styleUrl,
        // ExtendedData, Geometry.
        out.append(literal: "<Placemark id=\"")
        let idStart = out.count
        scratch.ids.appendUnique(prefix: idPrefix, featureID: feature.id, to: &out)
        scratch.idRanges?.append(idStart..<out.count)
        out.append(literal: "\"><name>")
        let name = nameField.flatMap { feature.values[$0].textValue } ?? feature.id
        TextEscaping.appendXML(name, to: &out)
        out.append(literal: "</name>")
        if formatsValuesFirst {
            scratch.values.removeAll()
            // Taken out for the loop: the closure may not reach into `scratch` while its
            // values are appended to.
            var recent = RecentReal()
            swap(&recent, &scratch.recent)
            for value in feature.values {
                scratch.values.appendPiece { Self.appendText(value, recent: &recent, to: &$0) }
            }
            swap(&recent, &scratch.recent)
        }
        appendDescription(feature, scratch: &scratch, to: &out)
        appendTimeSpan(feature, spans: &scratch.spans, to: &out)
        out.append(literal: "<styleUrl>#")
        out.append(utf8: styleID ?? styles.styleID(for: feature))
        out.append(literal: "</styleUrl>\n<ExtendedData>")
        // ExtendedData order in the schema: Data elements, then SchemaData.
        let fieldCount = feature.values.count
        if writesUntyped {
            var wrote = false
            let taking = takesValues && !writesTyped
            for i in 0..<fieldCount {
                let value = feature.value(at: i, taking: taking)
                guard value.hasText else { continue }
                dataPieces.append(wrote ? fieldCount + i : i, to: &out)
                appendValue(i, value, formatted: scratch.values, recent: &scratch.recent, to: &out)
                wrote = true
            }
            if wrote { out.append(literal: "</value></Data>") }
        }
        if writesTyped {
            out.append(contentsOf: schemaDataOpening)
            var wrote = false
            for i in 0..<fieldCount {
                let value = feature.value(at: i, taking: takesValues)
                guard value.hasText else { continue }
                simpleDataPieces.append(wrote ? fieldCount + i : i, to: &out)
                appendValue(i, value, formatted: scratch.values, recent: &scratch.recent, to: &out)
                wrote = true
            }
            out.append(literal: wrote ? "</SimpleData></SchemaData>" : "</SchemaData>")
        }
        out.append(literal: "</ExtendedData>\n")
        KMLGeometry.append(RingOrientation.rfc7946(feature.geometry), to: &out)
        out.append(literal: "</Placemark>\n")
    }

    /// Appends value `i` of a placemark: formatted beforehand, or now.
    @inline(__always)
    private func appendValue<Sink: ByteSink & ~Copyable>(_ i: Int, _ value: PropertyValue, formatted: PackedBytes,
                                                         recent: inout RecentReal, to out: inout Sink) {
        if formatsValuesFirst {
            formatted.append(i, to: &out)
        } else {
            Self.appendText(value, recent: &recent, to: &out)
        }
    }

    /// Appends a value's typed text, escaped for XML, without building a `String` for
    /// numbers: reals in shortest round-trip form, integers in decimal, booleans as 1/0
    /// (xsd:boolean allows both spellings, but GDAL's LIBKML reader parses only 1/0).
    @inline(__always)
    private static func appendText<Sink: ByteSink & ~Copyable>(_ value: PropertyValue, recent: inout RecentReal,
                                                               to out: inout Sink) {
        switch value {
        case .null: break
        case .integer(let v): NumberText.appendInteger(v, to: &out)
        case .real(let v): _ = NumberText.appendShortest(v, recent: &recent, to: &out)
        case .boolean(let v): out.append(v ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .text(let v), .date(let v): TextEscaping.appendXML(v, to: &out)
        }
    }

    private func appendTimeSpan<Sink: ByteSink & ~Copyable>(_ feature: Feature, spans: inout SpanCache,
                                                            to out: inout Sink) {
        if let customSpan {
            if let span = customSpan(feature) { Self.append(span, to: &out) }
            return
        }
        // Incidents share few dates: the element is built once per date and span.
        guard let (date, days) = span(of: feature) else { return }
        let key = Self.cacheKey(date: date, days: days)
        guard let key else {
            if let span = KMLTimeSpan(date: date, days: days) { Self.append(span, to: &out) }
            return
        }
        if let piece = spans.pieceOfKey[key] {
            spans.pieces.append(piece, to: &out)
            return
        }
        if spans.pieces.count >= 65536 { spans = SpanCache() }
        spans.pieces.appendPiece { bytes in
            if let span = KMLTimeSpan(date: date, days: days) { Self.append(span, to: &bytes) }
        }
        spans.pieceOfKey[key] = spans.pieces.count - 1
        spans.pieces.append(spans.pieces.count - 1, to: &out)
    }

    /// A `YYYY-MM-DD` date and a span of 0 to 2^20 days packed in one integer (hashing the
    /// date's string was a third of writing the time spans); nil for any other date text.
    static func cacheKey(date: String, days: Int) -> Int? {
        guard days >= 0 && days < 1 << 20 else { return nil }
        return date.withUTF8Bytes { b -> Int? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            var digits = 0
            for i in [0, 1, 2, 3, 5, 6, 8, 9] {
                let d = b[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                digits = digits * 10 + Int(d)
            }
            return digits << 20 | days
        }
    }

    private static func append<Sink: ByteSink & ~Copyable>(_ span: KMLTimeSpan, to out: inout Sink) {
        out.append(literal: "<TimeSpan><begin>")
        TextEscaping.appendXML(span.begin, to: &out)
        out.append(literal: "</begin><end>")
        TextEscaping.appendXML(span.end, to: &out)
        out.append(literal: "</end></TimeSpan>")
    }

    /// The date text and span in days a feature's time span is made of, from its fields.
    private func span(of feature: Feature) -> (date: String, days: Int)? {
        if let spanOfFeature { return spanOfFeature(feature) }
        guard let dateField, let date = feature.values[dateField].textValue else { return nil }
        var days = 1
        if let spanField {
            switch feature.values[spanField] {
            case .integer(let v): days = v
            case .real(let v) where v.isFinite: days = Int(v.rounded(.up))
            default: break
            }
        }
        return (date, days)
    }

    private func appendDescription<Sink: ByteSink & ~Copyable>(_ feature: Feature, scratch: inout Scratch,
                                                               to out: inout Sink) {
        if let balloonTemplate {
            scratch.balloon.removeAll()
            balloonTemplate(feature, &scratch.balloon)
            guard !scratch.balloon.isEmpty else { return }
            out.append(literal: "<description>")
            scratch.balloon.withBytes { TextEscaping.appendCDATA(bytes: $0, to: &out) }
            out.append(literal: "</description>")
            return
        }
        if let customDescription {
            guard let html = customDescription(feature) else { return }
            out.append(literal: "<description>")
            TextEscaping.appendCDATA(html, to: &out)
            out.append(literal: "</description>")
            return
        }
        switch options.description {
        case .none, .custom, .perLayer:
            return
        case .fieldTable:
            // The values are HTML-escaped, so no `]]>` can appear and one CDATA section holds it all.
            guard !feature.values.isEmpty else {
                out.append(literal: "<description><![CDATA[<table></table>]]></description>")
                return
            }
            for (i, value) in feature.values.enumerated() {
                descriptionRowOpenings.append(i, to: &out)
                if value.hasText {
                    scratch.values.append(i, to: &out)
                } else {
                    out.append(literal: "<i>unknown</i>")
                }
            }
            out.append(literal: "</td></tr></table>]]></description>")
        }
    }
}

/// `<TimeSpan>` elements already built, per date and span (`PlacemarkContext.cacheKey`):
/// incidents share few dates. Kept in the writer's scratch, so never shared between threads.
struct SpanCache {
    var pieceOfKey: [Int: Int] = [:]
    var pieces = PackedBytes()
}
