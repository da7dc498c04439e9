/// A position on the WGS84 ellipsoid, always longitude first.
///
/// Every public API of incidentmap takes and returns coordinates in this order, as GeoJSON
/// and `always_xy` PROJ do; only the geodesic wrapper knows that `geod_inverse` wants
/// latitude first.
public struct Coordinate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Longitude in degrees, east positive.
    public var longitude: Double
    /// Latitude in degrees, north positive.
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Whether both values are finite and within [-180, 180] and [-90, 90].
    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite && abs(longitude) <= 180 && abs(latitude) <= 90
    }

    public var description: String { "(\(longitude), \(latitude))" }
}

/// An axis-aligned box in degrees: west, south, east, north.
public struct BoundingBox: Sendable, Hashable, Codable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// The smallest box holding all `coordinates`, or nil when there are none.
    ///
    /// Inlinable, so that callers in other modules get it specialised for their sequence:
    /// through the generic entry point, the incidents layer's box over a million lazily
    /// mapped coordinates took 0.3 s on one thread instead of milliseconds.
    @inlinable
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(west: first.longitude, south: first.latitude,
                              east: first.longitude, north: first.latitude)
        while let c = iterator.next() { box.expand(toInclude: c) }
        self = box
    }

    public mutating func expand(toInclude c: Coordinate) {
        west = min(west, c.longitude)
        east = max(east, c.longitude)
        south = min(south, c.latitude)
        north = max(north, c.latitude)
    }

    public mutating func expand(toInclude other: BoundingBox) {
        west = min(west, other.west)
        east = max(east, other.east)
        south = min(south, other.south)
        north = max(north, other.north)
    }

    public func contains(_ c: Coordinate) -> Bool {
        c.longitude >= west && c.longitude <= east && c.latitude >= south && c.latitude <= north
    }
}
