import GeoCore

/// A date read from a sentence: absolute ("12 March 2021", "2021-03-12") or relative to the
/// article date ("on Sunday", "yesterday", "earlier this month").
///
/// Dates of week or month precision are stored as ACLED does for its time windows: the
/// reference day of the window (the first of the month for month precision; the day a week
/// phrase points at for week precision), with `TimePrecision.spanDays` giving the width.
struct DateExpression: Sendable, Hashable {
    /// The resolved date, or nil when it is relative and the article is undated.
    var date: CalendarDate?
    var precision: TimePrecision
    /// The words that decided it ("on Sunday", "earlier this month").
    var cue: String
    /// Whether it was read relative to the article date.
    var isRelative: Bool

    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    /// The words `find` reads a date from after its numeric forms: months, weekdays, and the
    /// first words of the relative expressions (see `relative`).
    static let wordsOpeningDates: Set<String> = Set(months.keys).union(weekdays.keys)
        .union(["yesterday", "today", "tonight", "last", "earlier", "this", "past"])

    static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]

    /// Parses a whole header value: `YYYY-MM-DD` (a time after `T` is ignored), `12 March 2021`,
    /// `March 12, 2021`.
    static func parseAbsolute(_ value: String) -> CalendarDate? {
        let v = value.trimmingSpaces
        if let d = CalendarDate(iso: String(v.prefix(10))) { return d }
        let words = v.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return find(in: words, reference: nil).first.flatMap { $0.precision == .day ? $0.date : nil }
    }

    /// Every date expression among `words` (lowercased word tokens), in order; relative ones
    /// resolved against `reference`.
    static func find(in words: [String], reference: CalendarDate?) -> [DateExpression] {
        var found: [DateExpression] = []
        var i = 0
        func word(_ k: Int) -> String { k >= 0 && k < words.count ? words[k] : "" }
        // Words reach here lowercased and split on letters and digits, so a number starts
        // with a digit and is ASCII: most words are ruled out on their first byte, and
        // lengths are byte counts.
        let startsWithDigit = ASCIIBytes.startsWithDigit
        func year(_ s: String) -> Int? {
            s.utf8.count == 4 && startsWithDigit(s) ? Int(s).flatMap { (1990...2100).contains($0) ? $0 : nil } : nil
        }
        func dayNumber(_ s: String) -> Int? {
            guard startsWithDigit(s), s.utf8.count <= 4 else { return nil }
            let ordinal = ["th", "st", "nd", "rd"].contains(where: s.hasSuffix)
            let digits = ordinal ? String(s.dropLast(2)) : s
            return digits.count <= 2 ? Int(digits).flatMap { (1...31).contains($0) ? $0 : nil } : nil
        }
        func make(_ y: Int?, _ m: Int, _ d: Int) -> CalendarDate? {
            guard let y = y ?? reference?.year, d <= CalendarDate.daysIn(month: m, year: y) else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        }
        while i < words.count {
            let w = words[i]
            if w.utf8.count == 10, startsWithDigit(w), let date = CalendarDate(iso: w) {
                found.append(DateExpression(date: date, precision: .day, cue: w, isRelative: false))
                i += 1
                continue
            }
            // 2021-03-12 split into three tokens.
            if let y = year(w), let m = Int(word(i + 1)), word(i + 1).count == 2, let d = Int(word(i + 2)),
               word(i + 2).count == 2, (1...12).contains(m), let date = make(y, m, d) {
                found.append(DateExpression(date: date, precision: .day, cue: "\(w)-\(word(i + 1))-\(word(i + 2))",
                                            isRelative: false))
                i += 3
                continue
            }
            // 12 March 2021 / 12 March
            if let d = dayNumber(w), let m = months[word(i + 1)], m != 5 || word(i + 1) == "may" {
                let y = year(word(i + 2))
                if let date = make(y, m, d) {
                    found.append(DateExpression(date: date, precision: .day, cue: "\(w) \(word(i + 1))",
                                                isRelative: y == nil))
                    i += y == nil ? 2 : 3
                    continue
                }
            }
            // Past the numeric forms, a date opens with a month, a weekday or a relative word:
            // one look-up rules out every other word.
            guard wordsOpeningDates.contains(w) else { i += 1; continue }
            // March 12, 2021 / March 12 / March 2021 / in March
            if let m = months[w], w.count >= 3, w != "mar" || true {
                if w == "may", dayNumber(word(i + 1)) == nil, year(word(i + 1)) == nil { i += 1; continue }
                if let d = dayNumber(word(i + 1)) {
                    let y = year(word(i + 2))
                    if let date = make(y, m, d) {
                        found.append(DateExpression(date: date, precision: .day, cue: "\(w) \(word(i + 1))",
                                                    isRelative: y == nil))
                        i += y == nil ? 2 : 3
                        continue
                    }
                }
                if let y = year(word(i + 1)) {
                    found.append(DateExpression(date: CalendarDate(year: y, month: m, day: 1), precision: .month,
                                                cue: "\(w) \(y)", isRelative: false))
                    i += 2
                    continue
                }
                if word(i - 1) == "in" || word(i - 1) == "early" || word(i - 1) == "late" || word(i - 1) == "mid" {
                    let date = reference.map { r in
                        CalendarDate(year: m <= r.month ? r.year : r.year - 1, month: m, day: 1)
                    }
                    found.append(DateExpression(date: date, precision: .month, cue: "in \(w)", isRelative: true))
                    i += 1
                    continue
                }
            }
            if let relative = relative(words, at: i, reference: reference) {
                found.append(relative.0)
                i += relative.1
                continue
            }
            i += 1
        }
        return found
    }

    /// A relative expression starting at `i`, with the number of words it uses.
    private static func relative(_ words: [String], at i: Int, reference r: CalendarDate?) -> (DateExpression, Int)? {
        func word(_ k: Int) -> String { k >= 0 && k < words.count ? words[k] : "" }
        let w = words[i]
        func rel(_ date: CalendarDate?, _ p: TimePrecision, _ cue: String) -> DateExpression {
            DateExpression(date: date, precision: p, cue: cue, isRelative: true)
        }
        switch w {
        case "yesterday":
            return (rel(r?.adding(days: -1), .day, w), 1)
        case "today", "tonight":
            return (rel(r, .day, w), 1)
        case "last", "earlier", "this", "past":
            let next = word(i + 1)
            if w == "earlier", next == "this", word(i + 2) == "month" {
                let first = r.map { CalendarDate(year: $0.year, month: $0.month, day: 1) }
                return (rel(first, .month, "earlier this month"), 3)
            }
            if w == "earlier", next == "this", word(i + 2) == "week" {
                return (rel(r, .week, "earlier this week"), 3)
            }
            if (w == "last" || w == "past"), next == "week" { return (rel(r?.adding(days: -7), .week, "\(w) week"), 2) }
            if w == "this", next == "week" { return (rel(r, .week, "this week"), 2) }
            if w == "last", next == "month" {
                return (rel(r.map { $0.month == 1 ? CalendarDate(year: $0.year - 1, month: 12, day: 1)
                                               : CalendarDate(year: $0.year, month: $0.month - 1, day: 1) },
                            .month, "last month"), 2)
            }
            if w == "this", next == "month" {
                return (rel(r.map { CalendarDate(year: $0.year, month: $0.month, day: 1) }, .month, "this month"), 2)
            }
            if w == "last", next == "year" {
                return (rel(r.map { CalendarDate(year: $0.year - 1, month: 1, day: 1) }, .month, "last year"), 2)
            }
            if w == "last", next == "night" { return (rel(r?.adding(days: -1), .day, "last night"), 2) }
            if w == "last", let wd = weekdays[next] { return (weekday(wd, r, cue: "last \(next)"), 2) }
            return nil
        default:
            if let wd = weekdays[w] {
                // A weekday names a day only when it is used as a date ("on Sunday", "Sunday's
                // strike", "Sunday night"), and only against an article date.
                let prev = word(i - 1)
                let next = word(i + 1)
                let usedAsDate = prev == "on" || prev == "since" || prev == "early" || prev == "late" || prev == "from"
                    || ["night", "morning", "evening", "afternoon", "s", "dawn"].contains(next) || i == 0

                guard usedAsDate else { return nil }
                return (weekday(wd, r, cue: prev == "on" ? "on \(w)" : w), 1)
            }
            return nil
        }
    }

    /// The most recent `weekday` on or before the article date.
    private static func weekday(_ wd: Int, _ r: CalendarDate?, cue: String) -> DateExpression {
        guard let r else { return DateExpression(date: nil, precision: .day, cue: cue, isRelative: true) }
        let back = (r.weekday - wd + 7) % 7
        return DateExpression(date: r.adding(days: -back), precision: .day, cue: cue, isRelative: true)
    }
}
