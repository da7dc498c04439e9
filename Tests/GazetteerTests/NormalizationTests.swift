import Foundation
import Testing
import TestSupport
@testable import Gazetteer

@Suite("Name normalisation")
struct NormalizationTests {
    /// Spellings of one place that must share the exact-ish fold.
    @Test(arguments: [
        ["Al-Bab", "al Bab", "El Bab", "al-Bāb", "AL BAB"],
        ["Idlib", "İdlib", "IDLIB", "Îdlîb"],
        ["Sarmada", "Sarmadā", "SARMADA"],
        ["Ma'arrat al-Nu'man", "Ma‘arrat an Nu‘mān", "Maarrat al-Nu’man", "Maʿarrat al Nuʿman"],
        ["Jisr ash-Shughur", "Jisr al-Shughur", "Jisr esh Shughūr", "Jisr-al-Shughur"],
        ["إدلب", "ادلب", "إِدْلِب", "إدلـب"],
        ["الباب", "الْبَاب", "باب"],
        ["Şanlıurfa", "Sanliurfa", "ŞANLIURFA"],
    ])
    func foldsMeet(_ spellings: [String]) {
        let keys = Set(spellings.map(Gazetteer.normalize))
        #expect(keys.count == 1, "\(spellings) gave \(keys)")
    }

    /// Spellings that differ by transliteration and must share the phonetic skeleton.
    @Test(arguments: [
        ["Al-Bab", "al Bab", "El Bab"],
        ["Jarablus", "Jarabulus", "Cerablus", "Djarablous"],
        ["Idlib", "Idleb", "İdlib", "Idlip"],
        ["Sarmada", "Sarmadā", "Sarmadah"],
        ["Ma'arrat al-Nu'man", "Maarat al-Numan", "Maarrat al Nouman"],
        ["Raqqa", "Raqqah", "Rakka", "Ar-Raqqah"],
        ["Kafr Nabl", "Kfar Nabl", "Kafar Nabel"],
        ["Deir ez-Zor", "Dayr az-Zawr", "Deir el-Zour"],
        ["Khan Shaykhun", "Han Şeyhun", "Khan Sheikhoun"],
        ["Aleppo", "Alepo"],
        ["Halab", "Halep", "Haleb"],
        ["Tell Abyad", "Tal Abyad", "Tall Abyad"],
        ["Azaz", "A'zaz", "Aazaz", "Azzaz"],
    ])
    func skeletonsMeet(_ spellings: [String]) {
        let keys = Set(spellings.map(Gazetteer.skeleton))
        #expect(keys.count == 1, "\(spellings) gave \(keys)")
    }

