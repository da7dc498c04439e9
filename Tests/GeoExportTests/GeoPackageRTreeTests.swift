import Foundation
import GeoCore
import GRDB
import Testing
@testable import GeoExport

/// The packed R-tree must be one SQLite itself accepts: its own integrity check passes,
/// window queries find exactly the rows a scan finds, and later edits through the rtree
/// module (what QGIS or GDAL do when a user adds or deletes a feature) keep it whole.
@Suite struct GeoPackageRTreeTests {
    /// Synthetic points and small boxes from a fixed linear congruential sequence, with
    /// repeats (several features at one place, as geocoded incidents often are).
    private func layer(count: Int) -> Layer {
        var layer = Layer(name: "packed", fields: [Field("n", .integer)], style: LayerStyle(color: "#2b8cbe"))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<count {
            let x = 35 + 8 * next(), y = 34 + 4 * next()
            let geometry: Geometry
            if i % 7 == 3, let previous = layer.features.last {
                geometry = previous.geometry
            } else if i % 5 == 0 {
                let w = 0.2 * next(), h = 0.2 * next()
                geometry = .polygon([[Coordinate(longitude: x, latitude: y), Coordinate(longitude: x + w, latitude: y),
                                      Coordinate(longitude: x + w, latitude: y + h),
                                      Coordinate(longitude: x, latitude: y)]])
            } else {
                geometry = .point(Coordinate(longitude: x, latitude: y))
            }
            layer.features.append(Feature(id: "f\(i)", geometry: geometry, values: [.integer(i)]))
        }
        return layer
    }

    private func write(_ layer: Layer) throws -> DatabaseQueue {
        let url = try SampleLayers.folder().appendingPathComponent("packed-\(layer.features.count).gpkg")
        try GeoPackageWriter.write([layer], to: url)
        return try DatabaseQueue(path: url.path)
    }

    /// 1 and 51 fill the root alone; 52 needs a second level; 2,700 and 9,000 need three.
    @Test(arguments: [1, 2, 51, 52, 700, 2_700, 9_000])
    func sqliteChecksTheTreeAndQueriesMatchAScan(count: Int) throws {
        let layer = layer(count: count)
        let db = try write(layer)
        try db.read { db in
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_packed_geom')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_packed_geom") == count)
            let boxes = layer.features.map { $0.geometry.boundingBox! }
            var state: UInt64 = 42
            for _ in 0..<40 {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                let x = 35 + 8 * Double(state >> 40) / Double(1 << 24)
                let y = 34 + 4 * Double((state >> 16) & 0xFF_FFFF) / Double(1 << 24)
                let (w, e, s, n) = (x - 0.3, x + 0.3, y - 0.2, y + 0.2)
                let found = try Int64.fetchAll(db, sql: """
                    SELECT id FROM rtree_packed_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?
                    ORDER BY id
                    """, arguments: [w, e, s, n])
                // A scan of the exact boxes; the index's 32-bit boxes are rounded outwards, so
                // it may add a box that only touches the window within a float's step.
                let scanned = boxes.indices.filter {
                    boxes[$0].east >= w && boxes[$0].west <= e && boxes[$0].north >= s && boxes[$0].south <= n
                }.map { Int64($0 + 1) }
                #expect(Set(scanned).isSubset(of: Set(found)))
                for id in Set(found).subtracting(scanned) {
                    let b = boxes[Int(id) - 1]
                    let gap = max(w - b.east, b.west - e, s - b.north, b.south - n)
                    #expect(gap < 1e-5, "row \(id) is \(gap)° outside the window")
                }
            }
        }
    }

