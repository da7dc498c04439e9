import Foundation
import GeoCore
import ZIPFoundation

/// Writes layers as one KML 2.2 Document (or a KMZ holding it as `doc.kml`), streamed.
///
/// Each layer is a Folder (points also sub-foldered by the style's category field); styles
/// are shared `Style`/`StyleMap` pairs per category; every placemark has a name, an HTML
/// balloon, an optional `TimeSpan`, a typed `ExtendedData/SchemaData` against the layer's
/// `Schema`, and its geometry. Element order follows the OGC KML 2.2 schema so the file
/// validates with `xmllint --schema ogckml22.xsd`.
public struct KMLWriter: Sendable {
    /// Layer metadata key naming the date field used for time spans.
    public static let timeFieldKey = "kml_time_field"
    /// Layer metadata key naming the integer field holding each feature's span in days.
    public static let spanDaysFieldKey = "kml_time_span_days_field"

    public var options: KMLOptions

    public init(_ options: KMLOptions = KMLOptions()) {
        self.options = options
    }

    /// Writes `layers` to `url` (a `.kml`, or a `.kmz` when `kmz` is true) through a
    /// temporary sibling renamed when complete.
    public func write(_ layers: [Layer], to url: URL, kmz: Bool = false) throws {
        var keys = Set<String>()
        for layer in layers {
            try GeoJSONWriter.validate(layer)
            let key = KMLStyleSheet.ncName(layer.name)
            guard keys.insert(key).inserted else {
                throw ExportError.invalidLayer(layer: layer.name, reason: "two layers share the name \(key)")
            }
        }
        guard kmz else {
            let file = try OutputFile(destination: url)
            try writeDocument(layers, forKMZ: false, to: file)
            try file.commit()
            return
        }
        // The KML is streamed to a hidden file, then deflated into the archive, which is
        // itself built under a temporary name and renamed.
        let kmlURL = OutputFile.temporaryURL(for: url.appendingPathExtension("doc.kml"))
        let file = try OutputFile(destination: kmlURL)
        try writeDocument(layers, forKMZ: true, to: file)
        try file.commit()
        defer { try? FileManager.default.removeItem(at: kmlURL) }
        let zipURL = OutputFile.temporaryURL(for: url)
        try? FileManager.default.removeItem(at: zipURL)
        do {
            let archive = try Archive(url: zipURL, accessMode: .create)
            try archive.addEntry(with: "doc.kml", fileURL: kmlURL, compressionMethod: .deflate)
        } catch {
            try? FileManager.default.removeItem(at: zipURL)
            throw ExportError.cannotWrite(path: url.path, reason: "\(error)")
        }
        try OutputFile.replace(url, with: zipURL)
    }

    private func writeDocument(_ layers: [Layer], forKMZ: Bool, to file: OutputFile) throws {
        // A layer's geometry kinds take a pass over its features: found once.
        var prepared: [(layer: Layer, styles: KMLStyleSheet, kinds: Set<String>)] = []
        for layer in layers {
            prepared.append((layer, try KMLStyleSheet(layer: layer, layerKey: KMLStyleSheet.ncName(layer.name)),
                             geometryKinds(layer)))
        }
        try file.append { out in
            out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
            out.append(contentsOf: "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>".utf8)
            TextEscaping.appendXML(options.documentName, to: &out)
            out.append(contentsOf: "</name>\n<open>1</open>\n".utf8)
            // Document: StyleSelectors, then Schemas, then Features (schema order).
            for (layer, styles, kinds) in prepared {
                styles.append(geometryKinds: kinds, lineWidth: layer.style.lineWidth, to: &out)
            }
            if !forKMZ {
                for (layer, styles, _) in prepared { appendSchema(layer, key: styles.layerKey, to: &out) }
            }
        }
        var scratch = PlacemarkContext.Scratch()
        scratch.ids.reserve(layers.reduce(0) { $0 + $1.featureCount })
        for (layer, styles, kinds) in prepared {
            try writeFolder(layer, styles: styles, kinds: kinds, forKMZ: forKMZ, scratch: &scratch, to: file)
        }
        try file.write("</Document>\n</kml>\n")
    }

