import Foundation
import GeoCore
import Testing
@testable import Gazetteer

func fixtureGazetteer() throws -> Gazetteer {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/mini-gazetteer", withExtension: "tsv"))
    return Gazetteer(places: try PlaceTable.read(url))
}

@Suite("Ranking with context")
struct RankingTests {
    /// Ranking compares squared chords on the unit sphere instead of haversine distances:
    /// the two must give the same kilometres, from metres to across the region.
    @Test func chordsGiveTheHaversineDistance() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for k in 0..<2_000 {
            let a = Coordinate(longitude: 35 + 8 * unit(), latitude: 32 + 6 * unit())
            let scale = [1e-4, 0.01, 0.3, 3][k % 4]
            let b = Coordinate(longitude: a.longitude + scale * (unit() - 0.5), latitude: a.latitude + scale * (unit() - 0.5))
            let d = Gazetteer.unitVector(a) - Gazetteer.unitVector(b)
            let chord = (d * d).sum()
            let km = Gazetteer.kilometres(a, b)
            #expect(abs(Gazetteer.kilometres(chordSquared: chord) - km) < 1e-6 + 1e-9 * km, "\(a) \(b)")
            for threshold in [30.0, 100, 400] where abs(km - threshold) > 1e-6 {
                #expect((chord < Gazetteer.chordSquared(km: threshold)) == (km < threshold))
            }
        }
    }

    /// Extraction asks for resolutions without reasons: the places, scores and answers must
    /// be those of the explained resolution, for every form of the evaluation list in
    /// several contexts.
    @Test func unexplainedResolutionRanksAsTheExplainedOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let g = try Gazetteer.load(directory: root.appendingPathComponent("Gazetteer"))
        let url = try #require(Bundle.module.url(forResource: "Fixtures/eval-gazetteer", withExtension: "tsv"))
        let forms = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("query\t") }
            .map { String($0.split(separator: "\t", omittingEmptySubsequences: false)[0]) }
            + g.places.prefix(200).map(\.name)
        let contexts = [
            ResolutionContext(), ResolutionContext(countries: ["SY"]), ResolutionContext(adminCue: true),
            ResolutionContext(countries: ["TR"], nearby: g.places.prefix(3).map(\.coordinate)),
        ]
        var compared = 0
        for form in forms {
            for context in contexts {
                let full = g.resolve(form, context: context)
                let bare = g.resolve(form, context: context, explained: false)
                #expect(bare.candidates.map(\.place) == full.candidates.map(\.place), "\(form)")
                #expect(bare.candidates.map(\.score) == full.candidates.map(\.score), "\(form)")
                #expect(bare.best?.place == full.best?.place, "\(form)")
                #expect(bare.candidates.allSatisfy { $0.reasons.isEmpty })
                if !full.candidates.isEmpty { compared += 1 }
            }
        }
        #expect(compared > 1_000, "most forms meet candidates")
    }

    /// A crossing bears the names of the towns on either side: the name alone is the town
    /// even where the text's country favours the crossing's row; with a crossing cue, or a
    /// name no settlement has, it is the crossing.
    @Test func crossingNamedAfterATownYieldsToTheTown() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let g = try Gazetteer.load(directory: root.appendingPathComponent("Gazetteer"))
        let syria = ResolutionContext(countries: ["SY"])
        #expect(g.resolve("Akçakale", context: syria).best?.place.id == "curated:akcakale")
        #expect(g.resolve("Karkamış", context: syria).best?.place.id == "curated:karkamis")
        #expect(g.resolve("Nusaybin", context: syria).best?.place.id == "curated:nusaybin")
        #expect(g.resolve("Akçakale crossing", context: syria).best?.place.id == "curated:tell-abyad-akcakale-crossing")
        #expect(g.resolve("Cilvegözü", context: syria).best?.place.id == "curated:bab-al-hawa-crossing")
        let reasons = g.resolve("Akçakale", context: syria).candidates.flatMap(\.reasons)
        #expect(reasons.contains { $0.hasPrefix("also the name of the settlement beside the crossing") })
    }

    @Test func populationDecidesWithoutContext() throws {
        let g = try fixtureGazetteer()
        let r = g.resolve("Qarawan")
        #expect(r.best?.place.id == "test:northtown")
        #expect(r.candidates.count == 2)
    }

    @Test func namedCountryOverridesPopulation() throws {
        let g = try fixtureGazetteer()
        let r = g.resolve("Qarawan", context: ResolutionContext(countries: ["XB"]))
        #expect(r.best?.place.id == "test:southvillage")
        #expect(r.best?.reasons.contains("country XB named") == true)
    }

    @Test func nearbyPlaceDecidesBetweenTwins() throws {
        let g = try fixtureGazetteer()
        #expect(g.resolve("Zimmerit").best == nil, "twins with nothing to tell them apart stay unresolved")
        let near = ResolutionContext(nearby: [Coordinate(longitude: 11.0, latitude: 30.4)])
        #expect(g.resolve("Zimmerit", context: near).best?.place.id == "test:twin-b")
    }

    @Test func adminCuePrefersTheArea() throws {
        let g = try fixtureGazetteer()
        #expect(g.resolve("Norland").best?.place.id == "test:norland-town")
        #expect(g.resolve("Norland", context: ResolutionContext(adminCue: true)).best?.place.id == "test:area")
        #expect(g.resolve("Norland province").best?.place.id == "test:area")
        #expect(g.resolve("محافظة نورلاند").best?.place.id == "test:area")
    }

    @Test func crossingCuePrefersTheCrossing() throws {
        let g = try fixtureGazetteer()
        #expect(g.resolve("Kafr Dellan").best?.place.id == "test:gate-town")
        #expect(g.resolve("Kfar Dellan crossing").best?.place.id == "test:gate")
        #expect(g.resolve("Kafr Dellan", context: ResolutionContext(crossingCue: true)).best?.place.id == "test:gate")
    }

    @Test func exactBeatsVariantBeatsFuzzy() throws {
        let g = try fixtureGazetteer()
        let exact = try #require(g.resolve("Maarrat al-Tuffah").best)
        let variant = try #require(g.resolve("Maarat at-Tufah").best)
        let fuzzy = try #require(g.resolve("Maarrat al-Tuffax").best)
        #expect([exact, variant, fuzzy].allSatisfy { $0.place.id == "test:marrat" })
        #expect(exact.score > variant.score)
        #expect(variant.score > fuzzy.score)
    }

    @Test func scoresStayInUnitRangeAndBestFirst() throws {
        let g = try fixtureGazetteer()
        let r = g.resolve("Qarawan", context: ResolutionContext(countries: ["XA"], nearby: [
            Coordinate(longitude: 10, latitude: 40)], adminCue: false))
        #expect(r.candidates.allSatisfy { (0...1).contains($0.score) })
        #expect(zip(r.candidates, r.candidates.dropFirst()).allSatisfy { $0.score >= $1.score })
    }
}

