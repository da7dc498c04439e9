import Testing
import GeoCore

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test(arguments: [("2021-03-05", 2021, 3, 5), ("2020-02-29", 2020, 2, 29), ("0999-12-31", 999, 12, 31)])
    func isoDatesParse(text: String, year: Int, month: Int, day: Int) {
        #expect(CalendarDate(iso: text) == CalendarDate(year: year, month: month, day: day))
        #expect(CalendarDate(iso: text)?.description == text)
    }

    @Test(arguments: ["2021-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-3-05", "2021-03-5",
                      "21-03-05", "2021/03/05", "2021-03-05T10:00", "2021-03-05 ", " 2021-03-05", "２０２１-03-05",
                      "2021-0३-05", "", "2021-03-0"])
    func otherTextIsNotAnISODate(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    /// Four-digit years are written digit by digit; others as before (padded to four, signed).
    @Test(arguments: [(0, 1, 1, "0000-01-01"), (7, 2, 3, "0007-02-03"), (999, 12, 31, "0999-12-31"),
                      (2021, 10, 9, "2021-10-09"), (9999, 12, 31, "9999-12-31"), (10000, 1, 1, "10000-01-01"),
                      (-44, 3, 15, "0-44-03-15")])
    func descriptionsAreISO(year: Int, month: Int, day: Int, text: String) {
        #expect(CalendarDate(year: year, month: month, day: day).description == text)
    }

    @Test func dayNumbersCountFromTheEpoch() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CalendarDate(year: 2021, month: 3, day: 5).adding(days: 30) == CalendarDate(year: 2021, month: 4, day: 4))
    }
}
