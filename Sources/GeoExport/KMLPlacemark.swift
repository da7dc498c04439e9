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
        case .none, .custom:
            dateField = nil
            spanField = nil
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
        out.append(contentsOf: "<Placemark id=\"".utf8)
        out.append(contentsOf: id.utf8)
        out.append(contentsOf: "\"><name>".utf8)
        let name = nameField.flatMap { feature.values[$0].textValue } ?? feature.id
        TextEscaping.appendXML(name, to: &out)
        out.append(contentsOf: "</name>".utf8)
        appendDescription(feature, to: &out)
        if let span = timeSpan(of: feature) {
            out.append(contentsOf: "<TimeSpan><begin>".utf8)
            TextEscaping.appendXML(span.begin, to: &out)
            out.append(contentsOf: "</begin><end>".utf8)
            TextEscaping.appendXML(span.end, to: &out)
            out.append(contentsOf: "</end></TimeSpan>".utf8)
        }
        out.append(contentsOf: "<styleUrl>#".utf8)
        out.append(contentsOf: styles.styleID(for: feature).utf8)
        out.append(contentsOf: "</styleUrl>\n<ExtendedData>".utf8)
        // ExtendedData order in the schema: Data elements, then SchemaData.
        if writesUntyped {
            for (i, value) in feature.values.enumerated() {
                guard let text = kmlText(value) else { continue }
                out.append(contentsOf: dataOpenings[i])
                TextEscaping.appendXML(text, to: &out)
                out.append(contentsOf: "</value></Data>".utf8)
            }
        }
        if writesTyped {
            out.append(contentsOf: schemaDataOpening)
            for (i, value) in feature.values.enumerated() {
                guard let text = kmlText(value) else { continue }
                out.append(contentsOf: simpleDataOpenings[i])
                TextEscaping.appendXML(text, to: &out)
                out.append(contentsOf: "</SimpleData>".utf8)
            }
            out.append(contentsOf: "</SchemaData>".utf8)
        }
        out.append(contentsOf: "</ExtendedData>\n".utf8)
        KMLGeometry.append(RingOrientation.rfc7946(feature.geometry), to: &out)
        out.append(contentsOf: "</Placemark>\n".utf8)
    }

    /// Typed text for `SimpleData`: reals in shortest round-trip form, nil for null and
    /// non-finite values (left out: unknown).
    private func kmlText(_ value: PropertyValue) -> String? {
        switch value {
        case .real(let v): return v.isFinite ? v.description : nil
        // xsd:boolean allows both spellings, but GDAL's LIBKML reader parses only 1/0.
        case .boolean(let v): return v ? "1" : "0"
        default: return value.textValue
        }
    }

    private func timeSpan(of feature: Feature) -> KMLTimeSpan? {
        if case .custom(let rule) = options.timeSpans { return rule(layer, feature) }
        guard let dateField, let date = feature.values[dateField].textValue else { return nil }
        var days = 1
        if let spanField {
            switch feature.values[spanField] {
            case .integer(let v): days = v
            case .real(let v) where v.isFinite: days = Int(v.rounded(.up))
            default: break
            }
        }
        return KMLTimeSpan(date: date, days: days)
    }

    private func appendDescription(_ feature: Feature, to out: inout [UInt8]) {
        switch options.description {
        case .none:
            return
        case .custom(let template):
            guard let html = template(layer, feature) else { return }
            out.append(contentsOf: "<description>".utf8)
            TextEscaping.appendCDATA(html, to: &out)
            out.append(contentsOf: "</description>".utf8)
        case .fieldTable:
            // The values are HTML-escaped, so no `]]>` can appear and one CDATA section holds it all.
            out.append(contentsOf: "<description><![CDATA[<table>".utf8)
            for (i, value) in feature.values.enumerated() {
                out.append(contentsOf: "<tr><th align=\"left\">".utf8)
                out.append(contentsOf: escapedNames[i])
                out.append(contentsOf: "</th><td>".utf8)
                if let text = kmlText(value) {
                    TextEscaping.appendXML(text, to: &out)
                } else {
                    out.append(contentsOf: "<i>unknown</i>".utf8)
                }
                out.append(contentsOf: "</td></tr>".utf8)
            }
            out.append(contentsOf: "</table>]]></description>".utf8)
        }
    }
}
