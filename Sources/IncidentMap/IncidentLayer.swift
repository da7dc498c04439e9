import Foundation
import GeoCore
import GeoAnalysis

/// Maps incidents to the `incidents` layer of the output contract (DESIGN.md): ACLED's
/// property names where ACLED has the concept, incidentmap's own after them.
public enum IncidentLayer {
    public static let name = "incidents"

    public static let fields: [Field] = [
        Field("event_id", .text), Field("event_date", .date), Field("time_precision", .integer),
        Field("event_type", .text), Field("sub_event_type", .text), Field("actor1", .text),
        Field("actor2", .text), Field("country", .text), Field("admin1", .text), Field("location", .text),
        Field("latitude", .real), Field("longitude", .real), Field("geo_precision", .integer),
        Field("fatalities", .integer), Field("notes", .text), Field("source", .text),
        Field("place_id", .text), Field("injured", .integer), Field("target", .text),
        Field("attribution", .text), Field("confidence", .real),
        Field("border_distance_km", .real), Field("border_distance_min_km", .real),
        Field("border_distance_max_km", .real), Field("border_nearest_lon", .real),
        Field("border_nearest_lat", .real), Field("border_side", .text), Field("border_band", .text),
        Field("nearest_crossing", .text), Field("nearest_crossing_km", .real), Field("cluster_id", .integer),
        Field("source_url", .text), Field("cues", .text), Field("border_band_range", .text),
        Field("sources_count", .integer),
    ]

    /// ACLED event types with the colours every format draws them in.
    public static let style = LayerStyle(
        color: "#636363", fillOpacity: 1, lineWidth: 1, categoryField: "event_type",
        categories: [
            .init(value: "Explosions/Remote violence", label: "Explosions/Remote violence", color: "#D7301F"),
            .init(value: "Battles", label: "Battles", color: "#FC8D59"),
            .init(value: "Violence against civilians", label: "Violence against civilians", color: "#7B3294"),
            .init(value: "Strategic developments", label: "Strategic developments", color: "#2C7FB8"),
            .init(value: "Protests", label: "Protests", color: "#1A9850"),
            .init(value: "Riots", label: "Riots", color: "#FEB24C"),
        ])

    /// The layer; `border` and `clusterIDs` are parallel to `incidents` (nil when not computed).
    ///
    /// Columns of input tables that no field above carries (ACLED's `year`, `inter1`,
    /// `admin2`, `iso`, `tags`, `timestamp`, ...) follow the contract's fields, in the order
    /// first seen: integers where every value is one, text otherwise, null where a row lacks
    /// the column.
    public static func make(_ incidents: [Incident], analysis: IncidentAnalysis?,
                            metadata: [String: String] = [:]) -> Layer {
        precondition(analysis == nil || analysis!.proximity.count == incidents.count)
        let kept = KeptColumns(incidents)
        // By index: iterating the incidents themselves copies each one (a retain and a release
        // of every string it holds), which was most of building this layer.
        let box = BoundingBox(covering: incidents.indices.lazy.map { incidents[$0].coordinate })
        // The features are made as the writers reach them: built all at once, a million
        // incidents' fifty-odd values each took more memory than the incidents themselves.
        // Each writer keeps one feature and has it filled again for the next incident.
        let width = fields.count + kept.fields.count
        let fill: @Sendable (Int, inout Feature) -> Void = { i, feature in
            // Read in place, field by field: `let incident = incidents[i]` (or passing
            // `incidents[i]` on) copied the whole incident, a retain and a release of every
            // string and array it holds, for each feature of each writer.
            // The proximity result likewise: a copy of it was a retain and a release of each of
            // its strings.
            incidents.withUnsafeBufferPointer { buffer in
                let x = buffer.baseAddress! + i
                feature.id = x.pointee.eventID
                feature.geometry = .point(x.pointee.coordinate)
                if feature.values.count != width { feature.values = Array(repeating: .null, count: width) }
                feature.values.withUnsafeMutableBufferPointer { row in
                    var slots = RowSlots(row)
                    if let analysis {
                        analysis.proximity.withUnsafeBufferPointer { proximity in
                            let result = proximity.baseAddress! + i
                            let crossing = result.pointee.nearestCrossingIndex.map { analysis.crossingNames[$0] }
                            values(x, result, crossing, analysis.clusterIDs[i], into: &slots)
                        }
                    } else {
                        values(x, nil, nil, nil, into: &slots)
                    }
                    kept.set(x.pointee.extraValues, of: i, placements: kept.placements(ofRow: i), into: &slots)
                    // What `GeoJSONWriter.check` saw of a new array: one value per field.
                    precondition(slots.count == width, "\(slots.count) values made for \(width) fields")
                }
            }
        }
        // The event type alone, for the KML writer's grouping by it.
        let eventTypeField = fields.firstIndex { $0.name == "event_type" }!
        let generator = FeatureGenerator(count: incidents.count, geometryTypeName: incidents.isEmpty ? nil : "Point",
                                         boundingBox: box, value: { i, field in
            field == eventTypeField ? text(incidents[i].eventType) : feature(i, fill).values[field]
        }, fill: fill, make: { feature($0, fill) })
        return Layer(name: name, title: "Incidents", fields: fields + kept.fields, generator: generator, style: style,
                     metadata: metadata)
    }

