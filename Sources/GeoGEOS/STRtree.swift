public import GeoCore
internal import CGEOS

/// A Sort-Tile-Recursive R-tree over geometries or boxes, each tagged with an integer id.
///
/// Use it before any all-pairs loop: "which incidents lie in this box", "which border segment
/// is nearest". Items are inserted first; the first query builds (packs) the tree, after which
/// inserting again is a programming error and traps, as GEOS cannot add to a packed tree.
///
/// The tree keeps each inserted geometry alive (inserting a box or a position makes a GEOS
/// geometry for it), because ``nearest(to:)`` measures exact distances to them. Ids are the
/// caller's: they need not be distinct or dense. Results come in tree order, which is not the
/// insertion order.
///
/// Not `Sendable` and not thread-safe even for queries: GEOS builds the tree lazily on the
/// first query and its nearest-neighbour search keeps state in the tree (GEOS issue 825).
/// Build one tree per worker.
///
/// All extents and distances are planar, in coordinate units.
///
/// The corresponding C functions are `GEOSSTRtree_create_r` and `GEOSSTRtree_destroy_r`.
public final class STRtree {
    /// The context of the tree and of every geometry inserted into it.
    public let context: GEOSContext
    private let handle: OpaquePointer
    /// Per slot: the caller's id and the geometry kept alive for it. GEOS stores `slot + 1`
    /// as the item pointer, so that no item is NULL (NULL is GEOS's failure value).
    private var ids: [Int] = []
    private var geometries: [GEOSGeometry] = []
    private var isBuilt = false

    /// Creates an empty tree.
    ///
    /// - Parameter nodeCapacity: the most children a node may have; GEOS recommends at least 4
    ///   and 10 when unsure.
    public init(context: GEOSContext, nodeCapacity: Int = 10) throws {
        precondition(nodeCapacity >= 2, "an STRtree node needs room for at least 2 children")
        self.context = context
        self.handle = try context.pointer("GEOSSTRtree_create_r") {
            GEOSSTRtree_create_r(context.handle, nodeCapacity)
        }
    }

    deinit {
        // The tree owns neither items nor geometries: destroying it frees only its nodes, and
        // the geometries in `geometries` are released after it.
        GEOSSTRtree_destroy_r(context.handle, handle)
    }

    /// The number of items inserted, including any with an empty geometry (which GEOS does
    /// not index and no query returns).
    public var count: Int { ids.count }

    /// Inserts `geometry` under `id`, indexed by its envelope.
    ///
    /// The corresponding C function is `GEOSSTRtree_insert_r`.
    public func insert(_ geometry: GEOSGeometry, id: Int) {
        precondition(geometry.context === context, "GEOS geometries from different contexts cannot be combined")
        precondition(!isBuilt, "cannot insert into an STRtree after it has been queried")
        let slot = ids.count
        ids.append(id)
        geometries.append(geometry)
        GEOSSTRtree_insert_r(context.handle, handle, geometry.handle, Self.item(slot))
    }

    /// Inserts the box under `id`; ``nearest(to:)`` measures distances to the box.
    public func insert(_ box: BoundingBox, id: Int) throws {
        insert(try Self.boxGeometry(box, context: context), id: id)
    }

    /// Inserts a position under `id`.
    public func insert(_ position: Coordinate, id: Int) throws {
        insert(try GEOSGeometry(point: position, context: context), id: id)
    }

    /// The ids of the items whose envelopes intersect `box` (boundaries included).
    ///
    /// The corresponding C function is `GEOSSTRtree_query_r`.
    public func query(_ box: BoundingBox) throws -> [Int] {
        try query(intersecting: Self.boxGeometry(box, context: context))
    }

