import GeoCore

/// Point-in-polygon tests against a country outline, in lon/lat degrees, by ray casting.
///
/// Edges are bucketed into latitude strips, so a test only counts the crossings of the few
/// edges in the strip of the point instead of every edge of the outline. Rings may be
/// exteriors or holes: the even-odd rule handles both. Points exactly on an edge may go to
/// either side; at the border that is the honest answer.
struct OutlineIndex: Sendable {
    let south: Double, north: Double, west: Double, east: Double
    let stripHeight: Double
    /// Edge end points, grouped by strip: strip `i` holds edges `stripStart[i]..<stripStart[i+1]`.
    let x1: [Double], y1: [Double], x2: [Double], y2: [Double]
    let stripStart: [Int32]

    /// Indexes the rings of `polygons` (each polygon a list of rings, closed or not).
    init(polygons: [[[Coordinate]]]) {
        var edges: [(Coordinate, Coordinate)] = []
        for rings in polygons {
            for ring in rings where ring.count >= 3 {
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[(i + 1) % ring.count]
                    if a != b { edges.append((a, b)) }
                }
            }
        }
        let box = BoundingBox(covering: edges.flatMap { [$0.0, $0.1] })
            ?? BoundingBox(west: 0, south: 0, east: 0, north: 0)
        south = box.south; north = box.north; west = box.west; east = box.east
        let strips = max(1, min(4096, edges.count / 4))
        stripHeight = max((north - south) / Double(strips), 1e-9)
        var buckets = [[Int]](repeating: [], count: strips)
        for (k, edge) in edges.enumerated() {
            let lo = Self.strip(min(edge.0.latitude, edge.1.latitude), south: south, height: stripHeight,
                                count: strips)
            let hi = Self.strip(max(edge.0.latitude, edge.1.latitude), south: south, height: stripHeight,
                                count: strips)
            for s in lo...hi { buckets[s].append(k) }
        }
        var x1: [Double] = [], y1: [Double] = [], x2: [Double] = [], y2: [Double] = []
        var start: [Int32] = [0]
        for bucket in buckets {
            for k in bucket {
                x1.append(edges[k].0.longitude); y1.append(edges[k].0.latitude)
                x2.append(edges[k].1.longitude); y2.append(edges[k].1.latitude)
            }
            start.append(Int32(x1.count))
        }
        self.x1 = x1; self.y1 = y1; self.x2 = x2; self.y2 = y2
        stripStart = start
    }

    /// Builds the index from a Polygon or MultiPolygon; other geometries give an empty outline.
    init(geometry: Geometry) {
        switch geometry {
        case .polygon(let rings): self.init(polygons: [rings])
        case .multiPolygon(let polygons): self.init(polygons: polygons)
        default: self.init(polygons: [])
        }
    }

    @inline(__always)
    static func strip(_ latitude: Double, south: Double, height: Double, count: Int) -> Int {
        min(count - 1, max(0, Int((latitude - south) / height)))
    }

    /// Whether the point lies inside the outline (even-odd rule).
    func contains(_ c: Coordinate) -> Bool {
        let x = c.longitude, y = c.latitude
        guard y >= south, y <= north, x >= west, x <= east, !x1.isEmpty else { return false }
        let s = Self.strip(y, south: south, height: stripHeight, count: stripStart.count - 1)
        var inside = false
        for k in Int(stripStart[s])..<Int(stripStart[s + 1]) {
            let ya = y1[k], yb = y2[k]
            // Half-open in latitude, so a ray through a vertex counts it once.
            if (ya > y) != (yb > y) {
                let xCross = x1[k] + (y - ya) * (x2[k] - x1[k]) / (yb - ya)
                if x < xCross { inside.toggle() }
            }
        }
        return inside
    }
}