@Suite("Threshold")
struct ThresholdTests {
    @Test(arguments: ["March", "Xyzzy Quux", "Qwertabad", "", "   "])
    func stayUnresolved(_ name: String) throws {
        let g = try fixtureGazetteer()
        let r = g.resolve(name)
        #expect(r.best == nil)
        #expect(!r.isResolved)
    }

    @Test func belowThresholdCandidatesAreOffersOnly() throws {
        let g = try fixtureGazetteer()
        let r = g.resolve("March")
        #expect(r.candidates.first?.place.id == "test:march", "the stop-listed village is still offered")
        #expect(r.candidates.allSatisfy { $0.score < Gazetteer.threshold })
    }

    @Test func resolvedAnswerReachesThreshold() throws {
        let g = try fixtureGazetteer()
        let best = try #require(g.resolve("Qarawān").best)
        #expect(best.score >= Gazetteer.threshold)
    }
}

@Suite("Curated rows")
struct CuratedTests {
    @Test func curatedRowAbsorbsTheNearbyGeoNamesRow() {
        let geonames = Place(id: "geonames:99000001", name: "Testville", country: "XA",
                             coordinate: Coordinate(longitude: 20, latitude: 35), kind: .town, population: 5000,
                             source: "GeoNames")
        let curated = Place(id: "curated:testville", name: "Testville", country: "XA",
                            coordinate: Coordinate(longitude: 20.02, latitude: 35.01), kind: .town,
                            source: "https://example.org/testville")
        let g = Gazetteer(places: [geonames, curated])
        let r = g.resolve("Testville")
        #expect(r.candidates.count == 1)
        #expect(r.best?.place.id == "curated:testville")
    }
}
