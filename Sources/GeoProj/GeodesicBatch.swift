internal import CPROJ
import GeoCore

// Batch forms: one loop over geod_inverse / geod_direct with no per-point allocation.
// The `into:` forms write into caller-owned arrays, so a caller that reuses its buffers
// allocates nothing at all; they are the fast path for large inputs.
extension Geodesic {
    /// Distances in metres from each `from[i]` to `to[i]`; the arrays must have equal length.
    ///
    /// The corresponding C function is `geod_inverse`.
    public func distances(from: [Coordinate], to: [Coordinate]) -> [Double] {
        precondition(from.count == to.count, "distances(from:to:) needs arrays of equal length")
        return [Double](unsafeUninitializedCapacity: from.count) { buffer, count in
            from.withUnsafeBufferPointer { a in
                to.withUnsafeBufferPointer { b in
                    fillDistances(a, b, buffer)
                }
            }
            count = from.count
        }
    }

    /// Writes into `result[i]` the distance in metres from `from[i]` to `to[i]`; all three
    /// arrays must have equal length. `result` is overwritten, not resized.
    ///
    /// The corresponding C function is `geod_inverse`.
    public func distances(from: [Coordinate], to: [Coordinate], into result: inout [Double]) {
        precondition(from.count == to.count && to.count == result.count,
                     "distances(from:to:into:) needs arrays of equal length")
        from.withUnsafeBufferPointer { a in
            to.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { fillDistances(a, b, $0) }
            }
        }
    }

    /// Distances in metres from `origin` to each of `targets`.
    ///
    /// The corresponding C function is `geod_inverse`.
    public func distances(from origin: Coordinate, to targets: [Coordinate]) -> [Double] {
        [Double](unsafeUninitializedCapacity: targets.count) { buffer, count in
            for (i, b) in targets.enumerated() {
                var s12 = 0.0
                geod_inverse(state, origin.latitude, origin.longitude, b.latitude, b.longitude, &s12, nil, nil)
                buffer[i] = s12
            }
            count = targets.count
        }
    }

    /// Inverse solutions from each `from[i]` to `to[i]`; the arrays must have equal length.
    ///
    /// The corresponding C function is `geod_inverse`.
    public func inverse(from: [Coordinate], to: [Coordinate]) -> [GeodesicInverse] {
        precondition(from.count == to.count, "inverse(from:to:) needs arrays of equal length")
        return [GeodesicInverse](unsafeUninitializedCapacity: from.count) { buffer, count in
            from.withUnsafeBufferPointer { a in
                to.withUnsafeBufferPointer { b in
                    fillInverse(a, b, buffer)
                }
            }
            count = from.count
        }
    }

    /// Writes into `result[i]` the inverse solution from `from[i]` to `to[i]`; all three
    /// arrays must have equal length. `result` is overwritten, not resized.
    ///
    /// The corresponding C function is `geod_inverse`.
    public func inverse(from: [Coordinate], to: [Coordinate], into result: inout [GeodesicInverse]) {
        precondition(from.count == to.count && to.count == result.count,
                     "inverse(from:to:into:) needs arrays of equal length")
        from.withUnsafeBufferPointer { a in
            to.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { fillInverse(a, b, $0) }
            }
        }
    }

    /// The points `distances[i]` metres from `starts[i]` along azimuth `azimuths[i]`
    /// (degrees clockwise from north); the arrays must have equal length.
    ///
    /// The corresponding C function is `geod_direct`.
    public func direct(from starts: [Coordinate], azimuths: [Double], distances: [Double]) -> [GeodesicDirect] {
        precondition(starts.count == azimuths.count && azimuths.count == distances.count,
                     "direct(from:azimuths:distances:) needs arrays of equal length")
        return [GeodesicDirect](unsafeUninitializedCapacity: starts.count) { buffer, count in
            for i in 0..<starts.count {
                var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
                geod_direct(state, starts[i].latitude, starts[i].longitude, azimuths[i], distances[i],
                            &lat2, &lon2, &azi2)
                buffer.initializeElement(
                    at: i, to: GeodesicDirect(destination: Coordinate(longitude: lon2, latitude: lat2), azimuth2: azi2))
            }
            count = starts.count
        }
    }

    private func fillDistances(_ a: UnsafeBufferPointer<Coordinate>, _ b: UnsafeBufferPointer<Coordinate>,
                               _ out: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<a.count {
            var s12 = 0.0
            geod_inverse(state, a[i].latitude, a[i].longitude, b[i].latitude, b[i].longitude, &s12, nil, nil)
            out[i] = s12
        }
    }

    private func fillInverse(_ a: UnsafeBufferPointer<Coordinate>, _ b: UnsafeBufferPointer<Coordinate>,
                             _ out: UnsafeMutableBufferPointer<GeodesicInverse>) {
        for i in 0..<a.count {
            var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
            geod_inverse(state, a[i].latitude, a[i].longitude, b[i].latitude, b[i].longitude, &s12, &azi1, &azi2)
            out.initializeElement(at: i, to: GeodesicInverse(distance: s12, azimuth1: azi1, azimuth2: azi2))
        }
    }
}
