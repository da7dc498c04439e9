import Foundation
import GRDB
import GeoCore

/// Fills a layer's R-tree index (`rtree_<table>_geom`) packed, in one pass, by writing the
/// three tables behind SQLite's rtree module (`_node`, `_parent`, `_rowid`) directly.
///
/// Why: inserting a million boxes through the virtual table runs SQLite's R*-tree
/// insertion (choose-subtree, forced reinserts, node splits) once per row, and that was
/// more than half of writing a GeoPackage. A GeoPackage is written once, from boxes that
/// are all known, so the tree can be packed instead: Sort-Tile-Recursive (Leutenegger,
/// Lopez and Edgington, 1997) sorts the boxes into full nodes level by level. The result
/// is an ordinary R-tree that SQLite queries, updates and checks (`rtreecheck`) as one it
/// built itself; QGIS or GDAL adding features later just insert into it.
///
/// The layout written is the rtree module's own (sqlite/ext/rtree/rtree.c, "Database
/// Format of R-Tree Tables"): node 1 is the root; a node is a blob of the table's node
/// size holding a 2-byte depth (root only: levels above the leaves), a 2-byte cell count,
/// then cells of an 8-byte id (a row id in a leaf, a child node number above) and the
/// box as 32-bit floats (min x, max x, min y, max y), all big-endian. Boxes are rounded
/// outwards to 32-bit floats so each still holds its geometry.
enum GeoPackageRTree {
    /// One cell: an id and its box in 32-bit floats.
    struct Cell {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        init(id: Int64, minX: Float, maxX: Float, minY: Float, maxY: Float) {
            self.id = id
            self.minX = minX
            self.maxX = maxX
            self.minY = minY
            self.maxY = maxY
        }

        /// The box rounded outwards, as the rtree module stores a REAL box.
        init(id: Int64, box: BoundingBox) {
            self.init(id: id, minX: Cell.down(box.west), maxX: Cell.up(box.east),
                      minY: Cell.down(box.south), maxY: Cell.up(box.north))
        }

        /// The box holding every cell of `cells` (not empty), under `id`.
        init(id: Int64, covering cells: some Collection<Cell>) {
            var c = cells.first!
            for other in cells.dropFirst() {
                c.minX = min(c.minX, other.minX)
                c.maxX = max(c.maxX, other.maxX)
                c.minY = min(c.minY, other.minY)
                c.maxY = max(c.maxY, other.maxY)
            }
            c.id = id
            self = c
        }

        /// Twice the centre, to sort by (the factor does not change the order).
        var centreX: Float { minX + maxX }
        var centreY: Float { minY + maxY }

        static func down(_ v: Double) -> Float {
            let f = Float(v)
            return Double(f) > v ? f.nextDown : f
        }

        static func up(_ v: Double) -> Float {
            let f = Float(v)
            return Double(f) < v ? f.nextUp : f
        }
    }

    /// A packed tree: nodes in writing order, the root first.
    struct PackedTree {
        /// Each node's cells; `nodes[0]` is the root (node number 1), node `k` has number
        /// `k + 1`. A leaf's cells hold row ids, an inner node's its children's numbers.
        var nodes: [[Cell]] = []
        /// The parent node number of each node after the root (`parents[k]` for node k + 1).
        var parents: [Int64] = []
        /// Levels above the leaves (0 when the root is the only node).
        var depth = 0
        /// The leaf node number of each row id, in row id order.
        var leafOfRow: [(row: Int64, node: Int64)] = []
    }

