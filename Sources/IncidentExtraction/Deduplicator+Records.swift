import Foundation
import GeoCore

extension Deduplicator {
    /// Merges reports read from articles into table records (ACLED rows and the like) of the
    /// same events; reports that match no record are returned after the records.
    ///
    /// Table records are already one row per event, so they are never merged with each other
    /// (a million-row export would also make the pairwise merge far too slow). Each report is
    /// compared only with records in the 0.1° cells around it, or, for region-only reports
    /// and records, with the records of the same governorate.
    public static func merge(reports: [Incident], into records: [Incident]) -> [Incident] {
        guard !reports.isEmpty else { return records }
        var merged = records
        var cells: [Int: [Int]] = [:]
        var byAdmin1: [String: [Int]] = [:]
        for (i, r) in records.enumerated() {
            cells[cell(r.coordinate), default: []].append(i)
            if let a = r.admin1?.lowercased() { byAdmin1[a, default: []].append(i) }
        }
        var unmatched: [Incident] = []
        for report in reports {
            // Records near the report first; region-level matches only when none is near.
            var near: [Int] = []
            let (row, column) = cellIndices(report.coordinate)
            for dr in -1...1 { for dc in -1...1 { near += cells[key(row + dr, column + dc)] ?? [] } }
            var regional: [Int] = []
            if let a = report.admin1?.lowercased() {
                regional = (byAdmin1[a] ?? []).filter {
                    records[$0].geoPrecision == .region || report.geoPrecision == .region
                }
            }
            let match = near.sorted().first { sameEvent(merged[$0], report) && sameTarget(merged[$0], report) }
                ?? regional.sorted().first { sameReportedEvent(merged[$0], report) }
            if let k = match {
                merged[k] = combine(merged[k], report)
            } else {
                unmatched.append(report)
            }
        }
        return merged + unmatched
    }

    /// `sameEvent`, and also a region-only report and a record (or the reverse) of the same
    /// governorate, sub-event type and compatible dates: a table places a region-only event
    /// at the governorate's seat, an article at the governorate's representative point.
    static func sameReportedEvent(_ record: Incident, _ report: Incident) -> Bool {
        guard sameTarget(record, report) else { return false }
        if sameEvent(record, report) { return true }
        guard record.geoPrecision == .region || report.geoPrecision == .region,
              record.eventType == report.eventType, record.subEventType == report.subEventType,
              let a = record.admin1?.lowercased(), a == report.admin1?.lowercased(),
              let da = record.eventDate, let db = report.eventDate else { return false }
        let span = max(record.timePrecision?.spanDays ?? 31, report.timePrecision?.spanDays ?? 31)
        return abs(da.dayNumber - db.dayNumber) < span
    }

    /// A report naming a target matches a record only if the record names it too (in its
    /// target or, for ACLED rows, which have no target column, in its notes).
    static func sameTarget(_ record: Incident, _ report: Incident) -> Bool {
        guard let target = report.target?.lowercased(), !target.isEmpty else { return true }
        guard let text = (record.target ?? record.notes)?.lowercased() else { return true }
        return text.contains(target) || similarTargets(record.target ?? "", report.target ?? "")
    }

    static func cellIndices(_ c: Coordinate) -> (Int, Int) {
        (Int((c.latitude * 10).rounded(.down)), Int((c.longitude * 10).rounded(.down)))
    }

    static func cell(_ c: Coordinate) -> Int {
        let (r, k) = cellIndices(c)
        return key(r, k)
    }

    static func key(_ row: Int, _ column: Int) -> Int { row &* 4096 &+ column }
}
