import GeoCore
import GeoExport

/// What Google Earth shows for an incident: the balloon and the time-slider span.
enum KMLBalloon {
    /// The incident's span follows its time precision: the day, the week, the month.
    @Sendable static func timeSpan(_ layer: Layer, _ feature: Feature) -> KMLTimeSpan? {
        guard layer.name == IncidentLayer.name,
              let d = layer.fieldIndex("event_date"), case .date(let date) = feature.values[d] else { return nil }
        var days = 1
        if let p = layer.fieldIndex("time_precision"), case .integer(let code) = feature.values[p],
           let precision = TimePrecision(rawValue: code) {
            days = precision.spanDays
        }
        return KMLTimeSpan(date: date, days: days)
    }

    /// An HTML balloon for incidents (date, type, actors with attribution, target, casualties,
    /// place and precision, border distance, source sentence and link); a field table otherwise.
    @Sendable static func description(_ layer: Layer, _ feature: Feature) -> String? {
        func text(_ name: String) -> String? {
            guard let i = layer.fieldIndex(name) else { return nil }
            return feature.values[i].textValue
        }
        func esc(_ s: String?) -> String { TextEscaping.html(s ?? "unknown") }
        guard layer.name == IncidentLayer.name else {
            return "<table>" + layer.fields.enumerated().map { i, f in
                "<tr><th>\(esc(f.name))</th><td>\(esc(feature.values[i].textValue))</td></tr>"
            }.joined() + "</table>"
        }
        let precisionWords = ["1": "in the place", "2": "near the place", "3": "region only"]
        let timeWords = ["1": "day", "2": "week", "3": "month"]
        var actors = [text("actor1"), text("actor2")].compactMap { $0 }.map(esc).joined(separator: "; ")
        if actors.isEmpty { actors = "unknown" }
        var html = "<h3>\(esc(text("sub_event_type") ?? text("event_type")))</h3><table>"
        let rows: [(String, String)] = [
            ("Date", "\(esc(text("event_date"))) (precision: \(timeWords[text("time_precision") ?? ""] ?? "unknown"))"),
            ("Type", "\(esc(text("event_type"))) / \(esc(text("sub_event_type")))"),
            ("Actors", "\(actors) (\(esc(text("attribution"))))"),
            ("Target", esc(text("target"))),
            ("Fatalities", esc(text("fatalities"))), ("Injured", esc(text("injured"))),
            ("Place", "\(esc(text("location"))), \(esc(text("admin1"))), \(esc(text("country"))) "
                + "(\(precisionWords[text("geo_precision") ?? ""] ?? "unknown"))"),
            ("Border", text("border_distance_km").map { _ in
                "\(esc(kilometres(text("border_distance_km")))) km (\(esc(text("border_side"))), band "
                    + "\(esc(text("border_band") ?? text("border_band_range"))))" } ?? "unknown"),
            ("Source", esc(text("source"))),
        ]
        for (k, v) in rows { html += "<tr><th>\(k)</th><td>\(v)</td></tr>" }
        html += "</table>"
        if let notes = text("notes") { html += "<p>\(esc(notes))</p>" }
        if let url = text("source_url") { html += "<p><a href=\"\(esc(url))\">\(esc(url))</a></p>" }
        return html
    }

    static func kilometres(_ s: String?) -> String? {
        guard let s, let v = Double(s) else { return s }
        return String(format: "%.2f", v)
    }
}
