import Foundation

/// The type of a layer attribute, as writers map it to GeoJSON, KML `Schema` and
/// GeoPackage column types.
public enum FieldType: String, Sendable, Hashable, Codable {
    case integer
    case real
    case text
    /// A calendar date, written as `YYYY-MM-DD`.
    case date
    case boolean
}

/// One attribute column of a layer.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType

    public init(_ name: String, _ type: FieldType) {
        self.name = name
        self.type = type
    }
}

/// A typed attribute value; `.null` is unknown (never 0 or "").
public enum PropertyValue: Sendable, Hashable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)
    /// A calendar date as `YYYY-MM-DD`.
    case date(String)
    case boolean(Bool)

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Whether the value has a text (`textValue` is not nil), without making it: false for
    /// null and for a real that is not finite.
    @inlinable
    public var hasText: Bool {
        switch self {
        case .null: false
        case .real(let v): v.isFinite
        default: true
        }
    }

    /// The value as text for formats without types (CSV, KML `SimpleData`); nil when null.
    public var textValue: String? {
        switch self {
        case .null: nil
        case .integer(let v): String(v)
        case .real(let v): v.isFinite ? String(v) : nil
        case .text(let v), .date(let v): v
        case .boolean(let v): v ? "true" : "false"
        }
    }
}

/// A feature: an identifier, a geometry and values in the order of its layer's fields.
public struct Feature: Sendable, Hashable {
    public var id: String
    public var geometry: Geometry
    /// One value per field of the layer, in the same order.
    public var values: [PropertyValue]

    public init(id: String, geometry: Geometry, values: [PropertyValue]) {
        self.id = id
        self.geometry = geometry
        self.values = values
    }

    /// Value `index`, moved out of the feature rather than copied, with a null left in its
    /// place.
    ///
    /// Why: a writer reads each value of a feature made for it once, and a copy of a text
    /// value is a retain of its string and, when the copy goes, a release; the strings are
    /// shared by many features (an export's event types and actors), and the writers on both
    /// cores contend for their counts. A value moved out costs neither: its one release is
    /// the one the feature's own would have been. Taking from a feature whose values are
    /// also held elsewhere (a copy of a stored layer's) copies them all first, so writers
    /// take only from the features a generated layer makes for them.
    @inlinable @inline(__always)
    public mutating func takeValue(at index: Int) -> PropertyValue {
        var value = PropertyValue.null
        swap(&value, &values[index])
        return value
    }

    /// A feature with no id, a point at 0, 0 and no values: a place for
    /// ``Layer/featureFiller`` to fill.
    public static var empty: Feature {
        Feature(id: "", geometry: .point(Coordinate(longitude: 0, latitude: 0)), values: [])
    }

    /// Value `index`: taken (``takeValue(at:)``) when `taking`, else copied.
    @inlinable @inline(__always)
    public mutating func value(at index: Int, taking: Bool) -> PropertyValue {
        taking ? takeValue(at: index) : values[index]
    }
}

/// How a layer is drawn: shared by the KML styles and the GeoPackage QGIS styles so both
/// look the same.
public struct LayerStyle: Sendable, Hashable {
    /// A category of features sharing a colour, selected by the value of `field`.
    public struct Category: Sendable, Hashable {
        public var value: String
        public var label: String
        /// Colour as `#RRGGBB`.
        public var color: String
        public init(value: String, label: String, color: String) {
            self.value = value
            self.label = label
            self.color = color
        }
    }

    /// Default colour as `#RRGGBB`.
    public var color: String
    /// Fill opacity from 0 to 1 for polygons.
    public var fillOpacity: Double
    /// Line width in pixels.
    public var lineWidth: Double
    /// The field whose value picks a category, if the layer is categorised.
    public var categoryField: String?
    public var categories: [Category]

    public init(color: String, fillOpacity: Double = 0.35, lineWidth: Double = 1.5,
                categoryField: String? = nil, categories: [Category] = []) {
        self.color = color
        self.fillOpacity = fillOpacity
        self.lineWidth = lineWidth
        self.categoryField = categoryField
        self.categories = categories
    }
}

/// Features made on demand, by index, for a layer too large to hold built: a million
/// incidents with fifty values each take more memory as built features than as incidents.
/// Writers go through the layer once or twice and each feature lives only while written.
public struct FeatureGenerator: Sendable {
    /// How many features there are.
    public var count: Int
    /// The one geometry type name every feature has ("Point"), when known without making them.
    public var geometryTypeName: String?
    /// The features' bounding box, when known without making them.
    public var boundingBox: BoundingBox?
    /// Makes feature `i` (0 ..< count); must give one value per field of the layer.
    public var make: @Sendable (Int) -> Feature
    /// Value `field` of feature `i` without making the whole feature, when the layer can give
    /// it more cheaply (a writer grouping features by one field); must equal
    /// `make(i).values[field]`.
    public var value: (@Sendable (_ i: Int, _ field: Int) -> PropertyValue)?
    /// Puts feature `i` into `feature`, which holds an earlier one (or ``Feature/empty``),
    /// reusing its storage, when the layer can; must give what `make(i)` gives.
    ///
    /// Why: a writer makes each feature of a generated layer once and is done with it
    /// before the next, and a million features' value arrays, each allocated and then
    /// destroyed value by value through the runtime, were more than a tenth of making them.
    public var fill: (@Sendable (_ i: Int, _ feature: inout Feature) -> Void)?

