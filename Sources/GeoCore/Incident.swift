/// ACLED's time precision: how exactly `eventDate` is known.
public enum TimePrecision: Int, Sendable, Hashable, Codable, Comparable {
    /// The day is known.
    case day = 1
    /// The week is known; `eventDate` is within it.
    case week = 2
    /// The month (or something vaguer) is known.
    case month = 3

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// How many days the event may span from `eventDate`.
    public var spanDays: Int {
        switch self {
        case .day: 1
        case .week: 7
        case .month: 31
        }
    }
}

/// ACLED's geo-precision: how exactly the location is known.
public enum GeoPrecision: Int, Sendable, Hashable, Codable, Comparable {
    /// In the named place.
    case exact = 1
    /// Near the named place (outskirts, countryside, between two places).
    case near = 2
    /// Only the region is known; the point is the region's representative point.
    case region = 3

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// How firmly a source puts an actor behind an event.
public enum Attribution: String, Sendable, Hashable, Codable {
    case reported
    case suspected
    case claimed
}

/// A calendar date without a time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real day.
    public init?(iso: some StringProtocol) { self.init(isoBytes: iso.utf8) }

    /// `init(iso:)` over UTF-8 bytes: exactly YYYY-MM-DD in ASCII digits. Tables of a
    /// million rows parse one date per row, so this reads bytes and allocates nothing.
    @inlinable
    public init?(isoBytes bytes: some Sequence<UInt8>) {
        var y = 0, m = 0, d = 0, count = 0
        for b in bytes {
            defer { count += 1 }
            guard count < 10 else { return nil }
            if count == 4 || count == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let v = Int(b - UInt8(ascii: "0"))
            if count < 4 { y = y * 10 + v } else if count < 7 { m = m * 10 + v } else { d = d * 10 + v }
        }
        guard count == 10, (1...12).contains(m), d >= 1, d <= CalendarDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic and time windows.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Day of the week, 1 = Monday ... 7 = Sunday (ISO 8601).
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }

    /// `YYYY-MM-DD`.
    ///
    /// Written digit by digit for years 0–9999: every writer asks for every incident's date,
    /// three million times in a run of a million incidents.
    public var description: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
            return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            out[0] = zero + UInt8(year / 1000)
            out[1] = zero + UInt8(year / 100 % 10)
            out[2] = zero + UInt8(year / 10 % 10)
            out[3] = zero + UInt8(year % 10)
            out[4] = dash
            out[5] = zero + UInt8(month / 10)
            out[6] = zero + UInt8(month % 10)
            out[7] = dash
            out[8] = zero + UInt8(day / 10)
            out[9] = zero + UInt8(day % 10)
            return 10
        }
    }
}

/// An actor with how firmly the source names it.
public struct Actor: Sendable, Hashable, Codable {
    /// ACLED-style actor name ("Military Forces of Russia (2000-)", "Unidentified Armed Group (Syria)").
    public var name: String
    public var attribution: Attribution

    public init(name: String, attribution: Attribution) {
        self.name = name
        self.attribution = attribution
    }
}

/// Where an incident comes from: a document, the sentence, the character offsets, the cues.
public struct Provenance: Sendable, Hashable, Codable {
    /// The input file (or URL from the article header).
    public var document: String
    /// Source name from the article header or table (`Reuters`, `SOHR`).
    public var source: String?
    public var url: String?
    /// The sentence or table row the incident was read from.
    public var sentence: String
    /// Character offsets of the sentence in the document text (UTF-16 code units), or the
    /// 1-based line for table rows.
    public var startOffset: Int
    public var endOffset: Int
    /// The cues that decided the coding ("near" -> geo_precision 2, "airstrikes" -> Air/drone strike).
    public var cues: [String]

    public init(document: String, source: String? = nil, url: String? = nil, sentence: String,
                startOffset: Int, endOffset: Int, cues: [String] = []) {
        self.document = document
        self.source = source
        self.url = url
        self.sentence = sentence
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.cues = cues
    }
}

/// One coded event at one place, ACLED-style.
public struct Incident: Sendable, Hashable {
    public var eventID: String
    public var eventDate: CalendarDate?
    public var timePrecision: TimePrecision?
    /// ACLED event type ("Explosions/Remote violence").
    public var eventType: String
    /// ACLED sub-event type ("Air/drone strike").
    public var subEventType: String
    public var actors: [Actor]
    public var country: String?
    public var admin1: String?
    /// The place name as resolved ("Sarmada").
    public var location: String
    public var placeID: String?
    public var coordinate: Coordinate
    public var geoPrecision: GeoPrecision
    public var fatalities: Int?
    public var injured: Int?
    public var target: String?
    public var notes: String?
    /// Confidence from 0 to 1 in the coding as a whole.
    public var confidence: Double
    /// One entry per report; several after deduplication.
    public var provenance: [Provenance]
    /// Columns of an input table kept as they were (ACLED exports), in order.
    public var extra: [(String, String)] {
        get { extraKeys.enumerated().map { ($0.element, extraValues[$0.offset]) } }
        set { extraKeys = newValue.map(\.0); extraValues = newValue.map(\.1) }
    }
    /// The kept columns' names (an input table's header) and this row's values, in order.
    public private(set) var extraKeys: [String] = []
    public private(set) var extraValues: [String] = []

    /// Sets the kept table columns from a header and a row without building pairs: every
    /// row of a table shares one header buffer, which matters for million-row exports.
    public mutating func setExtra(keys: [String], values: [String]) {
        precondition(keys.count == values.count, "extra columns need one value per key")
        extraKeys = keys
        extraValues = values
    }

    /// How many table columns are kept.
    public var extraCount: Int { extraKeys.count }

    public init(eventID: String, eventDate: CalendarDate?, timePrecision: TimePrecision?,
                eventType: String, subEventType: String, actors: [Actor], country: String?,
                admin1: String?, location: String, placeID: String?, coordinate: Coordinate,
                geoPrecision: GeoPrecision, fatalities: Int? = nil, injured: Int? = nil,
                target: String? = nil, notes: String? = nil, confidence: Double,
                provenance: [Provenance]) {
        self.eventID = eventID
        self.eventDate = eventDate
        self.timePrecision = timePrecision
        self.eventType = eventType
        self.subEventType = subEventType
        self.actors = actors
        self.country = country
        self.admin1 = admin1
        self.location = location
        self.placeID = placeID
        self.coordinate = coordinate
        self.geoPrecision = geoPrecision
        self.fatalities = fatalities
        self.injured = injured
        self.target = target
        self.notes = notes
        self.confidence = confidence
        self.provenance = provenance
    }

    /// ACLED's `actor1`: the first actor's name.
    public var actor1: String? { actors.first?.name }
    /// ACLED's `actor2`: the second actor's name.
    public var actor2: String? { actors.count > 1 ? actors[1].name : nil }
    /// The firmest attribution among the actors, or nil when there are none.
    public var attribution: Attribution? { actors.first?.attribution }
}

/// A place mention that could not be resolved, kept so that nothing is silently dropped.
public struct UnresolvedMention: Sendable, Hashable {
    public var text: String
    public var document: String
    public var sentence: String
    public var startOffset: Int
    /// Why it is unresolved ("no candidate", "below threshold 0.55").
    public var reason: String
    /// The best candidates offered, as "name (country, score)".
    public var candidates: [String]

    public init(text: String, document: String, sentence: String, startOffset: Int, reason: String,
                candidates: [String] = []) {
        self.text = text
        self.document = document
        self.sentence = sentence
        self.startOffset = startOffset
        self.reason = reason
        self.candidates = candidates
    }
}