    /// Feature `i`, filled into a new one.
    private static func feature(_ i: Int, _ fill: (Int, inout Feature) -> Void) -> Feature {
        var feature = Feature.empty
        fill(i, &feature)
        return feature
    }

    /// A feature's values, set one after another over those of the feature made before.
    struct RowSlots {
        private let row: UnsafeMutableBufferPointer<PropertyValue>
        private(set) var count = 0

        init(_ row: UnsafeMutableBufferPointer<PropertyValue>) { self.row = row }

        @inline(__always)
        mutating func append(_ value: PropertyValue) {
            precondition(count < row.count, "more values made than the layer has fields")
            row[count] = value
            count += 1
        }

        /// Sets value `k` of those appended so far.
        @inline(__always)
        func set(_ k: Int, _ value: PropertyValue) { row[k] = value }
    }

    static func distinctJoined(_ items: [String]) -> String? {
        var seen = Set<String>()
        let distinct = items.filter { seen.insert($0).inserted }
        return distinct.isEmpty ? nil : distinct.joined(separator: "; ")
    }

    /// Names a kept column may not take: the contract's own fields, and the GeoPackage's
    /// row id, geometry and identifier columns.
    static let takenNames: Set<String> = Set(fields.map(\.name)).union(["fid", "geom", "feature_id", "id"])

    /// The input-table columns the incidents carry beyond the contract's fields.
    struct KeptColumns {
        var fields: [Field] = []
        /// Whether each of `fields` is an integer one.
        private var integer: [Bool] = []
        /// The integer fields' values, for each incident whose cell is not empty.
        private var parsed = ParsedIntegers(columns: 0, rows: 0)
        /// Per distinct header (rows of one table share it), where its kept columns go.
        private var placementsOfHeader: [Placements] = []
        /// Each incident's header among them, -1 for none: found once here, so that making a
        /// feature never hashes or compares a header.
        private var headerOfRow: [Int32] = []

        /// A header's kept columns, in its order: each column's index in a row's values and
        /// the index among `fields` it goes to. Columns that are contract fields are left out,
        /// so that making a feature looks at the kept values only.
        typealias Placements = [(column: Int, field: Int)]