    private func geometryKinds(_ layer: Layer) -> Set<String> {
        if let name = layer.generator?.geometryTypeName {
            switch name {
            case "Point", "MultiPoint": return ["point"]
            case "LineString", "MultiLineString": return ["line"]
            default: return ["polygon"]
            }
        }
        var point = false, line = false, polygon = false
        for i in 0..<layer.featureCount {
            switch layer.feature(at: i).geometry {
            case .point, .multiPoint: point = true
            case .lineString, .multiLineString: line = true
            case .polygon, .multiPolygon: polygon = true
            }
            if point && line && polygon { break }
        }
        guard point || line || polygon else { return ["point", "line", "polygon"] }
        return Set([point ? "point" : nil, line ? "line" : nil, polygon ? "polygon" : nil].compactMap { $0 })
    }

    private func appendSchema<Sink: ByteSink & ~Copyable>(_ layer: Layer, key: String, to out: inout Sink) {
        out.append(contentsOf: "<Schema name=\"".utf8)
        TextEscaping.appendXML(layer.name, to: &out)
        out.append(contentsOf: "\" id=\"\(key)-schema\">\n".utf8)
        for field in layer.fields {
            let type = switch field.type {
            case .integer: "int"
            case .real: "double"
            case .boolean: "bool"
            case .text, .date: "string"
            }
            out.append(contentsOf: "<SimpleField type=\"\(type)\" name=\"".utf8)
            TextEscaping.appendXML(field.name, to: &out)
            out.append(contentsOf: "\"><displayName>".utf8)
            TextEscaping.appendXML(field.name, to: &out)
            out.append(contentsOf: "</displayName></SimpleField>\n".utf8)
        }
        out.append(contentsOf: "</Schema>\n".utf8)
    }

    private func writeFolder(_ layer: Layer, styles: KMLStyleSheet, kinds: Set<String>, forKMZ: Bool,
                             scratch: inout PlacemarkContext.Scratch, to file: OutputFile) throws {
        try file.append { out in
            out.append(contentsOf: "<Folder id=\"\(styles.layerKey)-folder\"><name>".utf8)
            TextEscaping.appendXML(layer.title, to: &out)
            out.append(contentsOf: "</name>\n".utf8)
            if !layer.metadata.isEmpty {
                // Provenance (border source and scale, ...) travels with the layer.
                out.append(contentsOf: "<ExtendedData>".utf8)
                for (key, value) in layer.metadata.sorted(by: { $0.key < $1.key }) {
                    out.append(contentsOf: "<Data name=\"".utf8)
                    TextEscaping.appendXML(key, to: &out)
                    out.append(contentsOf: "\"><value>".utf8)
                    TextEscaping.appendXML(value, to: &out)
                    out.append(contentsOf: "</value></Data>".utf8)
                }
                out.append(contentsOf: "</ExtendedData>\n".utf8)
            }
        }
        let context = PlacemarkContext(layer: layer, styles: styles, options: options, forKMZ: forKMZ)
        let isPointLayer = kinds == ["point"]
        if options.categorySubfolders, !forKMZ, isPointLayer, let field = styles.categoryFieldIndex,
           !layer.style.categories.isEmpty {
            // One sub-folder per category, in the style's order, then the rest. Only the
            // category field is read here (a generated layer may give it without making the
            // feature); the placemarks are made when written.
            var groups = [[Int]](repeating: [], count: styles.categories.count + 1)
            for i in 0..<layer.featureCount {
                groups[styles.category(ofValue: layer.value(at: i, field: field)) ?? styles.categories.count].append(i)
            }
            for (g, members) in groups.enumerated() where !members.isEmpty {
                let title = g < layer.style.categories.count ? layer.style.categories[g].label : "Other"
                // The group is the members' category: their style is known without looking again.
                let styleID = styles.styleID(ofCategory: g < styles.categories.count ? g : nil)
                try file.append { out in
                    out.append(contentsOf: "<Folder><name>".utf8)
                    TextEscaping.appendXML(title, to: &out)
                    out.append(contentsOf: "</name>\n".utf8)
                }
                try appendPlacemarks(of: layer, members, styleID: styleID, context: context, scratch: &scratch,
                                     to: file)
                try file.write("</Folder>\n")
            }
        } else if layer.generator != nil {
            try appendPlacemarks(of: layer, Array(0..<layer.featureCount), styleID: nil, context: context,
                                 scratch: &scratch, to: file)
        } else {
            for i in 0..<layer.featureCount {
                var feature = layer.feature(at: i)
                try file.append { context.appendPlacemark(&feature, scratch: &scratch, to: &$0) }
            }
        }
        try file.write("</Folder>\n")
    }

