import Foundation
import GeoCore
import Gazetteer

/// Turns one table row (CSV record, GeoJSON feature properties, JSON line) into an
/// incident, using ACLED's column names and their common synonyms.
///
/// Rows with coordinates keep them (geo_precision from the row, else 1); rows with only a
/// place name are resolved with the gazetteer, and a name it cannot resolve becomes an
/// unresolved mention rather than a guess.
struct RowDecoder {
    let file: String
    let gazetteer: Gazetteer?
    /// The cue lists of a table row, shared by the rows this decoder decodes instead of made
    /// for each. A decoder's own: rows decoded on two threads that shared one list contended
    /// for its reference count.
    let placeCues = ["place column"], coordinateCues = ["coordinate columns"]

    /// `file` is copied, for the same reason as the cue lists: every incident a decoder
    /// makes holds it.
    init(file: String, gazetteer: Gazetteer?) {
        self.file = String(decoding: Array(file.utf8), as: UTF8.self)
        self.gazetteer = gazetteer
    }

    enum Outcome {
        case incident(Incident)
        case unresolved(UnresolvedMention)
    }

    static let idColumns = ["event_id_cnty", "event_id", "id"]
    static let dateColumns = ["event_date", "date"]
    static let latitudeColumns = ["latitude", "lat", "y"]
    static let longitudeColumns = ["longitude", "lon", "lng", "long", "x"]
    static let placeColumns = ["location", "place", "place_name", "town", "village", "name"]