        init(_ incidents: [Incident]) {
            var names: [String] = []
            var index: [String: Int] = [:]
            var headers: [[String]: Int32] = [:]
            // Rows of one table share their header's buffer (each run of rows decoded together
            // shares a copy of it): comparing it with the last one is a pointer check, and a
            // header is hashed once per run of its rows.
            var last: [String] = [], lastHeader: Int32 = -1
            // By index, for the same reason as the bounding box in `make`.
            headerOfRow = incidents.indices.map { i in
                guard incidents[i].extraCount > 0 else { return -1 }
                if incidents[i].extraKeys == last {
                    // Another run's copy of the same header is compared by its buffer from now on.
                    if !Self.sameBuffer(incidents[i].extraKeys, last) { last = incidents[i].extraKeys }
                    return lastHeader
                }
                last = incidents[i].extraKeys
                if let known = headers[last] {
                    lastHeader = known
                    return known
                }
                var placed: Placements = []
                for (k, key) in last.enumerated() {
                    var name = key.trimmingCharacters(in: .whitespaces)
                    if name.isEmpty { name = "column_\(k + 1)" }
                    if IncidentLayer.fields.contains(where: { $0.name == name }) { continue }
                    if IncidentLayer.takenNames.contains(name.lowercased()) { name = "input_" + name }
                    if let existing = index[name] { placed.append((k, existing)); continue }
                    index[name] = names.count
                    placed.append((k, names.count))
                    names.append(name)
                }
                lastHeader = Int32(placementsOfHeader.count)
                headers[last] = lastHeader
                placementsOfHeader.append(placed)
                return lastHeader
            }
            guard !names.isEmpty else { return }
            // Whether every value of a column is an integer, asked of each half of the
            // incidents on a thread of its own (a million rows' integer columns took a third
            // of a second on one thread while the other had nothing to do). The values are
            // kept as they are parsed, while the column may still be an integer one: every
            // writer makes every feature, and parsing each value again for each took more
            // instructions than the rest of a feature's kept columns.
            let count = names.count, halves = incidents.count >= 20_000 ? 2 : 1
            let n = incidents.count, placed = placementsOfHeader, headerOfRow = headerOfRow
            let parsed = ParsedIntegers(columns: count, rows: n)
            var integralIn = [[Bool]](repeating: [], count: halves)
            integralIn.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                DispatchQueue.concurrentPerform(iterations: halves) { h in
                    var integral = [Bool](repeating: true, count: count)
                    for i in (n * h / halves)..<(n * (h + 1) / halves) where headerOfRow[i] >= 0 {
                        let values = incidents[i].extraValues
                        for (k, s) in placed[Int(headerOfRow[i])] where integral[s] && !values[k].isEmpty {
                            if let v = Int(values[k]) { parsed.set(v, column: s, row: i) } else { integral[s] = false }
                        }
                    }
                    out[h] = integral
                }
            }
            let integral = (0..<count).map { s in integralIn.allSatisfy { $0[s] } }
            integer = integral
            self.parsed = parsed
            fields = names.enumerated().map { Field($0.element, integral[$0.offset] ? .integer : .text) }
        }

        /// Whether two arrays share one buffer.
        static func sameBuffer(_ a: [String], _ b: [String]) -> Bool {
            a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
        }

        /// The values of the integer columns, parsed once for all writers: column by column,
        /// a row's value where its cell is not empty. Written while the layer is made (each
        /// row by one thread) and only read after; the memory of a text column is written only
        /// up to its first value that is not an integer, and never read.
        final class ParsedIntegers: @unchecked Sendable {
            private let values: UnsafeMutableBufferPointer<Int>
            private let rows: Int

            init(columns: Int, rows: Int) {
                values = .allocate(capacity: max(1, columns * rows))
                self.rows = rows
            }

            deinit { values.deallocate() }

            func set(_ value: Int, column: Int, row: Int) { values[column * rows + row] = value }

            /// The value set for `row` in `column`, which must have been set.
            subscript(column: Int, row: Int) -> Int { values[column * rows + row] }
        }

        /// Where incident `i`'s kept columns go among `fields`.
        func placements(ofRow i: Int) -> Placements {
            headerOfRow[i] < 0 ? [] : placementsOfHeader[Int(headerOfRow[i])]
        }

