import GeoCore
import GeoExport

/// What Google Earth shows for an incident: the balloon and the time-slider span.
///
/// Both look each layer's fields up once and return a maker for its features: a million
/// placemarks looking up twenty field names each were most of writing map.kml.
enum KMLBalloon {
    /// The incident's span follows its time precision: the day, the week, the month (its
    /// first day and length in days; the KML writer builds each distinct span once).
    @Sendable static func timeSpan(for layer: Layer) -> @Sendable (Feature) -> (date: String, days: Int)? {
        guard layer.name == IncidentLayer.name, let d = layer.fieldIndex("event_date") else { return { _ in nil } }
        let p = layer.fieldIndex("time_precision")
        return { feature in
            guard case .date(let date) = feature.values[d] else { return nil }
            var days = 1
            if let p, case .integer(let code) = feature.values[p], let precision = TimePrecision(rawValue: code) {
                days = precision.spanDays
            }
            return (date, days)
        }
    }

    /// An HTML balloon for incidents (date, type, actors with attribution, target, casualties,
    /// place and precision, border distance, source sentence and link); a field table otherwise.
    @Sendable static func description(for layer: Layer) -> @Sendable (Feature, inout BalloonHTML) -> Void {
        guard layer.name == IncidentLayer.name else {
            let names = layer.fields.map(\.name)
            return { feature, html in
                html.markup("<table>")
                for (i, name) in names.enumerated() {
                    html.markup("<tr><th>")
                    html.text(name)
                    html.markup("</th><td>")
                    html.text(feature.values[i].textValue ?? "unknown")
                    html.markup("</td></tr>")
                }
                html.markup("</table>")
            }
        }
        let f = IncidentFields(layer)
        return { feature, html in
            // Values go into the balloon as they are (escaped, numbers formatted in place):
            // a `String` per value was most of the balloon's cost. The markup between two
            // values is one literal, a row's end and the next row's start together: as a
            // call per tag, the fifty-odd calls were a third of the balloon's instructions.
            func value(_ i: Int?) -> PropertyValue { i.map { feature.values[$0] } ?? .null }
            func known(_ i: Int?) -> Bool { value(i).hasText }
            func esc(_ i: Int?) { html.value(value(i), ifUnknown: "unknown") }
            html.markup("<h3>")
            esc(known(f.subEventType) ? f.subEventType : f.eventType)
            html.markup("</h3><table><tr><th>Date</th><td>")
            esc(f.eventDate)
            html.markup(" (precision: ")
            html.markup(timeWords(value(f.timePrecision)))
            html.markup(")</td></tr><tr><th>Type</th><td>")
            esc(f.eventType)
            html.markup(" / ")
            esc(f.subEventType)
            html.markup("</td></tr><tr><th>Actors</th><td>")
            let first = known(f.actor1), second = known(f.actor2)
            if first { esc(f.actor1) }
            if first && second { html.markup("; ") }
            if second { esc(f.actor2) }
            html.markup(!first && !second ? "unknown (" : " (")
            esc(f.attribution)
            html.markup(")</td></tr><tr><th>Target</th><td>")
            esc(f.target)
            html.markup("</td></tr><tr><th>Fatalities</th><td>")
            esc(f.fatalities)
            html.markup("</td></tr><tr><th>Injured</th><td>")
            esc(f.injured)
            html.markup("</td></tr><tr><th>Place</th><td>")
            esc(f.location)
            html.markup(", ")
            esc(f.admin1)
            html.markup(", ")
            esc(f.country)
            html.markup(" (")
            html.markup(precisionWords(value(f.geoPrecision)))
            html.markup(")</td></tr><tr><th>Border</th><td>")
            if appendKilometres(value(f.borderKm), to: &html) {
                html.markup(" km (")
                esc(f.borderSide)
                html.markup(", band ")
                esc(known(f.borderBand) ? f.borderBand : f.borderBandRange)
                html.markup(")</td></tr><tr><th>Source</th><td>")
            } else {
                html.markup("unknown</td></tr><tr><th>Source</th><td>")
            }
            esc(f.source)
            html.markup("</td></tr></table>")
            if known(f.notes) {
                html.markup("<p>")
                esc(f.notes)
                html.markup("</p>")
            }
            if known(f.sourceURL) {
                html.markup("<p><a href=\"")
                esc(f.sourceURL)
                html.markup("\">")
                esc(f.sourceURL)
                html.markup("</a></p>")
            }
        }
    }

    /// The incidents layer's fields the balloon shows, found once.
    private struct IncidentFields {
        let subEventType, eventType, eventDate, timePrecision, actor1, actor2, attribution: Int?
        let target, fatalities, injured, location, admin1, country, geoPrecision: Int?
        let borderKm, borderSide, borderBand, borderBandRange, source, notes, sourceURL: Int?

        init(_ layer: Layer) {
            let index = layer.fieldIndex
            (subEventType, eventType, eventDate) = (index("sub_event_type"), index("event_type"), index("event_date"))
            (timePrecision, actor1, actor2) = (index("time_precision"), index("actor1"), index("actor2"))
            (attribution, target, fatalities) = (index("attribution"), index("target"), index("fatalities"))
            (injured, location, admin1) = (index("injured"), index("location"), index("admin1"))
            (country, geoPrecision, borderKm) = (index("country"), index("geo_precision"), index("border_distance_km"))
            (borderSide, borderBand) = (index("border_side"), index("border_band"))
            (borderBandRange, source) = (index("border_band_range"), index("source"))
            (notes, sourceURL) = (index("notes"), index("source_url"))
        }
    }

    /// A time precision code's words; the code is looked at as written (an integer, or its
    /// text) without making a `String` of it for each placemark.
    static func timeWords(_ code: PropertyValue) -> StaticString {
        switch precisionCode(code) {
        case 1: "day"
        case 2: "week"
        case 3: "month"
        default: "unknown"
        }
    }

    static func precisionWords(_ code: PropertyValue) -> StaticString {
        switch precisionCode(code) {
        case 1: "in the place"
        case 2: "near the place"
        case 3: "region only"
        default: "unknown"
        }
    }

    /// The code 1, 2 or 3 of an integer value or of its text, else nil.
    private static func precisionCode(_ value: PropertyValue) -> Int? {
        switch value {
        case .integer(let v): v
        case .text("1"): 1
        case .text("2"): 2
        case .text("3"): 3
        default: nil
        }
    }

    /// Appends kilometres with two decimals ("12.30"), or text that is not a number as it is;
    /// false, with nothing appended, when unknown. The digits go straight into the balloon:
    /// the `String` made for them was the balloon's largest cost after its values.
    static func appendKilometres(_ value: PropertyValue, to html: inout BalloonHTML) -> Bool {
        let km: Double
        switch value {
        case .real(let v) where v.isFinite: km = v
        case .integer(let v): km = Double(v)
        case .text(let s):
            guard let v = DecimalText.double(s) else {
                html.text(s)
                return true
            }
            km = v
        default: return false
        }
        let hundredths = Int((abs(km) * 100).rounded())
        if km < 0 && hundredths > 0 { html.markup("-") }
        html.value(.integer(hundredths / 100), ifUnknown: "")
        html.markup(hundredths % 100 < 10 ? ".0" : ".")
        html.value(.integer(hundredths % 100), ifUnknown: "")
        return true
    }
}
