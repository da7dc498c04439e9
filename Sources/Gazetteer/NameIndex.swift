import Foundation
import GeoCore

/// How a name met a place; better matches score higher.
enum MatchQuality: Int, Comparable, Sendable {
    case fuzzy = 0, skeleton = 1, fold = 2

    static func < (a: MatchQuality, b: MatchQuality) -> Bool { a.rawValue < b.rawValue }
}

/// One place a name lookup found, with the closest spelling it knows.
struct NameHit: Sendable {
    var place: Int
    var quality: MatchQuality
    /// Similarity from 0 to 1 between the query's fold and the place's closest fold.
    var similarity: Double
    /// The index entry whose spelling matched, or -1 when the query's own fold did: an
    /// index, not the spelling, so that a look-up copies no strings.
    var entry: Int32
    /// A crossing met by the name of a settlement beside it (see `Gazetteer.resolve`).
    var namedAfterSettlement = false
}

/// Every spelling of every place under its fold and skeleton keys, with a fuzzy fallback.
///
/// The fuzzy index (a deletion neighbourhood over skeleton keys) is built on the first
/// fuzzy look-up, so loading pays only for the two dictionaries.
final class NameIndex: Sendable {
    /// Place indices by fold.
    let byFold: [String: [Int32]]
    /// Entries by skeleton; an entry is a place and one of its folds.
    let bySkeleton: [String: [Int32]]
    let entryPlace: [Int32]
    let entryFold: [String]
    /// Scalar count of each entry's fold, for the length bounds of a look-up.
    let entryLength: [Int32]
    /// For mentions: the largest token count of any name, by its first token's fold.
    let longestByFirstToken: [String: Int]
    private let fuzzy = FuzzyIndexCell()