    @Test func editsThroughTheRtreeModuleKeepTheTreeWhole() throws {
        let db = try write(layer(count: 3_000))
        try db.write { db in
            for k in 0..<400 {
                let x = 30 + Double(k % 20) * 0.01, y = 36 + Double(k / 20) * 0.01
                try db.execute(sql: "INSERT INTO rtree_packed_geom VALUES (?, ?, ?, ?, ?)",
                               arguments: [100_000 + k, x, x, y, y])
            }
            try db.execute(sql: "DELETE FROM rtree_packed_geom WHERE id % 3 = 0 AND id < 2000")
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_packed_geom')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_packed_geom") == 3_000 + 400 - 666)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM rtree_packed_geom WHERE minx >= 30 AND maxx <= 30.2 AND miny >= 36 AND maxy <= 36.2
                """) == 400)
        }
    }

    @Test func packingFillsNodesAndLinksEveryLevel() {
        let cells = (0..<1_000).map { (i: Int) -> GeoPackageRTree.Cell in
            let x = Double(i % 40), y = Double(i / 40)
            return GeoPackageRTree.Cell(id: Int64(i + 1), box: BoundingBox(west: x, south: y, east: x, north: y))
        }
        let tree = GeoPackageRTree.pack(cells, capacity: 10)
        // 1,000 cells in nodes of 10: 100 leaves, 10 inner nodes, one root.
        #expect(tree.depth == 2)
        #expect(tree.nodes.count == 111)
        #expect(tree.nodes.allSatisfy { $0.count <= 10 })
        let rows: [Int64] = tree.leafOfRow.map { $0.row }
        #expect(rows == Array(Int64(1)...Int64(1_000)))
        // Every node but the root has the parent whose cell names it, and the cell's box
        // holds the child's cells.
        for (k, parent) in tree.parents.enumerated() {
            let number = Int64(k + 2)
            let siblings: [GeoPackageRTree.Cell] = tree.nodes[Int(parent) - 1]
            guard let cell = siblings.first(where: { $0.id == number }) else {
                Issue.record("node \(number) is not a child of its parent \(parent)")
                continue
            }
            let children: [GeoPackageRTree.Cell] = tree.nodes[Int(number) - 1]
            for child in children {
                #expect(cell.minX <= child.minX && cell.maxX >= child.maxX)
                #expect(cell.minY <= child.minY && cell.maxY >= child.maxY)
            }
        }
    }

    /// The radix order is `sorted(by: <)`'s, stable, on keys with ties, signs and zeros of
    /// both signs, at sizes that skip passes (nearby values) and that need all three.
    @Test(arguments: [0, 1, 2, 17, 5_000])
    func radixOrderIsAStableSortByFloatOrder(count: Int) {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pools: [[Float]] = [
            (0..<count).map { _ in Float(next() % 2000) / 7 - 140 },
            (0..<count).map { _ in 35 + Float(next() % 100_000) / 100_000 },
            (0..<count).map { _ in
                [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.greatestFiniteMagnitude][Int(next() % 6)]
            },
        ]
        for values in pools {
            let expected = values.indices.sorted { values[$0] < values[$1] }.map(Int32.init)
            #expect(RadixOrder.ascending(values.map(RadixOrder.key)) == expected)
        }
    }

    /// Cells given out of row id order still list their leaves in row id order.
    @Test func leavesAreListedInRowOrderWhateverTheCellsOrder() {
        let cells = (0..<300).map { (i: Int) -> GeoPackageRTree.Cell in
            let x = Double(i % 17), y = Double(i / 17)
            return GeoPackageRTree.Cell(id: Int64(1_000 - 3 * i),
                                        box: BoundingBox(west: x, south: y, east: x, north: y))
        }
        let tree = GeoPackageRTree.pack(cells, capacity: 8)
        #expect(tree.leafOfRow.map(\.row) == cells.map(\.id).sorted())
        for (row, node) in tree.leafOfRow {
            #expect(tree.nodes[Int(node) - 1].contains { $0.id == row })
        }
    }

    @Test func boxesRoundOutwardsToFloats() {
        let v = 36.123456789
        let down = GeoPackageRTree.Cell.down(v), up = GeoPackageRTree.Cell.up(v)
        #expect(Double(down) <= v && Double(up) >= v)
        #expect(up == down.nextUp)
        #expect(GeoPackageRTree.Cell.down(0.5) == 0.5 && GeoPackageRTree.Cell.up(0.5) == 0.5)
    }
}
