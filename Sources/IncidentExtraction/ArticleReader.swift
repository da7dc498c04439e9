import Foundation
import GeoCore

/// Reads articles (plain text, Markdown or HTML) into `Document`s.
///
/// A text or Markdown article may open with a header block of `key: value` lines (`title:`,
/// `date:`, `source:`, `url:`; other keys such as `note:` are kept out of the text) ended by a
/// blank line. `date: unknown` marks the article as undated.
public enum ArticleReader {
    static let headerKeys: Set<String> = ["title", "date", "source", "url", "note", "author", "language", "lang"]

    /// Reads the file at `url`. `dateOverride` replaces the article date (the user's `--date`).
    public static func read(url: URL, dateOverride: CalendarDate? = nil) throws -> Document {
        let file = url.path
        guard let data = try? Data(contentsOf: url) else {
            throw ExtractionInputError(file: file, message: "cannot read the file; check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExtractionInputError(file: file, line: firstInvalidLine(data),
                                       message: "not UTF-8 text; convert it (for example `iconv -t UTF-8`) and retry")
        }
        let ext = url.pathExtension.lowercased()
        let opening = text.prefix(512).lowercased()
        let isHTML = ext == "html" || ext == "htm" || opening.contains("<html") || opening.contains("<!doctype html")
        return try parse(text, name: file, isHTML: isHTML, dateOverride: dateOverride)
    }

    /// Reads an article already in memory; `name` stands for the file in errors and provenance.
    public static func parse(_ text: String, name: String, isHTML: Bool = false,
                             dateOverride: CalendarDate? = nil) throws -> Document {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        if text.trimmingSpaces.isEmpty {
            throw ExtractionInputError(file: name, message: "the file is empty; give an article with text")
        }
        if isHTML {
            let page = HTMLText.convert(text)
            guard !page.text.isEmpty else {
                throw ExtractionInputError(file: name, message: "the HTML page has no readable text outside scripts "
                                           + "and navigation; save the article text instead")
            }
            let date = dateOverride ?? page.published.flatMap(DateExpression.parseAbsolute)
            return Document(name: name, title: page.title, date: date, text: page.text)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var fields: [String: String] = [:]
        var headerLines = 0
        for (n, line) in lines.enumerated() {
            guard let colon = line.firstIndex(of: ":") else { break }
            let key = line[..<colon].trimmingSpaces.lowercased()
            guard headerKeys.contains(key) else { break }
            let value = line[line.index(after: colon)...].trimmingSpaces
            if key == "date", value.lowercased() != "unknown", DateExpression.parseAbsolute(value) == nil,
               dateOverride == nil {
                throw ExtractionInputError(file: name, line: n + 1,
                                           message: "date '\(value)' not understood; write YYYY-MM-DD or 'unknown'")
            }
            fields[key] = value
            headerLines = n + 1
        }
        if headerLines > 0 {
            lines.removeFirst(headerLines)
        }
        while let first = lines.first, first.trimmingSpaces.isEmpty { lines.removeFirst() }
        let body = markdownToText(lines.joined(separator: "\n"))
        if body.trimmingSpaces.isEmpty {
            throw ExtractionInputError(file: name, line: headerLines + 1,
                                       message: "the article has a header but no text; "
                                           + "add the article body after a blank line")
        }
        let headerDate = fields["date"].flatMap {
            $0.lowercased() == "unknown" ? nil : DateExpression.parseAbsolute($0)
        }
        let date = dateOverride ?? headerDate
        return Document(name: name, title: fields["title"], date: date, source: fields["source"],
                        url: fields["url"], text: body)
    }

    /// Removes Markdown markup that is not prose: heading marks, emphasis, link targets.
    static func markdownToText(_ s: String) -> String {
        guard s.contains("#") || s.contains("*") || s.contains("](") || s.contains("__") else { return s }
        var out: [String] = []
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = String(line)
            if l.hasPrefix("#") { l = String(l.drop(while: { $0 == "#" }).drop(while: { $0 == " " })) }
            l = l.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
            while let open = l.range(of: "]("), let close = l[open.upperBound...].firstIndex(of: ")"),
                  let bracket = l[..<open.lowerBound].lastIndex(of: "[") {
                let label = l[l.index(after: bracket)..<open.lowerBound]
                l.replaceSubrange(bracket...close, with: label)
            }
            out.append(l)
        }
        return out.joined(separator: "\n")
    }

    private static func firstInvalidLine(_ data: Data) -> Int? {
        var line = 1
        var start = data.startIndex
        for i in data.indices where data[i] == 0x0A {
            if String(data: data[start..<i], encoding: .utf8) == nil { return line }
            line += 1
            start = i + 1
        }
        return String(data: data[start...], encoding: .utf8) == nil ? line : nil
    }
}