    init(names: [[String]]) {
        var byFold: [String: [Int32]] = [:]
        var bySkeleton: [String: [Int32]] = [:]
        var entryPlace: [Int32] = []
        var entryFold: [String] = []
        var entryLength: [Int32] = []
        var longest: [String: Int] = [:]
        byFold.reserveCapacity(names.count * 4)
        bySkeleton.reserveCapacity(names.count * 4)
        longest.reserveCapacity(names.count * 2)
        /// Appends `place` to `list` unless it is already its last entry (the places are
        /// indexed in order, so that is the only place it can be): one hash per spelling
        /// both finds the list and tells a repeated fold, where a set per place took another.
        func appendNew(_ place: Int32, to list: inout [Int32]) -> Bool {
            if list.last == place { return false }
            list.append(place)
            return true
        }
        func raise(_ value: inout Int, to count: Int) { value = max(value, count) }
        for (i, spellings) in names.enumerated() {
            let place = Int32(i)
            // "Kassab Border Crossing" and "Idlib Governorate" are also indexed as "kassab" and
            // "idlib": a query's cue words are stripped the same way before the look-up.
            var cue = ResolutionContext()
            let folds = spellings.map { NameKey.fold($0) }
            for fold in folds + folds.map({ Gazetteer.strippingCues($0, context: &cue) }) {
                guard !fold.isEmpty, appendNew(place, to: &byFold[fold, default: []]) else { continue }
                let skeleton = NameKey.skeleton(ofFold: fold)
                entryPlace.append(place)
                entryFold.append(fold)
                entryLength.append(Int32(fold.unicodeScalars.count))
                if !skeleton.isEmpty { bySkeleton[skeleton, default: []].append(Int32(entryFold.count - 1)) }
                let count = fold.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 }
                let first = String(NameKey.firstToken(fold))
                raise(&longest[first, default: count], to: count)
            }
        }
        self.byFold = byFold
        self.bySkeleton = bySkeleton
        self.entryPlace = entryPlace
        self.entryFold = entryFold
        self.entryLength = entryLength
        self.longestByFirstToken = longest
    }

    /// The folded spelling of `hit`'s entry, or `fold` (the query's) for an exact hit.
    func spelling(of hit: NameHit, query fold: String) -> String {
        hit.entry < 0 ? fold : entryFold[Int(hit.entry)]
    }

    /// Places whose spellings meet `fold`, one hit each with its closest spelling: exact
    /// folds, then skeletons, then (only when neither found anything) skeletons within a
    /// small edit distance.
    ///
    /// Both lists are in place order (places are indexed in order), so a place's exact hit
    /// and its entries under the skeleton are found by walking the two lists side by side:
    /// no table per look-up.
    func lookup(fold: String) -> [NameHit] {
        let exact = byFold[fold] ?? []
        var hits: [NameHit] = []
        hits.reserveCapacity(exact.count + 4)
        for p in exact { hits.append(NameHit(place: Int(p), quality: .fold, similarity: 1, entry: -1)) }
        let skeleton = NameKey.skeleton(ofFold: fold)
        guard !skeleton.isEmpty else { return hits }
        // Prepared on the first spelling that needs measuring: most names meet their own
        // places' spellings only.
        var prepared: EditDistance.Query?
        let scalarCount = fold.unicodeScalars.count
        let queryLength = Double(scalarCount)
        var nextExact = 0
        var last = -1  // the hit of the previous skeleton entry's place
        for entry in bySkeleton[skeleton] ?? [] {
            let place = entryPlace[Int(entry)]
            while nextExact < exact.count && exact[nextExact] < place { nextExact += 1 }
            if nextExact < exact.count && exact[nextExact] == place { continue }  // an exact spelling won
            let length = Double(entryLength[Int(entry)])
            let samePlace = last >= 0 && hits[last].place == Int(place)
            // Exact pruning: the lengths bound the similarity from above.
            if samePlace && hits[last].similarity >= 1 - abs(length - queryLength) / max(length, queryLength, 1) {
                continue
            }
            if prepared == nil { prepared = EditDistance.Query(fold) }
            var similarity = EditDistance.similarity(prepared!, entryFold[Int(entry)])
            // A variant spelling is about as long as the name: "Zarkovia" shares Zarqa's
            // skeleton but is three letters longer, which no transliteration explains.
            if abs(length - queryLength) / max(length, queryLength, 1) > 0.3 { similarity = min(similarity, 0.3) }
            if samePlace {
                if similarity > hits[last].similarity { hits[last].similarity = similarity; hits[last].entry = entry }
            } else {
                hits.append(NameHit(place: Int(place), quality: .skeleton, similarity: similarity, entry: entry))
                last = hits.count - 1
            }
        }
        guard hits.isEmpty else { return hits }
        let letters = scalarCount - fold.utf8.filter { $0 == 0x20 }.count
        // Short skeletons meet too many others at distance 2: "Tell Xabbar" is not "Tell Abyad".
        let consonants = skeleton.unicodeScalars.count
        let maxDistance = letters >= 9 && consonants >= 7 ? 2 : letters >= 5 && consonants >= 4 ? 1 : 0
        guard maxDistance > 0 else { return hits }
        let index = fuzzy.index(building: { FuzzyIndex(skeletons: Array(bySkeleton.keys)) })
        let query = prepared ?? EditDistance.Query(fold)
        var position: [Int32: Int] = [:]
        for key in index.keys(near: skeleton, maxDistance: maxDistance) {
            for entry in bySkeleton[key] ?? [] {
                let similarity = EditDistance.similarity(query, entryFold[Int(entry)])
                guard similarity >= 0.7 else { continue }
                let place = entryPlace[Int(entry)]
                if let k = position[place] {
                    if similarity > hits[k].similarity { hits[k].similarity = similarity; hits[k].entry = entry }
                } else {
                    position[place] = hits.count
                    hits.append(NameHit(place: Int(place), quality: .fuzzy, similarity: similarity, entry: entry))
                }
            }
        }
        return hits
    }
}

/// Holds the lazily built fuzzy index; the lock makes the one-time build safe to race.
final class FuzzyIndexCell: @unchecked Sendable {
    private let lock = NSLock()
    private var value: FuzzyIndex?

    func index(building build: () -> FuzzyIndex) -> FuzzyIndex {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let built = build()
        value = built
        return built
    }
}

