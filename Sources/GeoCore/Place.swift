/// What kind of place a gazetteer entry is; ranking prefers seats and towns over villages
/// of the same name, and region-only mentions resolve to areas.
public enum PlaceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A country.
    case country
    /// A governorate or province (admin level 1).
    case admin1
    /// A district or sub-district (admin level 2 or 3).
    case admin2
    /// The seat of an admin area (GeoNames PPLC, PPLA, PPLA2...).
    case seat
    /// A town or city.
    case town
    /// A village or hamlet.
    case village
    /// An official border crossing.
    case crossing
    /// A named feature that is not a settlement: a mountain range, a plain, an industrial site.
    case feature
}

/// A named place of the gazetteer.
public struct Place: Sendable, Hashable, Identifiable {
    /// Stable identifier: `geonames:170892`, `admin1:SY-ID`, `curated:sarmada`.
    public var id: String
    /// The preferred English name.
    public var name: String
    /// ISO 3166-1 alpha-2 country code ("SY", "TR").
    public var country: String
    /// Name of the governorate or province, when known.
    public var admin1: String?
    /// The place's point; for areas, a representative point inside it.
    public var coordinate: Coordinate
    public var kind: PlaceKind
    /// Population from the source, when known.
    public var population: Int?
    /// Every other spelling the source knows (Latin, Arabic, Turkish, Kurdish scripts).
    public var alternateNames: [String]
    /// Whether the coordinate is approximate (a curated row anchored on a nearby place).
    public var isApproximate: Bool
    /// Where the row comes from ("GeoNames", "Natural Earth", or the cited page).
    public var source: String

    public init(id: String, name: String, country: String, admin1: String? = nil,
                coordinate: Coordinate, kind: PlaceKind, population: Int? = nil,
                alternateNames: [String] = [], isApproximate: Bool = false, source: String) {
        self.id = id
        self.name = name
        self.country = country
        self.admin1 = admin1
        self.coordinate = coordinate
        self.kind = kind
        self.population = population
        self.alternateNames = alternateNames
        self.isApproximate = isApproximate
        self.source = source
    }
}