    /// The ids of the items whose envelopes intersect the envelope of `geometry`. A candidate
    /// list: test the geometries themselves when envelopes are not enough.
    ///
    /// The corresponding C function is `GEOSSTRtree_query_r`.
    public func query(intersecting geometry: GEOSGeometry) throws -> [Int] {
        precondition(geometry.context === context, "GEOS geometries from different contexts cannot be combined")
        isBuilt = true
        var slots: [Int] = []
        context.lastErrorMessage = nil
        withUnsafeMutablePointer(to: &slots) { slotsPointer in
            GEOSSTRtree_query_r(context.handle, handle, geometry.handle, { item, userdata in
                guard let item, let userdata else { return }
                userdata.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, slotsPointer)
        }
        // The query reports failure only through the error handler.
        if context.lastErrorMessage != nil { throw context.failure("GEOSSTRtree_query_r") }
        return slots.map { ids[$0] }
    }

    /// The id of the item nearest to `geometry` by exact planar distance (to the inserted
    /// geometry, not its envelope), or nil when the tree holds nothing GEOS indexed. Ties go
    /// to whichever GEOS finds first.
    ///
    /// The corresponding C function is `GEOSSTRtree_nearest_generic_r`, with `GEOSDistance_r`
    /// as the distance.
    public func nearest(to geometry: GEOSGeometry) throws -> Int? {
        precondition(geometry.context === context, "GEOS geometries from different contexts cannot be combined")
        if try ids.isEmpty || geometry.isEmpty { return nil }
        isBuilt = true
        var search = NearestSearch(
            context: context.handle, query: geometry.handle, items: geometries.map(\.handle))
        context.lastErrorMessage = nil
        let found = withUnsafeMutablePointer(to: &search) { searchPointer in
            GEOSSTRtree_nearest_generic_r(
                context.handle, handle, NearestSearch.queryItem, geometry.handle,
                { item1, item2, distance, userdata in
                    guard let userdata, let distance else { return 0 }
                    return userdata.assumingMemoryBound(to: NearestSearch.self).pointee
                        .measure(item1, item2, into: distance)
                }, searchPointer)
        }
        guard let found else {
            // NULL is an exception, or a tree with only empty geometries (nothing indexed).
            if context.lastErrorMessage != nil { throw context.failure("GEOSSTRtree_nearest_generic_r") }
            return nil
        }
        return ids[Int(bitPattern: found) - 1]
    }

    /// The id of the item nearest to `position`; see ``nearest(to:)-(GEOSGeometry)``.
    public func nearest(to position: Coordinate) throws -> Int? {
        try nearest(to: GEOSGeometry(point: position, context: context))
    }

    private static func item(_ slot: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: slot + 1)
    }

    private static func boxGeometry(_ box: BoundingBox, context: GEOSContext) throws -> GEOSGeometry {
        precondition(box.west <= box.east && box.south <= box.north, "box must have west <= east, south <= north")
        if box.west == box.east && box.south == box.north {
            return try GEOSGeometry(point: Coordinate(longitude: box.west, latitude: box.south), context: context)
        }
        let ring = [
            Coordinate(longitude: box.west, latitude: box.south),
            Coordinate(longitude: box.east, latitude: box.south),
            Coordinate(longitude: box.east, latitude: box.north),
            Coordinate(longitude: box.west, latitude: box.north),
            Coordinate(longitude: box.west, latitude: box.south),
        ]
        return try GEOSGeometry(.polygon([ring]), context: context)
    }
}

/// What the distance callback of a nearest-neighbour search needs, passed as its userdata.
/// GEOS hands the callback item pointers: `queryItem` for the query, `slot + 1` for the tree.
private struct NearestSearch {
    /// A pointer value no tree item uses (they are small positive integers).
    static var queryItem: UnsafeRawPointer? { UnsafeRawPointer(bitPattern: UInt.max) }

    let context: OpaquePointer
    let query: OpaquePointer
    let items: [OpaquePointer]

    func geometry(_ item: UnsafeRawPointer?) -> OpaquePointer? {
        guard let item else { return nil }
        if item == Self.queryItem { return query }
        let slot = Int(bitPattern: item) - 1
        return items.indices.contains(slot) ? items[slot] : nil
    }

    /// Follows GEOS's convention for this callback: non-zero on success, 0 on failure, in which
    /// case GEOS throws and the search returns NULL.
    func measure(_ item1: UnsafeRawPointer?, _ item2: UnsafeRawPointer?,
                 into distance: UnsafeMutablePointer<Double>) -> Int32 {
        guard let a = geometry(item1), let b = geometry(item2) else { return 0 }
        return GEOSDistance_r(context, a, b, distance)
    }
}

@available(*, unavailable, message: "an STRtree must not be shared between threads (GEOS issue 825)")
extension STRtree: Sendable {}