    public init(count: Int, geometryTypeName: String? = nil, boundingBox: BoundingBox? = nil,
                value: (@Sendable (_ i: Int, _ field: Int) -> PropertyValue)? = nil,
                fill: (@Sendable (_ i: Int, _ feature: inout Feature) -> Void)? = nil,
                make: @escaping @Sendable (Int) -> Feature) {
        self.count = count
        self.geometryTypeName = geometryTypeName
        self.boundingBox = boundingBox
        self.value = value
        self.fill = fill
        self.make = make
    }
}

/// A named collection of features sharing one ordered, typed schema. Writers know layers,
/// not incidents.
///
/// Features are either stored (`features`) or made on demand (`generator`); writers read
/// them through `featureCount`, `feature(at:)` and `forEachFeature`, which never build
/// them all at once. Reading `features` of a generated layer builds every feature (fine for
/// tests and small layers); changing it makes the layer a stored one.
public struct Layer: Sendable {
    public var name: String
    public var title: String
    public var fields: [Field]
    public var style: LayerStyle
    /// Free-text provenance written into layer metadata (border source and scale, ...).
    public var metadata: [String: String]
    /// Makes the features on demand, when the layer is not stored.
    public private(set) var generator: FeatureGenerator?
    private var stored: [Feature]

    public init(name: String, title: String? = nil, fields: [Field], features: [Feature] = [],
                style: LayerStyle, metadata: [String: String] = [:]) {
        self.name = name
        self.title = title ?? name
        self.fields = fields
        self.stored = features
        self.style = style
        self.metadata = metadata
    }

    /// A layer whose features `generator` makes when a writer reaches them.
    public init(name: String, title: String? = nil, fields: [Field], generator: FeatureGenerator,
                style: LayerStyle, metadata: [String: String] = [:]) {
        self.init(name: name, title: title, fields: fields, style: style, metadata: metadata)
        self.generator = generator
    }

    /// Every feature, built. Setting or appending makes the layer a stored one.
    public var features: [Feature] {
        get { generator.map { g in (0..<g.count).map(g.make) } ?? stored }
        _modify {
            if let g = generator {
                stored = (0..<g.count).map(g.make)
                generator = nil
            }
            yield &stored
        }
    }

    public var featureCount: Int { generator?.count ?? stored.count }

    public func feature(at index: Int) -> Feature { generator?.make(index) ?? stored[index] }

    /// Puts feature `i` into `feature`, whose storage a generated layer fills again in place
    /// when it can (``FeatureGenerator/fill``): a writer's loop takes this once and keeps
    /// one feature for all. (Asked of the layer per feature, the generator was copied each
    /// time: a retain and a release of each of its closures, shared by the writers' threads.)
    public var featureFiller: @Sendable (_ i: Int, _ feature: inout Feature) -> Void {
        if let fill = generator?.fill { return fill }
        let layer = self
        return { i, feature in feature = layer.feature(at: i) }
    }

    /// Value `field` of feature `index`, made alone when the generator can.
    public func value(at index: Int, field: Int) -> PropertyValue {
        guard let generator else { return stored[index].values[field] }
        return generator.value?(index, field) ?? generator.make(index).values[field]
    }

    /// Calls `body` with each feature in order, making generated ones one at a time.
    public func forEachFeature(_ body: (Feature) throws -> Void) rethrows {
        if let g = generator {
            for i in 0..<g.count { try body(g.make(i)) }
        } else {
            for feature in stored { try body(feature) }
        }
    }

    /// The index of the field called `name`, if any.
    public func fieldIndex(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// Appends a feature; traps if its values do not match the fields (a programmer error).
    public mutating func append(_ feature: Feature) {
        precondition(feature.values.count == fields.count, "feature \(feature.id) has \(feature.values.count) values for \(fields.count) fields")
        features.append(feature)
    }

    public var boundingBox: BoundingBox? {
        if let g = generator, let box = g.boundingBox { return box }
        var box: BoundingBox?
        forEachFeature { f in
            guard let b = f.geometry.boundingBox else { return }
            if box == nil { box = b } else { box!.expand(toInclude: b) }
        }
        return box
    }
}