/// Skeleton keys under their one- and two-deletion variants (symmetric deletion, as in
/// SymSpell): two keys within Damerau-Levenshtein distance k share a variant with at most
/// k deletions each, and a final distance check removes the false meetings.
///
/// Variants are not built as strings: each is hashed straight from its key's scalars with
/// the deleted positions skipped, and the (hash, key) pairs sit in one sorted array, with
/// a directory by the hashes' top bits so that a variant is found in a run of a few pairs
/// instead of by a binary search over them all. A hash collision only adds a candidate that
/// the distance check removes. Building it for the shipped gazetteer takes a fraction of
/// the time a dictionary of variant strings took, which every run that meets a misspelling
/// pays once.
final class FuzzyIndex: Sendable {
    let keys: [String]
    /// Variant hashes, sorted, and the key each belongs to.
    let hashes: [UInt64]
    let owners: [Int32]
    /// `directory[b] ..< directory[b + 1]` are the pairs whose hash starts with the
    /// `directoryBits` bits of `b`.
    let directory: [Int32]
    let directoryBits: Int

    init(skeletons: [String]) {
        keys = skeletons
        var pairs: [(hash: UInt64, key: Int32)] = []
        pairs.reserveCapacity(skeletons.count * 24)
        for (i, key) in skeletons.enumerated() {
            let scalars = key.unicodeScalars.map(\.value)
            guard scalars.count >= 3 else { continue }
            FuzzyIndex.forEachVariant(of: scalars, depth: scalars.count >= 5 ? 2 : 1) {
                pairs.append(($0, Int32(i)))
            }
        }
        pairs.sort { $0.hash < $1.hash }
        hashes = pairs.map(\.hash)
        owners = pairs.map(\.key)
        // About four pairs per directory entry.
        var bits = 4
        while bits < 24 && (1 << bits) * 4 < pairs.count { bits += 1 }
        directoryBits = bits
        var directory = [Int32](repeating: 0, count: (1 << bits) + 1)
        var next = 0
        for bucket in 0...(1 << bits) {
            while next < hashes.count && Int(hashes[next] >> UInt64(64 - bits)) < bucket { next += 1 }
            directory[bucket] = Int32(next)
        }
        self.directory = directory
    }

    /// Calls `body` with the hash of `s` and of every string made from it by deleting up to
    /// `depth` scalars, never from a string of two scalars or fewer. Equal variants reached
    /// by different deletions are reported once each way; callers collect into sets.
    static func forEachVariant(of s: [UInt32], depth: Int, _ body: (UInt64) -> Void) {
        body(hash(s, skipping: -1, -1))
        guard depth >= 1, s.count > 2 else { return }
        for i in s.indices {
            body(hash(s, skipping: i, -1))
            guard depth >= 2, s.count - 1 > 2 else { continue }
            for j in (i + 1)..<s.count { body(hash(s, skipping: i, j)) }
        }
    }

    /// FNV-1a over the scalars of `s` but those at `i` and `j`, then the length.
    @inline(__always)
    static func hash(_ s: [UInt32], skipping i: Int, _ j: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var length: UInt64 = 0
        for k in s.indices where k != i && k != j {
            h = (h ^ UInt64(s[k])) &* 0x0000_0100_0000_01B3
            length += 1
        }
        return (h ^ length) &* 0x0000_0100_0000_01B3
    }

    /// The keys within `maxDistance` of `skeleton` (itself excluded).
    func keys(near skeleton: String, maxDistance: Int) -> [String] {
        let query = skeleton.unicodeScalars.map(\.value)
        var found = Set<Int32>()
        FuzzyIndex.forEachVariant(of: query, depth: maxDistance) { h in
            let bucket = Int(h >> UInt64(64 - directoryBits))
            var k = Int(directory[bucket])
            let end = Int(directory[bucket + 1])
            while k < end && hashes[k] < h { k += 1 }
            while k < end && hashes[k] == h {
                found.insert(owners[k])
                k += 1
            }
        }
        let prepared = EditDistance.Query(skeleton)
        return found.map { keys[Int($0)] }.filter {
            $0 != skeleton && EditDistance.distance(prepared, $0) <= maxDistance
        }
    }
}