    /// Appends the placemarks of `layer`'s features `members`, in that order.
    ///
    /// A generated layer's are made and formatted in runs on two threads (`RunLanes`): the KML
    /// was the main job's longest file, written on one thread while the other core idled at
    /// the end. Each run is formatted with placemark ids of its own, and taken only when the
    /// document has none of them yet (`KMLPlacemarkIDs.recordAll`), which makes them the ids
    /// one thread would have made; a run that meets an id already used is formatted again
    /// here, against the document's ids.
    private func appendPlacemarks(of layer: Layer, _ members: [Int], styleID: String?, context: PlacemarkContext,
                                  scratch: inout PlacemarkContext.Scratch, to file: OutputFile) throws {
        let fill = layer.featureFiller
        @Sendable func appendPlacemark(_ i: Int, _ feature: inout Feature, scratch: inout PlacemarkContext.Scratch,
                                       to out: inout ByteBuffer) throws {
            fill(i, &feature)
            try GeoJSONWriter.check(feature, of: layer)
            context.appendPlacemark(&feature, styleID: styleID, scratch: &scratch, to: &out)
        }
        guard layer.generator != nil else {
            // Stored features, checked by `validate` already: formatting them is quick.
            for i in members {
                var feature = layer.feature(at: i)
                try file.append { context.appendPlacemark(&feature, styleID: styleID, scratch: &scratch, to: &$0) }
            }
            return
        }
        try RunLanes.forEach(count: members.count, lanes: { PlacemarkLane() }, format: { lane, run in
            lane.format(members[run]) { try appendPlacemark($0, &$1, scratch: &$2, to: &$3) }
        }, take: { lane, run in
            if let failure = lane.failure { throw failure }
            let taken = lane.bytes.withBytes { bytes in
                scratch.ids.recordAll(lane.scratch.idRanges!.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
            }
            if !taken {
                lane.bytes.removeAll()
                for i in members[run] { try appendPlacemark(i, &lane.feature, scratch: &scratch, to: &lane.bytes) }
            }
            try file.write(taking: &lane.bytes)
        })
    }
}

/// One thread's run of placemarks (`KMLWriter.appendPlacemarks`): its bytes, its scratch
/// with ids of the run's own and where they went, and the first bad feature's error.
private struct PlacemarkLane: ~Copyable {
    var bytes = ByteBuffer(capacity: 1 << 16)
    var scratch = PlacemarkContext.Scratch()
    var failure: Error?
    /// The feature being written, filled again for each (`Layer.featureFiller`).
    var feature = Feature.empty

    init() {
        scratch.idRanges = []
    }

    /// Formats the placemarks of `members` with `append`, from fresh ids; stops at the
    /// first that throws, keeping its error.
    mutating func format(
        _ members: ArraySlice<Int>,
        _ append: (Int, inout Feature, inout PlacemarkContext.Scratch, inout ByteBuffer) throws -> Void
    ) {
        scratch.ids.removeAll()
        scratch.idRanges!.removeAll(keepingCapacity: true)
        failure = nil
        for i in members {
            do { try append(i, &feature, &scratch, &bytes) } catch {
                failure = error
                return
            }
        }
    }
}
