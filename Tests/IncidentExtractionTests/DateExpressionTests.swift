import GeoCore
import Testing
@testable import IncidentExtraction

@Suite struct DateExpressionTests {
    /// A Monday.
    let reference = CalendarDate(year: 2021, month: 3, day: 22)

    func first(_ text: String, _ reference: CalendarDate?) -> DateExpression? {
        DateExpression.find(in: SentenceSplitter.words(text).map(\.lower), reference: reference).first
    }

    @Test(arguments: [
        ("It happened on 12 March 2021.", "2021-03-12"),
        ("It happened on March 12, 2021.", "2021-03-12"),
        ("Log: 2021-03-12 shelling.", "2021-03-12"),
        ("on March 12 jets struck", "2021-03-12"),
    ])
    func absoluteDates(text: String, iso: String) throws {
        let d = try #require(first(text, reference))
        #expect(d.date?.description == iso)
        #expect(d.precision == .day)
    }

    @Test(arguments: [
        ("Jets struck on Sunday.", "2021-03-21", TimePrecision.day),
        ("Jets struck on Monday.", "2021-03-22", TimePrecision.day),
        ("Jets struck on Tuesday.", "2021-03-16", TimePrecision.day),
        ("Jets struck yesterday.", "2021-03-21", TimePrecision.day),
        ("Jets struck last week.", "2021-03-15", TimePrecision.week),
        ("Earlier this month, jets struck.", "2021-03-01", TimePrecision.month),
        ("Jets struck last month.", "2021-02-01", TimePrecision.month),
        ("Jets struck last year.", "2020-01-01", TimePrecision.month),
    ])
    func relativeDates(text: String, iso: String, precision: TimePrecision) throws {
        let d = try #require(first(text, reference))
        #expect(d.date?.description == iso)
        #expect(d.precision == precision)
        #expect(d.isRelative)
    }

    @Test func relativeDateWithoutArticleDateStaysUnresolved() throws {
        let d = try #require(first("Jets struck on Sunday.", nil))
        #expect(d.date == nil)
    }

    @Test func weekdayAsNameIsNotADate() {
        #expect(first("The Sunday market was busy.", reference) == nil)
    }
}