/// Damerau-Levenshtein distance (optimal string alignment) over Unicode scalars.
enum EditDistance {
    static func damerauLevenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = min(v, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = v
            }
        }
        return d[a.count * width + b.count]
    }

    /// Optimal string alignment distance over bytes with three rolling rows on the stack:
    /// the skeleton look-up measures dozens of spellings per query.
    static func damerauLevenshtein(bytes a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            var before = 0, previous = width, current = 2 * width
            for j in 0...b.count { rows[previous + j] = j }
            for i in 1...a.count {
                rows[current] = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        v = min(v, rows[before + j - 2] + 1)
                    }
                    rows[current + j] = v
                }
                (before, previous, current) = (previous, current, before)
            }
            return rows[previous + b.count]
        }
    }

    /// A query prepared once for many `similarity` calls: its length in scalars, whether it
    /// is ASCII, and its scalars only when it is not.
    struct Query {
        let text: String
        let length: Int
        let isASCII: Bool
        let scalars: [Unicode.Scalar]
        /// For an ASCII query of 1 to 64 bytes, the positions of each byte value as bits
        /// (bit i set in `positions[c]` when byte i is c), for `bitParallelDistance`.
        let positions: [UInt64]

        init(_ text: String) {
            self.text = text
            isASCII = text.utf8.allSatisfy { $0 < 0x80 }
            scalars = isASCII ? [] : Array(text.unicodeScalars)
            length = isASCII ? text.utf8.count : scalars.count
            var positions: [UInt64] = []
            if isASCII && (1...64).contains(length) {
                positions = Array(repeating: 0, count: 128)
                for (i, c) in text.utf8.enumerated() { positions[Int(c)] |= 1 << UInt64(i) }
            }
            self.positions = positions
        }
    }

    /// The optimal string alignment distance between a query of 1 to 64 ASCII bytes (its
    /// `positions`, `length` bytes) and ASCII `text`, a column of the distance table per
    /// byte of `text` as bit vectors: Hyyrö's bit-parallel algorithm (2002, after Myers
    /// 1999) with his transposition term. Equals `damerauLevenshtein(bytes:_:)`.
    static func bitParallelDistance(positions: UnsafeBufferPointer<UInt64>, length: Int,
                                    _ text: UnsafeBufferPointer<UInt8>) -> Int {
        var positive: UInt64 = ~0, negative: UInt64 = 0  // vertical deltas +1 and -1
        var diagonalZero: UInt64 = 0, previousMatch: UInt64 = 0
        var distance = length
        let last: UInt64 = 1 << UInt64(length - 1)
        for c in text {
            let match = positions[Int(c)]
            let transposition = ((~diagonalZero & match) << 1) & previousMatch
            diagonalZero = (((match & positive) &+ positive) ^ positive) | match | negative | transposition
            var horizontalPositive = negative | ~(diagonalZero | positive)
            var horizontalNegative = diagonalZero & positive
            if horizontalPositive & last != 0 { distance += 1 }
            if horizontalNegative & last != 0 { distance -= 1 }
            horizontalPositive = (horizontalPositive << 1) | 1
            horizontalNegative <<= 1
            positive = horizontalNegative | ~(diagonalZero | horizontalPositive)
            negative = horizontalPositive & diagonalZero
            previousMatch = match
        }
        return distance
    }

    /// The optimal string alignment distance from a prepared query to `b`: bit vectors
    /// when both are ASCII and the query is short, else the table.
    static func distance(_ query: Query, _ b: String) -> Int { measure(query, b).distance }

    /// `similarity(_:_:)` with the first string prepared.
    static func similarity(_ query: Query, _ b: String) -> Double {
        let (distance, length) = measure(query, b)
        let longer = max(query.length, length)
        return longer == 0 ? 1 : 1 - Double(distance) / Double(longer)
    }

    /// The distance from `query` to `b`, and `b`'s length in scalars.
    private static func measure(_ query: Query, _ b: String) -> (distance: Int, length: Int) {
        var b = b
        if query.isASCII {
            var a = query.text
            let fast = b.withUTF8 { yb -> Int? in
                guard yb.allSatisfy({ $0 < 0x80 }) else { return nil }
                if query.positions.isEmpty { return a.withUTF8 { damerauLevenshtein(bytes: $0, yb) } }
                if yb.isEmpty { return query.length }
                return query.positions.withUnsafeBufferPointer {
                    bitParallelDistance(positions: $0, length: query.length, yb)
                }
            }
            if let fast { return (fast, b.utf8.count) }
        }
        let y = Array(b.unicodeScalars)
        let x = query.isASCII ? Array(query.text.unicodeScalars) : query.scalars
        return (damerauLevenshtein(x, y), y.count)
    }

    /// 1 minus the distance over the longer length; 1 for equal strings.
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let longer = max(x.count, y.count)
        return longer == 0 ? 1 : 1 - Double(damerauLevenshtein(x, y)) / Double(longer)
    }
}
