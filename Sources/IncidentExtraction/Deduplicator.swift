import Foundation
import GeoCore

/// Merges reports of the same event from several documents into one incident with all sources.
///
/// Two incidents are the same event when their places are within `maximumDistance`, their
/// dates are compatible with their time precision (the days between them fit in the wider
/// window) and their types agree (same event type; same sub-event type unless one report is
/// vaguer). The merged incident keeps the most precise place and date, every actor and every
/// provenance entry, and the largest reported toll.
public enum Deduplicator {
    /// In metres.
    public static let maximumDistance = 5_000.0

    public static func merge(_ incidents: [Incident]) -> [Incident] { merge(incidents, samePlaceOnly: false) }

    /// With `samePlaceOnly`, only reports of one gazetteer place merge: within one article, two
    /// neighbouring villages named side by side are two incidents.
    static func merge(_ incidents: [Incident], samePlaceOnly: Bool) -> [Incident] {
        // Sort by date so that candidates for a merge are neighbours; undated ones go last.
        let order = incidents.indices.sorted {
            (incidents[$0].eventDate?.dayNumber ?? Int.max, $0) < (incidents[$1].eventDate?.dayNumber ?? Int.max, $1)
        }
        var merged: [Incident] = []
        var windows: [Int] = []  // day number of each merged incident, for the sliding window
        for index in order {
            let incident = incidents[index]
            let day = incident.eventDate?.dayNumber
            var target: Int?
            var k = merged.count - 1
            while k >= 0 {
                if let day, windows[k] != Int.max, day - windows[k] > 62 { break }
                let restated = samePlaceOnly && merged[k].eventDate == nil && incident.eventDate == nil
                    && merged[k].subEventType == incident.subEventType && merged[k].target == incident.target
                if sameEvent(merged[k], incident) || restated,
                   !samePlaceOnly || merged[k].placeID == incident.placeID {
                    target = k
                    break
                }
                k -= 1
            }
            if let target {
                merged[target] = combine(merged[target], incident)
            } else {
                merged.append(incident)
                windows.append(day ?? Int.max)
            }
        }
        return merged
    }

    static func sameEvent(_ a: Incident, _ b: Incident) -> Bool {
        guard a.eventType == b.eventType else { return false }
        guard let da = a.eventDate, let db = b.eventDate else { return false }
        let span = max(a.timePrecision?.spanDays ?? 31, b.timePrecision?.spanDays ?? 31)
        guard abs(da.dayNumber - db.dayNumber) < span else { return false }
        if a.subEventType != b.subEventType, a.timePrecision == .day, b.timePrecision == .day { return false }
        // Different things hit are different events, even on the same day nearby.
        if let ta = a.target, let tb = b.target, !similarTargets(ta, tb) { return false }
        if a.geoPrecision == .region || b.geoPrecision == .region {
            // A region-only report cannot tell which placed event it is; it merges only with
            // another report of the same region.
            return a.placeID != nil && a.placeID == b.placeID && a.subEventType == b.subEventType
        }
        return distance(a.coordinate, b.coordinate) <= maximumDistance
    }

    /// Whether two reports may name the same target in different words ("gas facility", "gas
    /// station"; "refinery", "oil refineries"): they share a word stem of five letters.
    static func similarTargets(_ a: String, _ b: String) -> Bool {
        let stems = { (s: String) in Set(s.split(separator: " ").map { String($0.prefix(5)) }) }
        return !stems(a).isDisjoint(with: stems(b))
    }

    static func combine(_ a: Incident, _ b: Incident) -> Incident {
        var m = a
        if b.geoPrecision < a.geoPrecision {
            m.coordinate = b.coordinate; m.location = b.location; m.placeID = b.placeID
            m.geoPrecision = b.geoPrecision; m.admin1 = b.admin1; m.country = b.country
        }
        if let bp = b.timePrecision, bp < (a.timePrecision ?? .month) || a.eventDate == nil {
            m.eventDate = b.eventDate; m.timePrecision = bp
        }
        if b.subEventType != a.subEventType, b.timePrecision == .day, a.timePrecision != .day {
            m.subEventType = b.subEventType
        }
        for actor in b.actors where !m.actors.contains(where: { $0.name == actor.name }) { m.actors.append(actor) }
        m.fatalities = [a.fatalities, b.fatalities].compactMap { $0 }.max()
        m.injured = [a.injured, b.injured].compactMap { $0 }.max()
        m.target = a.target ?? b.target
        m.confidence = min(0.99, max(a.confidence, b.confidence) + 0.05)
        m.provenance = a.provenance + b.provenance
        // A table row's own columns stay with the event when an article reported it first.
        if m.extraCount == 0 && b.extraCount > 0 { m.setExtra(keys: b.extraKeys, values: b.extraValues) }
        return m
    }

    /// Great-circle distance in metres on a sphere of the WGS84 mean radius: at the few
    /// kilometres this threshold compares, the spherical error (under 0.5 %) is a few metres,
    /// and this target does not depend on the geodesic library.
    static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let r = 6_371_008.8
        let p1 = a.latitude * .pi / 180, p2 = b.latitude * .pi / 180
        let dp = p2 - p1, dl = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}