        /// Sets the kept columns of an incident's table row `values` as the next of `row`
        /// (null where it has none).
        func set(_ values: [String], of i: Int, placements: Placements, into row: inout RowSlots) {
            let start = row.count
            for _ in 0..<fields.count { row.append(.null) }
            for (k, s) in placements where !values[k].isEmpty {
                row.set(start + s, integer[s] ? .integer(parsed[s, i]) : .text(values[k]))
            }
        }
    }

    /// A text value: empty or missing text is unknown.
    static func text(_ s: String?) -> PropertyValue { s.map { $0.isEmpty ? .null : .text($0) } ?? .null }

    /// Sets the contract's values of the incident at `incident` as the first of `row`.
    static func values(_ incident: UnsafePointer<Incident>, _ b: UnsafePointer<ProximityResult>?, _ crossing: String?,
                       _ clusterID: Int?, into row: inout RowSlots) {
        func int(_ v: Int?) -> PropertyValue { v.map(PropertyValue.integer) ?? .null }
        func real(_ v: Double?) -> PropertyValue { v.map { $0.isFinite ? .real($0) : .null } ?? .null }
        // Incident's `actor1`, `actor2` and `attribution`, from its actors read once: through
        // the incident's own properties, each call copied the whole incident.
        let actors = incident.pointee.actors
        // Most incidents have one report (every row of a table): no sets, sorts or joins then.
        let sourceText: String?, url: String?, cueText: String?
        if incident.pointee.provenance.count == 1 {
            let only = incident.pointee.provenance[0]
            sourceText = only.source
            url = only.url
            cueText = only.cues.count == 1 ? only.cues[0] : distinctJoined(only.cues)
        } else {
            let sources = Set(incident.pointee.provenance.compactMap(\.source))
            sourceText = sources.isEmpty ? nil : sources.sorted().joined(separator: "; ")
            url = incident.pointee.provenance.lazy.compactMap(\.url).first
            cueText = distinctJoined(incident.pointee.provenance.flatMap(\.cues))
        }
        // One by one: each `b?.` copied the whole proximity result.
        row.append(.text(incident.pointee.eventID))
        row.append(incident.pointee.eventDate.map { .date($0.description) } ?? .null)
        row.append(int(incident.pointee.timePrecision?.rawValue))
        row.append(text(incident.pointee.eventType))
        row.append(text(incident.pointee.subEventType))
        row.append(text(actors.first?.name))
        row.append(text(actors.count > 1 ? actors[1].name : nil))
        row.append(text(incident.pointee.country))
        row.append(text(incident.pointee.admin1))
        row.append(text(incident.pointee.location))
        row.append(.real(incident.pointee.coordinate.latitude))
        row.append(.real(incident.pointee.coordinate.longitude))
        row.append(.integer(incident.pointee.geoPrecision.rawValue))
        row.append(int(incident.pointee.fatalities))
        row.append(text(incident.pointee.notes))
        row.append(text(sourceText))
        row.append(text(incident.pointee.placeID))
        row.append(int(incident.pointee.injured))
        row.append(text(incident.pointee.target))
        row.append(text(actors.first?.attribution.rawValue))
        row.append(.real(incident.pointee.confidence))
        if let b {
            row.append(real(b.pointee.distanceKm))
            row.append(real(b.pointee.distanceMinKm))
            row.append(real(b.pointee.distanceMaxKm))
            row.append(real(b.pointee.nearestPoint.longitude))
            row.append(real(b.pointee.nearestPoint.latitude))
            row.append(text(b.pointee.side))
            row.append(text(b.pointee.band))
            row.append(text(crossing))
            row.append(real(b.pointee.nearestCrossingKm))
        } else {
            for _ in 0..<7 { row.append(.null) }
            row.append(text(crossing))
            row.append(.null)
        }
        row.append(int(clusterID))
        row.append(text(url))
        row.append(text(cueText))
        row.append(text(b?.pointee.bandRange))
        row.append(.integer(incident.pointee.provenance.count))
    }
}