    /// Packs `cells` into nodes of at most `capacity` cells with Sort-Tile-Recursive.
    static func pack(_ cells: [Cell], capacity: Int) -> PackedTree {
        precondition(capacity >= 2, "an R-tree node holds at least two cells")
        precondition(cells.count < Int(Int32.max), "more cells than an R-tree level numbers")
        var tree = PackedTree()
        guard !cells.isEmpty else {
            tree.nodes = [[]]
            return tree
        }
        // Levels from the leaves up; each level's groups become the cells of the next. A
        // level is its cells, their order after tiling and the runs of that order that
        // make its groups.
        var levels: [(cells: [Cell], order: [Int32], groups: [Range<Int>])] = []
        var current = cells
        repeat {
            let (order, groups) = tile(current, capacity: capacity)
            levels.append((current, order, groups))
            // Children are numbered later; for now a group's cell carries its index.
            current = groups.indices.map { g in
                Cell(id: Int64(g), covering: groups[g].lazy.map { [current] in current[Int(order[$0])] })
            }
        } while current.count > 1
        tree.depth = levels.count - 1
        // Number the nodes top-down, level by level: the root is 1.
        var firstNumber: [Int64] = Array(repeating: 0, count: levels.count)
        var next: Int64 = 1
        for level in stride(from: levels.count - 1, through: 0, by: -1) {
            firstNumber[level] = next
            next += Int64(levels[level].groups.count)
        }
        tree.nodes.reserveCapacity(Int(next - 1))
        tree.parents = Array(repeating: 0, count: Int(next - 1) - 1)
        // The leaf node number of each input cell, by its place in `cells`.
        var leafOfCell = [Int64](repeating: 0, count: cells.count)
        for level in stride(from: levels.count - 1, through: 0, by: -1) {
            let (members, order, groups) = levels[level]
            for (g, run) in groups.enumerated() {
                let number = firstNumber[level] + Int64(g)
                if level == 0 {
                    tree.nodes.append(run.map { members[Int(order[$0])] })
                    for k in run { leafOfCell[Int(order[k])] = number }
                } else {
                    // An inner group's cells are boxes of the groups one level down.
                    let children = run.map { k -> Cell in
                        var child = members[Int(order[k])]
                        child.id = firstNumber[level - 1] + child.id
                        return child
                    }
                    for child in children { tree.parents[Int(child.id) - 2] = number }
                    tree.nodes.append(children)
                }
            }
        }
        // In row id order: the cells' own order when their ids ascend (a layer's rows do).
        tree.leafOfRow = cells.indices.map { (cells[$0].id, leafOfCell[$0]) }
        if !zip(cells, cells.dropFirst()).allSatisfy({ $0.id < $1.id }) { tree.leafOfRow.sort { $0.row < $1.row } }
        return tree
    }

    /// One level of Sort-Tile-Recursive: vertical slices by centre x, each cut into groups
    /// by centre y, every group full but the last of a slice. The groups are runs of
    /// `order`, a permutation of the indices of `cells`.
    private static func tile(_ cells: [Cell], capacity: Int) -> (order: [Int32], groups: [Range<Int>]) {
        let groupCount = (cells.count + capacity - 1) / capacity
        let sliceCount = Int(Double(groupCount).squareRoot().rounded(.up))
        let perSlice = ((groupCount + sliceCount - 1) / sliceCount) * capacity
        var order = RadixOrder.ascending(cells.map { RadixOrder.key($0.centreX) })
        var groups: [Range<Int>] = []
        groups.reserveCapacity(groupCount + sliceCount)
        var start = 0
        while start < order.count {
            let end = min(start + perSlice, order.count)
            let slice = Array(order[start..<end])
            let byY = RadixOrder.ascending(slice.map { RadixOrder.key(cells[Int($0)].centreY) })
            for k in 0..<slice.count { order[start + k] = slice[Int(byY[k])] }
            var s = start
            while s < end {
                groups.append(s..<min(s + capacity, end))
                s += capacity
            }
            start = end
        }
        return (order, groups)
    }

    /// A node's blob of `size` bytes.
    static func blob(_ cells: [Cell], depth: Int, size: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(size)
        append(UInt16(depth), to: &out)
        append(UInt16(cells.count), to: &out)
        for c in cells {
            append(UInt64(bitPattern: c.id), to: &out)
            append(c.minX.bitPattern, to: &out)
            append(c.maxX.bitPattern, to: &out)
            append(c.minY.bitPattern, to: &out)
            append(c.maxY.bitPattern, to: &out)
        }
        precondition(out.count <= size, "more cells than a node holds")
        out.append(contentsOf: repeatElement(0, count: size - out.count))
        return out
    }