    /// Decodes a row; `value(name)` returns the trimmed text of a column or nil when absent
    /// or empty. `coordinate` is given by GeoJSON geometry; otherwise read from columns.
    /// `kept`: the table's header and the row, kept as the incident's own columns.
    func decode(line: Int?, feature: Int?, rowNumber: Int, coordinate given: Coordinate?,
                kept: (header: [String], row: [String])? = nil, value: (String) -> String?) throws -> Outcome {
        func first(_ names: [String]) -> (name: String, value: String)? {
            for n in names { if let v = value(n) { return (n, v) } }
            return nil
        }
        func fail(_ problem: String, _ hint: String) -> InputError {
            InputError(file: file, line: line, feature: feature, problem: problem, hint: hint)
        }
        func integer(_ names: [String]) throws -> Int? {
            guard let (name, text) = first(names) else { return nil }
            guard let v = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }) else {
                throw fail("\(name) '\(text)' is not a whole number", "write a whole number or leave it empty")
            }
            guard v >= 0 else { throw fail("\(name) \(v) is negative", "counts cannot be negative") }
            return v
        }

        var coordinate = given
        if coordinate == nil, let (latName, latText) = first(Self.latitudeColumns),
           let (lonName, lonText) = first(Self.longitudeColumns) {
            guard let lat = DecimalText.double(latText), lat.isFinite else {
                throw fail("\(latName) '\(latText)' is not a number", "write decimal degrees such as 36.19")
            }
            guard let lon = DecimalText.double(lonText), lon.isFinite else {
                throw fail("\(lonName) '\(lonText)' is not a number", "write decimal degrees such as 36.68")
            }
            if let error = InputError.coordinateRange(latitude: lat, longitude: lon, file: file, line: line,
                                                      feature: feature) {
                throw error
            }
            coordinate = Coordinate(longitude: lon, latitude: lat)
        } else if coordinate == nil, first(Self.latitudeColumns) != nil || first(Self.longitudeColumns) != nil {
            throw fail("only one of latitude and longitude is given", "give both, or neither and a place name")
        }

        var date: CalendarDate?
        if let (name, text) = first(Self.dateColumns) {
            guard let d = Self.parseDate(text) else {
                throw fail("\(name) '\(text)' is not a date", "write YYYY-MM-DD (or ACLED's '12 March 2021')")
            }
            date = d
        }
        var timePrecision: TimePrecision? = date == nil ? nil : .day
        if let raw = try integer(["time_precision"]) {
            guard let p = TimePrecision(rawValue: raw) else {
                throw fail("time_precision \(raw) is not 1, 2 or 3", "use ACLED's codes: 1 day, 2 week, 3 month")
            }
            timePrecision = p
        }
        var geoPrecision = GeoPrecision.exact
        if let raw = try integer(["geo_precision"]) {
            guard let p = GeoPrecision(rawValue: raw) else {
                throw fail("geo_precision \(raw) is not 1, 2 or 3", "use ACLED's codes: 1 exact, 2 near, 3 region")
            }
            geoPrecision = p
        }

        var location = first(Self.placeColumns)?.value
        var placeID: String?
        var admin1 = value("admin1")
        var country = value("country")
        let source = value("source")
        let notes = value("notes")
        let eventID = first(Self.idColumns)?.value ?? "\(Self.stem(file))-\(rowNumber)"
        let sentence = notes ?? location ?? eventID
        let provenance = Provenance(document: file, source: source, url: value("url"), sentence: sentence,
                                    startOffset: line ?? feature ?? rowNumber, endOffset: line ?? feature ?? rowNumber,
                                    cues: coordinate == nil ? placeCues : coordinateCues)

        if coordinate == nil {
            guard let name = location else {
                throw fail("the row has neither coordinates nor a place name",
                           "add latitude/longitude columns or a location column")
            }
            let resolution = gazetteer?.resolve(name)
            guard let best = resolution?.best else {
                let offers = resolution?.candidates.prefix(3).map { "\($0.place.name) (\($0.place.country), \($0.score))" } ?? []
                return .unresolved(UnresolvedMention(
                    text: name, document: file, sentence: sentence, startOffset: line ?? feature ?? rowNumber,
                    reason: gazetteer == nil ? "no gazetteer loaded" :
                        (offers.isEmpty ? "no candidate" : "below threshold \(Gazetteer.threshold)"),
                    candidates: offers))
            }
            coordinate = best.place.coordinate
            placeID = best.place.id
            location = best.place.name
            admin1 = admin1 ?? best.place.admin1
            country = country ?? IncidentExtractor.countryName(best.place.country) ?? best.place.country
            if best.place.kind == .admin1 || best.place.kind == .country { geoPrecision = max(geoPrecision, .region) }
        }

        // Room for both made at once: appending to an empty array allocated twice.
        var actors: [Actor] = []
        actors.reserveCapacity(2)
        let attribution = value("attribution").flatMap(Attribution.init(rawValue:)) ?? .reported
        for column in ["actor1", "actor2"] {
            if let name = value(column) { actors.append(Actor(name: name, attribution: attribution)) }
        }
        var confidence = 1.0
        if let text = value("confidence") {
            guard let c = Double(text), (0...1).contains(c) else {
                throw fail("confidence '\(text)' is not a number from 0 to 1", "write a value such as 0.8")
            }
            confidence = c
        }
        var incident = Incident(
            eventID: eventID, eventDate: date, timePrecision: timePrecision,
            eventType: value("event_type") ?? "", subEventType: value("sub_event_type") ?? "",
            actors: actors, country: country, admin1: admin1, location: location ?? "",
            placeID: placeID, coordinate: coordinate!, geoPrecision: geoPrecision,
            fatalities: try integer(["fatalities", "killed", "deaths"]),
            injured: try integer(["injured", "wounded"]), target: value("target"), notes: notes,
            confidence: confidence, provenance: [provenance])
        // Set here, where the incident is made: taken out of the outcome to be set, it was
        // copied whole (a retain and a release of each of its strings).
        if let kept { incident.setExtra(keys: kept.header, values: kept.row) }
        return .incident(incident)
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]

    /// `YYYY-MM-DD` (optionally followed by a time), or ACLED's `12 March 2021` / `12-March-2021`.
    static func parseDate(_ text: String) -> CalendarDate? {
        let utf8 = text.utf8
        if utf8.count >= 10, let d = CalendarDate(isoBytes: utf8.prefix(10)) {
            let next = utf8.dropFirst(10).first
            if next == nil || next == UInt8(ascii: "T") || next == UInt8(ascii: " ") { return d }
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
        if parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]), year > 999,
           let m = monthNames.firstIndex(where: { $0.hasPrefix(parts[1].lowercased()) && parts[1].count >= 3 }),
           day >= 1, day <= CalendarDate.daysIn(month: m + 1, year: year) {
            return CalendarDate(year: year, month: m + 1, day: day)
        }
        return nil
    }

    static func stem(_ file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }
}