    /// The byte path for ASCII names must fold as the general path does: every ASCII
    /// spelling of the shipped gazetteer, and random strings of letters, articles and
    /// separators.
    @Test func asciiFoldEqualsTheGeneralFold() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let gazetteer = try Gazetteer.load(directory: root.appendingPathComponent("Gazetteer"))
        var names = gazetteer.places.flatMap { [$0.name] + $0.alternateNames }.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        let pieces = ["al", "Al", "el-", "as ", "ash", "-", " ", "'", "`", "B", "bab", "x", ".", ",", "(", "an", "at", "  "]
        names += pieceStrings(pieces, count: 5_000, maxPieces: 7, seed: 0xDEAD_BEEF_CAFE_F00D)
        let differing = names.filter {
            NameKey.fold($0) != NameKey.strippingArticles(NameKey.tokens($0.unicodeScalars)).joined(separator: " ")
        }
        #expect(names.count > 10_000)
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// The one-pass skeleton of ASCII folds must give the token-by-token skeleton for
    /// every spelling the shipped gazetteer holds.
    @Test func onePassSkeletonAgreesWithTokenByToken() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let places = try Gazetteer.loadPlaces(directory: root.appendingPathComponent("Gazetteer"))
        var checked = 0
        var differing: [String] = []
        for place in places {
            for name in [place.name] + place.alternateNames {
                let fold = NameKey.fold(name)
                guard fold.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
                checked += 1
                if NameKey.skeleton(ofFold: fold) != NameKey.generalSkeleton(ofFold: fold) { differing.append(fold) }
            }
        }
        #expect(checked > 10_000)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func distinctNamesStayApart() {
        #expect(Gazetteer.skeleton("Idlib") != Gazetteer.skeleton("Afrin"))
        #expect(Gazetteer.normalize("Sarmada") != Gazetteer.normalize("Sarmin"))
        #expect(Gazetteer.skeleton("Azaz") != Gazetteer.skeleton("Zaz"))
    }

    @Test func turkishDottedCapitalIDoesNotLeaveACombiningDot() {
        #expect(Gazetteer.normalize("İdlib") == "idlib")
        #expect(Gazetteer.normalize("İSKENDERUN") == "iskenderun")
    }

    @Test func articleAloneIsKept() {
        #expect(Gazetteer.normalize("As") == "as")
        #expect(Gazetteer.normalize("An Nabk") == "nabk")
    }

    @Test(arguments: [("Sarmada", "Sarmadda", 1), ("Jarablus", "Jarabuls", 1), ("ab", "ba", 1), ("", "abc", 3),
                      ("kitten", "sitting", 3), ("abcdef", "badcfe", 3), ("ca", "abc", 3)])
    func damerauLevenshtein(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.damerauLevenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars)) == expected)
        let bytes = Array(a.utf8).withUnsafeBufferPointer { x in
            Array(b.utf8).withUnsafeBufferPointer { EditDistance.damerauLevenshtein(bytes: x, $0) }
        }
        #expect(bytes == expected, "the byte path agrees with the scalar path")
        let query = EditDistance.Query(a)
        if !query.positions.isEmpty {
            let bits = query.positions.withUnsafeBufferPointer { p in
                Array(b.utf8).withUnsafeBufferPointer {
                    EditDistance.bitParallelDistance(positions: p, length: query.length, $0)
                }
            }
            #expect(bits == expected, "the bit-parallel path agrees with the table")
        }
    }

    /// Random pairs over a three-letter alphabet (so that transpositions, repeats and
    /// near-misses are frequent), lengths 1 to 64 for the query: the bit vectors must give
    /// the table's distance every time, both ways round.
    @Test func bitParallelDistanceEqualsTheTable() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        func word(_ maxLength: Int) -> String {
            String(decoding: (0..<(1 + next(maxLength))).map { _ in UInt8(ascii: "a") + UInt8(next(3)) },
                   as: UTF8.self)
        }
        var mismatches: [String] = []
        for round in 0..<4_000 {
            let a = word(round % 10 == 0 ? 64 : 9), b = word(round % 10 == 0 ? 70 : 9)
            let table = Array(a.utf8).withUnsafeBufferPointer { x in
                Array(b.utf8).withUnsafeBufferPointer { EditDistance.damerauLevenshtein(bytes: x, $0) }
            }
            let query = EditDistance.Query(a)
            let bits = query.positions.withUnsafeBufferPointer { p in
                Array(b.utf8).withUnsafeBufferPointer {
                    EditDistance.bitParallelDistance(positions: p, length: query.length, $0)
                }
            }
            if bits != table { mismatches.append("\(a) \(b): \(bits) vs \(table)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

@Suite("Fuzzy index")
struct FuzzyIndexTests {
    /// Every string made from `s` by deleting up to `depth` scalars, as the plain
    /// symmetric-deletion method builds them: the reference for the hashed index.
    static func deletions(_ s: [Unicode.Scalar], depth: Int) -> Set<String> {
        var out: Set<String> = [String(String.UnicodeScalarView(s))]
        var frontier: [[Unicode.Scalar]] = [s]
        for _ in 0..<depth {
            var next: [[Unicode.Scalar]] = []
            for word in frontier where word.count > 2 {
                for j in word.indices {
                    var w = word
                    w.remove(at: j)
                    if out.insert(String(String.UnicodeScalarView(w))).inserted { next.append(w) }
                }
            }
            frontier = next
        }
        return out
    }

    @Test func hashedVariantsFindWhatVariantStringsFind() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let gazetteer = try Gazetteer.load(directory: root.appendingPathComponent("Gazetteer"))
        let keys = gazetteer.names.bySkeleton.keys.sorted().enumerated().filter { $0.offset % 8 == 0 }.map(\.element)
        let index = FuzzyIndex(skeletons: keys)
        var byVariant: [String: Set<Int>] = [:]
        for (i, key) in keys.enumerated() {
            let s = Array(key.unicodeScalars)
            guard s.count >= 3 else { continue }
            for v in Self.deletions(s, depth: s.count >= 5 ? 2 : 1) { byVariant[v, default: []].insert(i) }
        }
        // Queries: keys as they are, with a letter dropped, changed, or two letters swapped.
        var queries: [String] = []
        for (n, key) in keys.enumerated() where n % 20 == 0 {
            var s = Array(key.unicodeScalars)
            queries.append(key)
            guard s.count >= 4 else { continue }
            var dropped = s
            dropped.remove(at: n % s.count)
            var changed = s
            changed[(n / 3) % s.count] = "x"
            s.swapAt(1, 2)
            queries += [dropped, changed, s].map { String(String.UnicodeScalarView($0)) }
        }
        var compared = 0
        for query in queries {
            let q = Array(query.unicodeScalars)
            for distance in 1...2 {
                var expected = Set<String>()
                for v in Self.deletions(q, depth: distance) {
                    for i in byVariant[v] ?? [] where keys[i] != query
                        && EditDistance.damerauLevenshtein(Array(keys[i].unicodeScalars), q) <= distance {
                        expected.insert(keys[i])
                    }
                }
                #expect(Set(index.keys(near: query, maxDistance: distance)) == expected, "\(query) at \(distance)")
                compared += expected.count
            }
        }
        #expect(queries.count > 200 && compared > 100, "\(queries.count) queries, \(compared) keys found")
    }
}
