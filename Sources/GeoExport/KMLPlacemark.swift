import GeoCore

/// What a layer's placemarks share while they are written: field names already escaped,
/// the name field, the time-span fields and the style sheet.
struct PlacemarkContext {
    let layer: Layer
    let styles: KMLStyleSheet
    let options: KMLOptions
    /// `<SimpleData name="...">` openings, one per field, escaped once.
    private let simpleDataOpenings: [[UInt8]]
    /// `<Data name="..."><value>` openings, one per field.
    private let dataOpenings: [[UInt8]]
    /// Escaped field names for the default balloon.
    private let escapedNames: [[UInt8]]
    private let schemaDataOpening: [UInt8]
    /// The `name` field, else `location`, used as placemark name when not null.
    private let nameField: Int?
    private let dateField: Int?
    private let spanField: Int?
    private let spanCache = SpanCache()
    /// The caller's time span and balloon for this layer's features, when it gives them.
    private let customSpan: ((Feature) -> KMLTimeSpan?)?
    private let customDescription: ((Feature) -> String?)?
    private let writesTyped: Bool
    private let writesUntyped: Bool

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
        simpleDataOpenings = layer.fields.map { Array("<SimpleData name=\"".utf8) + escaped($0.name) + Array("\">".utf8) }
        dataOpenings = layer.fields.map { Array("<Data name=\"".utf8) + escaped($0.name) + Array("\"><value>".utf8) }
        escapedNames = layer.fields.map { escaped($0.name) }
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
        case .perLayer(let rule): customSpan = rule(layer)
        default: customSpan = nil
        }
        switch options.description {
        case .custom(let template): customDescription = { [layer] in template(layer, $0) }
        case .perLayer(let template): customDescription = template(layer)
        default: customDescription = nil
        }
    }

    func appendPlacemark(_ feature: Feature, usedIDs: inout Set<String>, to out: inout [UInt8]) {
        // Placemark order in the schema: name, description, TimePrimitive, styleUrl,
        // ExtendedData, Geometry.
        var id = "\(styles.layerKey).\(KMLStyleSheet.ncName(feature.id))"
        if !usedIDs.insert(id).inserted {
            var n = 2
            while !usedIDs.insert("\(id).\(n)").inserted { n += 1 }
            id = "\(id).\(n)"
        }
        out.append(literal: "<Placemark id=\"")
        out.append(utf8: id)
        out.append(literal: "\"><name>")
        let name = nameField.flatMap { feature.values[$0].textValue } ?? feature.id
        TextEscaping.appendXML(name, to: &out)
        out.append(literal: "</name>")
        appendDescription(feature, to: &out)
        appendTimeSpan(feature, to: &out)
        out.append(literal: "<styleUrl>#")
        out.append(utf8: styles.styleID(for: feature))
        out.append(literal: "</styleUrl>\n<ExtendedData>")
        // ExtendedData order in the schema: Data elements, then SchemaData.
        if writesUntyped {
            for (i, value) in feature.values.enumerated() where hasText(value) {
                out.append(contentsOf: dataOpenings[i])
                appendText(value, to: &out)
                out.append(literal: "</value></Data>")
            }
        }
        if writesTyped {
            out.append(contentsOf: schemaDataOpening)
            for (i, value) in feature.values.enumerated() where hasText(value) {
                out.append(contentsOf: simpleDataOpenings[i])
                appendText(value, to: &out)
                out.append(literal: "</SimpleData>")
            }
            out.append(literal: "</SchemaData>")
        }
        out.append(literal: "</ExtendedData>\n")
        KMLGeometry.append(RingOrientation.rfc7946(feature.geometry), to: &out)
        out.append(literal: "</Placemark>\n")
    }

    /// Whether a value is written: null and non-finite values are left out (unknown).
    @inline(__always)
    private func hasText(_ value: PropertyValue) -> Bool {
        switch value {
        case .null: false
        case .real(let v): v.isFinite
        default: true
        }
    }

    /// Appends a value's typed text, escaped for XML, without building a `String` for
    /// numbers: reals in shortest round-trip form, integers in decimal, booleans as 1/0
    /// (xsd:boolean allows both spellings, but GDAL's LIBKML reader parses only 1/0).
    @inline(__always)
    private func appendText(_ value: PropertyValue, to out: inout [UInt8]) {
        switch value {
        case .null: break
        case .integer(let v): NumberText.appendInteger(v, to: &out)
        case .real(let v): _ = NumberText.appendShortest(v, to: &out)
        case .boolean(let v): out.append(v ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .text(let v), .date(let v): TextEscaping.appendXML(v, to: &out)
        }
    }

    private func appendTimeSpan(_ feature: Feature, to out: inout [UInt8]) {
        if let customSpan {
            if let span = customSpan(feature) { Self.append(span, to: &out) }
            return
        }
        // Incidents share few dates: the element is built once per date and span.
        guard let key = spanKey(of: feature) else { return }
        if let bytes = spanCache.elements[key] {
            out.append(contentsOf: bytes)
            return
        }
        var bytes: [UInt8] = []
        if let span = KMLTimeSpan(date: key.date, days: key.days) { Self.append(span, to: &bytes) }
        if spanCache.elements.count >= 65536 { spanCache.elements.removeAll(keepingCapacity: true) }
        spanCache.elements[key] = bytes
        out.append(contentsOf: bytes)
    }

    private static func append(_ span: KMLTimeSpan, to out: inout [UInt8]) {
        out.append(literal: "<TimeSpan><begin>")
        TextEscaping.appendXML(span.begin, to: &out)
        out.append(literal: "</begin><end>")
        TextEscaping.appendXML(span.end, to: &out)
        out.append(literal: "</end></TimeSpan>")
    }

    /// The date text and span in days a feature's time span is made of, from its fields.
    private func spanKey(of feature: Feature) -> SpanKey? {
        guard let dateField, let date = feature.values[dateField].textValue else { return nil }
        var days = 1
        if let spanField {
            switch feature.values[spanField] {
            case .integer(let v): days = v
            case .real(let v) where v.isFinite: days = Int(v.rounded(.up))
            default: break
            }
        }
        return SpanKey(date: date, days: days)
    }

    private func appendDescription(_ feature: Feature, to out: inout [UInt8]) {
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
            out.append(literal: "<description><![CDATA[<table>")
            for (i, value) in feature.values.enumerated() {
                out.append(literal: "<tr><th align=\"left\">")
                out.append(contentsOf: escapedNames[i])
                out.append(literal: "</th><td>")
                if hasText(value) {
                    appendText(value, to: &out)
                } else {
                    out.append(literal: "<i>unknown</i>")
                }
                out.append(literal: "</td></tr>")
            }
            out.append(literal: "</table>]]></description>")
        }
    }
}

private struct SpanKey: Hashable {
    var date: String
    var days: Int
}

/// `<TimeSpan>` elements already built, per date and span; owned by one `PlacemarkContext`
/// while one document is written, so never shared between threads.
private final class SpanCache {
    var elements: [SpanKey: [UInt8]] = [:]
}
