import Foundation
import GeoCore
import Gazetteer
import Testing
@testable import IncidentExtraction

/// Seeded mutations of valid inputs (byte flips, insertions of delimiters and quotes,
/// truncations, duplicated spans): every reader must either read the input or throw one of
/// incidentmap's input errors, never trap or throw anything else. A crash ends the test
/// process, so this test fails loudly when a reader has an unguarded path.
@Suite("Readers survive mangled input")
struct ReaderMutationTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let csv = """
    event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,country,admin1,location,\
    latitude,longitude,geo_precision,notes,fatalities
    A1,2021-03-05,1,Battles,Armed clash,"Group, A",Syria,Idlib,Testabad,36.1,36.6,2,"say \"\"hi\"\"",3
    A2,5 March 2021,2,Battles,Armed clash,B,Syria,Idlib,Testabad,36.2,36.7,1,,

    """
    static let geojson = """
    {"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":{"type":"Point",\
    "coordinates":[36.6,36.1]},"properties":{"event_date":"2021-03-01","fatalities":2,"location":"Testabad"}}]}
    """
    static let jsonl = "{\"id\":\"1\",\"latitude\":36.1,\"longitude\":36.6}\n{\"id\":\"2\",\"location\":\"Testabad\"}\n"
    static let article = """
    title: Test
    date: 2021-03-21

    Warplanes struck a market near Testabad on Sunday, killing three civilians.
    <p>Shelling hit Testabad yesterday &amp; wounded 4.</p>
    """

    static let gazetteer = Gazetteer(places: [
        Place(id: "t:1", name: "Testabad", country: "SY", admin1: "Idlib",
              coordinate: Coordinate(longitude: 36.5, latitude: 36.0), kind: .town, source: "test"),
    ])

    static func mutate(_ bytes: [UInt8], _ rng: inout Generator) -> [UInt8] {
        var b = bytes
        let specials: [UInt8] = Array("\",\n\r{}[]:<>&;\\".utf8) + [0, 0xFF, 0xC3, 0xD8]
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            guard !b.isEmpty else { b = [specials.randomElement(using: &rng)!]; continue }
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: b[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: b.insert(specials.randomElement(using: &rng)!, at: i)
            case 2: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...8, using: &rng)))
            case 3: b = Array(b.prefix(i))
            default:
                let j = min(b.count, i + Int.random(in: 1...16, using: &rng))
                b.insert(contentsOf: b[i..<j], at: i)
            }
        }
        return b
    }

    @Test(arguments: [TableFormat.csv, .geojson, .jsonl])
    func tablesReadOrThrowInputErrors(format: TableFormat) {
        let seed = format == .csv ? Self.csv : format == .geojson ? Self.geojson : Self.jsonl
        var rng = Generator(state: 7 &+ UInt64(seed.utf8.count))
        for keepGoing in [false, true] {
            let reader = TableReader(options: TableOptions(keepGoing: keepGoing), gazetteer: Self.gazetteer)
            var unexpected: [String] = []
            for _ in 0..<1500 {
                let input = Self.mutate(Array(seed.utf8), &rng)
                do { _ = try reader.read(Data(input), file: "m", format: format) } catch is InputError {
                } catch { unexpected.append("\(error)") }
            }
            #expect(unexpected.isEmpty, "\(unexpected.prefix(3))")
        }
    }

    @Test(arguments: [false, true])
    func articlesReadOrThrowInputErrors(isHTML: Bool) {
        var rng = Generator(state: isHTML ? 11 : 13)
        let extractor = IncidentExtractor(gazetteer: Self.gazetteer)
        var unexpected: [String] = []
        for _ in 0..<1500 {
            let text = String(decoding: Self.mutate(Array(Self.article.utf8), &rng), as: UTF8.self)
            do {
                let document = try ArticleReader.parse(text, name: "m", isHTML: isHTML)
                _ = extractor.extract(document)
            } catch is ExtractionInputError {
            } catch { unexpected.append("\(error)") }
        }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(3))")
    }
}
