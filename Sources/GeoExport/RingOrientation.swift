import GeoCore

/// Ring winding as RFC 7946 (section 3.1.6) asks: exterior rings counter-clockwise, holes
/// clockwise, in longitude/latitude.
enum RingOrientation {
    /// Twice the signed area of a closed ring by the shoelace formula, in square degrees:
    /// positive when counter-clockwise. Coordinates are taken relative to the first vertex
    /// so the products stay small and exact enough for rings a few metres across.
    static func signedDoubleArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let x0 = ring[0].longitude, y0 = ring[0].latitude
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.longitude - x0) * (b.latitude - y0) - (b.longitude - x0) * (a.latitude - y0)
        }
        return sum
    }

    /// The ring, reversed when needed so it winds counter-clockwise (`exterior`) or
    /// clockwise (a hole). Degenerate rings (zero area) are left as they are.
    static func oriented(_ ring: [Coordinate], exterior: Bool) -> [Coordinate] {
        let area = signedDoubleArea(ring)
        if area == 0 || (area > 0) == exterior { return ring }
        return ring.reversed()
    }

    /// A polygon's rings with the first counter-clockwise and the rest clockwise.
    static func oriented(polygon rings: [[Coordinate]]) -> [[Coordinate]] {
        rings.enumerated().map { oriented($0.element, exterior: $0.offset == 0) }
    }

    /// The geometry with every polygon ring oriented for RFC 7946; other geometries unchanged.
    static func rfc7946(_ geometry: Geometry) -> Geometry {
        switch geometry {
        case .polygon(let rings): .polygon(oriented(polygon: rings))
        case .multiPolygon(let polygons): .multiPolygon(polygons.map { oriented(polygon: $0) })
        default: geometry
        }
    }
}
