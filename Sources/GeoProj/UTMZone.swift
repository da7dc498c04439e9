import GeoCore

/// A zone of the Universal Transverse Mercator system on WGS84, with its EPSG CRS
/// (326zz north of the equator, 327zz south).
public struct UTMZone: Sendable, Hashable, CustomStringConvertible {
    /// North or south of the equator; the equator itself counts as north.
    public enum Hemisphere: Sendable, Hashable {
        case north, south
    }

    /// Zone number, 1 to 60.
    public let number: Int
    public let hemisphere: Hemisphere

    /// The zone `number` (1 to 60) in `hemisphere`.
    public init(number: Int, hemisphere: Hemisphere) {
        precondition((1...60).contains(number), "UTM zone numbers run from 1 to 60, not \(number)")
        self.number = number
        self.hemisphere = hemisphere
    }

    /// The standard zone for `coordinate`, or nil outside UTM's latitudes (80°S to 84°N,
    /// the polar caps belong to UPS) or for a non-finite coordinate.
    ///
    /// Zones are 6° of longitude wide, from zone 1 at 180°W. The two exceptions of the UTM
    /// grid are applied, as GeographicLib's `UTMUPS::StandardZone` and MGRS do: between
    /// 56°N and 64°N, zone 31 east of 3°E belongs to zone 32 (south-west Norway); between
    /// 72°N and 84°N, from 0° to 42°E, only the odd zones 31, 33, 35 and 37 exist, each
    /// 12° wide and centred on its meridian (Svalbard). A point on a zone edge belongs to
    /// the zone east of it.
    public init?(containing coordinate: Coordinate) {
        let lat = coordinate.latitude, lon = coordinate.longitude
        guard lat.isFinite, lon.isFinite, lat >= -80, lat < 84 else { return nil }
        // Whole degrees of longitude in [-180, 180).
        var wholeLongitude = Int((lon - 360 * (lon / 360).rounded(.down)).rounded(.down))
        if wholeLongitude >= 180 { wholeLongitude -= 360 }
        var number = (wholeLongitude + 186) / 6
        // MGRS latitude bands are 8° tall from 80°S; band X (72°N to 84°N) is 12° tall.
        let band = min(9, max(-10, Int((lat / 8).rounded(.down))))
        if band == 7 && number == 31 && wholeLongitude >= 3 {
            number = 32
        } else if band == 9 && wholeLongitude >= 0 && wholeLongitude < 42 {
            number = 2 * ((wholeLongitude + 183) / 12) + 1
        }
        self.init(number: number, hemisphere: lat >= 0 ? .north : .south)
    }

    /// The EPSG code of the zone's WGS84 CRS: 32600 + number north, 32700 + number south.
    public var epsgCode: Int {
        (hemisphere == .north ? 32600 : 32700) + number
    }

    /// The zone's WGS84 CRS, in easting and northing (metres).
    public var crs: CoordinateReferenceSystem {
        .epsg(epsgCode)
    }

    /// Longitude of the zone's central meridian in degrees (the Norway and Svalbard zones
    /// keep their nominal meridians).
    public var centralMeridian: Double {
        Double(6 * number - 183)
    }

    public var description: String {
        "UTM \(number)\(hemisphere == .north ? "N" : "S")"
    }
}
