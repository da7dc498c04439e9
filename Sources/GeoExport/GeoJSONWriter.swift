import Foundation
import GeoCore

/// Writes a layer as one RFC 7946 GeoJSON FeatureCollection, streamed in chunks.
///
/// Positions are `[longitude, latitude]` with six decimals; polygon exterior rings wind
/// counter-clockwise and holes clockwise; there is no `crs` member (RFC 7946 is WGS84
/// only); the collection carries a `bbox`. Properties follow the layer's field types for
/// every feature (a real stays a number, unknown is `null`, a date is a `"YYYY-MM-DD"`
/// string that GDAL types as Date), and `id` is always a string.
public enum GeoJSONWriter {
    /// Writes `layer` to `url` through a temporary sibling renamed when complete.
    public static func write(_ layer: Layer, to url: URL) throws {
        try validate(layer)
        let file = try OutputFile(destination: url)
        // `"name":` per field, after the comma that ends the value before it (but the first).
        var keys = PackedBytes()
        for (i, field) in layer.fields.enumerated() {
            keys.appendPiece { key in
                if i > 0 { key.append(UInt8(ascii: ",")) }
                TextEscaping.appendJSONString(field.name, to: &key)
                key.append(UInt8(ascii: ":"))
            }
        }
        try file.append { out in
            out.append(contentsOf: "{\"type\":\"FeatureCollection\",\"name\":".utf8)
            TextEscaping.appendJSONString(layer.name, to: &out)
            if let box = layer.boundingBox {
                out.append(contentsOf: ",\"bbox\":[".utf8)
                NumberText.appendFixed6(box.west, to: &out)
                out.append(UInt8(ascii: ","))
                NumberText.appendFixed6(box.south, to: &out)
                out.append(UInt8(ascii: ","))
                NumberText.appendFixed6(box.east, to: &out)
                out.append(UInt8(ascii: ","))
                NumberText.appendFixed6(box.north, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: ",\"features\":[\n".utf8)
        }
        if layer.generator != nil {
            try appendFeaturesOnTwoThreads(of: layer, keys: keys, to: file)
        } else {
            // Features already made (and checked by `validate`): formatting them is quick,
            // and the file's own writer thread is the limit (a second thread made a million
            // stored points slower, 1.43-1.45 s against 1.18-1.23 s).
            var recent = RecentReal()
            for i in 0..<layer.featureCount {
                var feature = layer.feature(at: i)
                try file.append {
                    appendFeature(&feature, at: i, taking: false, keys: keys, recent: &recent, to: &$0)
                }
            }
        }
        try file.write("\n]}\n")
        try file.commit()
    }

    /// Makes and formats a generated layer's features in runs on two threads (`RunLanes`) and
    /// hands each run's bytes to the file in order, without a copy. Interleaved runs of the
    /// main job writing GeoJSON only: 15.02 / 15.51 s on one thread, 13.64 / 13.86 s on two,
    /// for the same CPU time.
    private static func appendFeaturesOnTwoThreads(of layer: Layer, keys: PackedBytes, to file: OutputFile) throws {
        let fill = layer.featureFiller
        try RunLanes.forEach(count: layer.featureCount, lanes: { FeatureLane() }, format: { lane, run in
            for i in run {
                fill(i, &lane.feature)
                do { try check(lane.feature, of: layer) } catch {
                    lane.failure = error
                    return
                }
                appendFeature(&lane.feature, at: i, taking: true, keys: keys, recent: &lane.recent, to: &lane.bytes)
            }
        }, take: { lane, _ in
            // Runs are taken in order: the first bad feature in the layer's order is the one reported.
            if let failure = lane.failure { throw failure }
            try file.write(taking: &lane.bytes)
        })
    }

    /// One thread's run of features: its bytes and the first bad feature's error.
    private struct FeatureLane: ~Copyable {
        var bytes = ByteBuffer(capacity: 1 << 16)
        var recent = RecentReal()
        var failure: Error?
        /// The feature being written, filled again for each (`Layer.featureFiller`).
        var feature = Feature.empty
    }

    /// Checks a stored layer's features before anything is written; a generated layer's
    /// are checked one by one as they are made (`check`), since making them all twice would
    /// double the work.
    static func validate(_ layer: Layer) throws {
        guard layer.generator == nil else { return }
        try layer.forEachFeature { try check($0, of: layer) }
    }

    /// Throws unless `feature` has one value per field of `layer`.
    static func check(_ feature: Feature, of layer: Layer) throws {
        guard feature.values.count != layer.fields.count else { return }
        throw ExportError.invalidLayer(
            layer: layer.name,
            reason: "feature \(feature.id) has \(feature.values.count) values for \(layer.fields.count) fields")
    }

    /// Appends feature number `index` of the collection, after the separator that ends the
    /// one before it; `taking`: the feature was made for this writer, and its values are
    /// moved out as they are written (`Feature.takeValue(at:)`).
    private static func appendFeature<Sink: ByteSink & ~Copyable>(_ feature: inout Feature, at index: Int,
                                                                taking: Bool, keys: PackedBytes,
                                                                recent: inout RecentReal, to out: inout Sink) {
        if index > 0 { out.append(literal: ",\n") }
        out.append(literal: "{\"type\":\"Feature\",\"id\":")
        TextEscaping.appendJSONString(feature.id, to: &out)
        out.append(literal: ",\"geometry\":")
        appendGeometry(RingOrientation.rfc7946(feature.geometry), to: &out)
        out.append(literal: ",\"properties\":{")
        for i in 0..<feature.values.count {
            keys.append(i, to: &out)
            appendValue(feature.value(at: i, taking: taking), recent: &recent, to: &out)
        }
        out.append(literal: "}}")
    }

    static func appendValue<Sink: ByteSink & ~Copyable>(_ value: PropertyValue, recent: inout RecentReal,
                                                        to out: inout Sink) {
        switch value {
        case .null:
            out.append(literal: "null")
        case .integer(let v):
            NumberText.appendInteger(v, to: &out)
        case .real(let v):
            if !NumberText.appendShortest(v, recent: &recent, to: &out) { out.append(literal: "null") }
        case .text(let v), .date(let v):
            TextEscaping.appendJSONString(v, to: &out)
        case .boolean(let v):
            out.append(literal: v ? "true" : "false")
        }
    }

    /// Appends a GeoJSON geometry object; rings must already be oriented.
    static func appendGeometry<Sink: ByteSink & ~Copyable>(_ geometry: Geometry, to out: inout Sink) {
        geometryOpenings.append(openingIndex(geometry), to: &out)
        switch geometry {
        case .point(let c):
            appendPosition(c, to: &out)
        case .multiPoint(let cs), .lineString(let cs):
            appendPositions(cs, to: &out)
        case .multiLineString(let lines), .polygon(let lines):
            appendList(lines, to: &out) { appendPositions($0, to: &$1) }
        case .multiPolygon(let polygons):
            appendList(polygons, to: &out) { rings, out in
                appendList(rings, to: &out) { appendPositions($0, to: &$1) }
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `{"type":"Point","coordinates":` and the like, made once, in `openingIndex` order.
    private static let geometryOpenings = PackedBytes([
        Geometry.point(Coordinate(longitude: 0, latitude: 0)), .multiPoint([]), .lineString([]),
        .multiLineString([]), .polygon([]), .multiPolygon([]),
    ].map { Array("{\"type\":\"\($0.typeName)\",\"coordinates\":".utf8) })

    private static func openingIndex(_ geometry: Geometry) -> Int {
        switch geometry {
        case .point: 0
        case .multiPoint: 1
        case .lineString: 2
        case .multiLineString: 3
        case .polygon: 4
        case .multiPolygon: 5
        }
    }

    private static func appendList<T, Sink: ByteSink & ~Copyable>(_ items: [T], to out: inout Sink,
                                      _ body: (T, inout Sink) -> Void) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            body(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func appendPositions<Sink: ByteSink & ~Copyable>(_ cs: [Coordinate], to out: inout Sink) {
        appendList(cs, to: &out) { appendPosition($0, to: &$1) }
    }

    @inline(__always)
    private static func appendPosition<Sink: ByteSink & ~Copyable>(_ c: Coordinate, to out: inout Sink) {
        out.append(UInt8(ascii: "["))
        NumberText.appendFixed6(c.longitude, to: &out)
        out.append(UInt8(ascii: ","))
        NumberText.appendFixed6(c.latitude, to: &out)
        out.append(UInt8(ascii: "]"))
    }
}
