/// Items of a batch grouped by equal keys, in the order of their first occurrence.
///
/// Why: an export gives every incident in or near a town the town's coordinates, so a
/// batch of a million rows may hold a few thousand distinct points; proximity and DBSCAN
/// work on those once.
struct DistinctItems {
    /// The group of each item.
    var group: [Int32]
    /// The first item of each group.
    var first: [Int]

    init<Key: Hashable>(count: Int, key: (Int) -> Key) {
        var index: [Key: Int32] = [:]
        // Sized once: growing it rehashed every key again at each doubling.
        index.reserveCapacity(count)
        var first: [Int] = []
        group = (0..<count).map { i in
            let k = key(i)
            if let g = index[k] { return g }
            let g = Int32(first.count)
            index[k] = g
            first.append(i)
            return g
        }
        self.first = first
    }

    /// Whether at least one in sixteen of the first 4,096 of `count` items repeats an earlier
    /// one, items being equal when their keys are: the test for whether a batch is worth
    /// reducing to its distinct items first.
    static func repeatOften<Key: Hashable>(count: Int, key: (Int) -> Key) -> Bool {
        let sample = min(count, 4_096)
        var seen = Set<Key>(minimumCapacity: sample)
        var repeats = 0
        for i in 0..<sample where !seen.insert(key(i)).inserted { repeats += 1 }
        return repeats * 16 >= sample && repeats > 0
    }
}
