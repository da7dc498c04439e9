import Foundation
import GeoCore
import Testing
@testable import IncidentExtraction

@Suite struct ArticleReaderTests {
    @Test func headerGivesTitleDateSourceAndLeavesTheBody() throws {
        let doc = try ArticleReader.parse("title: Strikes\ndate: 2021-03-21\nsource: Wire\nurl: https://example.org/a\n"
                                          + "note: illustrative\n\nFirst paragraph.\n\nSecond.", name: "a.txt")
        #expect(doc.title == "Strikes")
        #expect(doc.date == CalendarDate(year: 2021, month: 3, day: 21))
        #expect(doc.source == "Wire")
        #expect(doc.url == "https://example.org/a")
        #expect(doc.text.hasPrefix("First paragraph."))
        #expect(!doc.text.contains("note"))
    }

    @Test func unknownDateIsUndatedAndOverrideWins() throws {
        let undated = try ArticleReader.parse("date: unknown\n\nText.", name: "a.txt")
        #expect(undated.date == nil)
        let override = CalendarDate(year: 2020, month: 1, day: 2)
        let dated = try ArticleReader.parse("date: unknown\n\nText.", name: "a.txt", dateOverride: override)
        #expect(dated.date == override)
    }

    @Test func textWithoutHeaderIsAllBody() throws {
        let doc = try ArticleReader.parse("Jets struck Ariha: three killed.\nMore text.", name: "a.txt")
        #expect(doc.date == nil)
        #expect(doc.text.hasPrefix("Jets struck Ariha"))
    }

    @Test func markdownMarkupIsRemoved() throws {
        let doc = try ArticleReader.parse("date: 2021-01-01\n\n# Heading\n\n**Idlib:** see [the report](http://x.org).",
                                          name: "a.md")
        #expect(doc.text == "Heading\n\nIdlib: see the report.")
    }

    @Test func htmlKeepsTheArticleOnly() throws {
        let html = """
        <!DOCTYPE html><html><head><title>Strike &amp; fire</title>
        <meta property="article:published_time" content="2021-10-12T09:00:00Z">
        <script>var place = "Sarmada";</script><style>p { color: red }</style></head>
        <body><nav><a href="/">Home</a></nav><header>Site name</header>
        <p>Jets hit Atmeh&nbsp;on Monday &#8212; two killed.</p><div>Second&#x2019;s paragraph</div>
        <footer>Copyright</footer></body></html>
        """
        let doc = try ArticleReader.parse(html, name: "a.html", isHTML: true)
        #expect(doc.title == "Strike & fire")
        #expect(doc.date == CalendarDate(year: 2021, month: 10, day: 12))
        #expect(doc.text == "Jets hit Atmeh on Monday \u{2014} two killed.\n\nSecond\u{2019}s paragraph")
    }

    @Test func emptyFileIsAnErrorNamingTheFile() {
        #expect(throws: ExtractionInputError.self) { try ArticleReader.parse("  \n\n", name: "empty.txt") }
        do {
            _ = try ArticleReader.parse("", name: "empty.txt")
        } catch {
            #expect("\(error)".hasPrefix("empty.txt: "))
        }
    }

    @Test func htmlWithoutTextIsAnError() {
        #expect(throws: ExtractionInputError.self) {
            try ArticleReader.parse("<html><script>x()</script><nav>Home</nav></html>", name: "p.html", isHTML: true)
        }
    }

    @Test func badHeaderDateNamesTheLine() {
        do {
            _ = try ArticleReader.parse("title: T\ndate: sometime\n\nText.", name: "a.txt")
            Issue.record("expected an error")
        } catch let error as ExtractionInputError {
            #expect(error.file == "a.txt")
            #expect(error.line == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func notUTF8NamesTheLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID()).txt")
        try Data("date: 2021-01-01\n\nCaf".utf8 + [0xE9, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try ArticleReader.read(url: url)
            Issue.record("expected an error")
        } catch let error as ExtractionInputError {
            #expect(error.line == 3)
            #expect(error.message.contains("UTF-8"))
        }
    }
}