    private static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
    }

    /// Bytes per cell of a two-dimensional REAL rtree: the id and four 32-bit floats.
    static let cellBytes = 24

    /// Writes `boxes` into the empty rtree table `name` (unquoted), just created.
    static func fill(_ name: String, boxes: [(fid: Int64, box: BoundingBox)], db: Database) throws {
        let q = GeoPackageSchema.quoted
        // The node size follows the page size the table was created with: read it back.
        guard let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \(q(name + "_node")) WHERE nodeno = 1"),
              nodeSize > 4 + 2 * cellBytes
        else { throw ExportError.invalidLayer(layer: name, reason: "the R-tree has no root node to fill") }
        guard !boxes.isEmpty else { return }
        let tree = pack(boxes.map { Cell(id: $0.fid, box: $0.box) }, capacity: (nodeSize - 4) / cellBytes)

        try db.execute(sql: "DELETE FROM \(q(name + "_node"))")
        var nodes = try GeoPackageBatchInsert(db: db, prefix: "INSERT INTO \(q(name + "_node")) (nodeno, data)",
                                              columns: 2, rows: tree.nodes.count, rowsPerStatement: 64)
        for (k, cells) in tree.nodes.enumerated() {
            nodes.bind(Int64(k + 1))
            nodes.bind(blob: blob(cells, depth: k == 0 ? tree.depth : 0, size: nodeSize))
            try nodes.endRow()
        }
        nodes.finish()
        try insertPairs("INSERT INTO \(q(name + "_parent")) (nodeno, parentnode)",
                        tree.parents.enumerated().lazy.map { (Int64($0.offset + 2), $0.element) },
                        count: tree.parents.count, db: db)
        try insertPairs("INSERT INTO \(q(name + "_rowid")) (rowid, nodeno)", tree.leafOfRow.lazy.map { ($0.row, $0.node) },
                        count: tree.leafOfRow.count, db: db)
    }

    /// Inserts `count` pairs of integers, several rows to a statement.
    private static func insertPairs(_ prefix: String, _ pairs: some Sequence<(Int64, Int64)>, count: Int,
                                    db: Database) throws {
        var insert = try GeoPackageBatchInsert(db: db, prefix: prefix, columns: 2, rows: count, rowsPerStatement: 256)
        for (a, b) in pairs {
            insert.bind(a)
            insert.bind(b)
            try insert.endRow()
        }
        insert.finish()
    }
}

/// Sorting by 32-bit keys in linear time, for packing an R-tree.
///
/// Why: Sort-Tile-Recursive sorts every cell by x, then each slice by y; comparison sorts
/// of a million 24-byte cells took a fifth of a second of the GeoPackage's CPU time. A
/// radix sort over the keys gives the same order (it is stable, as `sorted(by:)` is).
enum RadixOrder {
    /// A key whose unsigned order is `Float`'s `<` order: negative values have every bit
    /// flipped, others the sign bit set; −0 is taken as +0, which `<` holds equal to it.
    static func key(_ value: Float) -> UInt32 {
        let bits = (value == 0 ? 0 : value).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// The indices of `keys` in ascending order of their keys, equal keys in their order:
    /// a least-significant-digit radix sort, eleven bits a pass, skipping a pass whose
    /// digit every key shares (the high bits of nearby coordinates).
    static func ascending(_ keys: [UInt32]) -> [Int32] {
        precondition(keys.count < Int(Int32.max), "more keys than an order numbers")
        var order = (0..<Int32(keys.count)).map { $0 }
        guard keys.count > 1 else { return order }
        var spare = [Int32](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 2048)
        for shift in stride(from: 0, to: 32, by: 11) {
            counts.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            for key in keys { counts[Int((key >> UInt32(shift)) & 2047)] += 1 }
            if counts[Int((keys[0] >> UInt32(shift)) & 2047)] == keys.count { continue }
            var total = 0
            for d in 0..<2048 {
                let c = counts[d]
                counts[d] = total
                total += c
            }
            for i in order {
                let d = Int((keys[Int(i)] >> UInt32(shift)) & 2047)
                spare[counts[d]] = i
                counts[d] += 1
            }
            swap(&order, &spare)
        }
        return order
    }
}
