/// Turns an HTML page into plain paragraphs: the reader's text without navigation, scripts
/// or page furniture.
enum HTMLText {
    /// Elements whose whole content is dropped: code, styling and the page's furniture.
    static let dropped: Set<String> = ["script", "style", "nav", "header", "footer", "noscript", "aside",
                                       "form", "svg", "iframe", "template"]
    /// Elements that end a paragraph.
    static let blocks: Set<String> = ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
                                      "article", "blockquote", "ul", "ol", "table", "main", "figure", "figcaption",
                                      "dd", "dt", "hr", "pre"]

    /// What the page says about itself, read from `<title>` and the publication-date metadata.
    struct Page {
        var text: String
        var title: String?
        var published: String?
    }

    static func convert(_ html: String) -> Page {
        var out = ""
        var title: String?
        var published: String?
        var dropDepth = 0
        var dropName = ""
        let chars = Array(html.unicodeScalars)
        var i = 0
        var inTitle = false
        var titleText = ""
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                // A comment, a declaration or a tag.
                if i + 3 < chars.count, chars[i + 1] == "!", chars[i + 2] == "-", chars[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < chars.count, !(chars[j] == "-" && chars[j + 1] == "-" && chars[j + 2] == ">") {
                        j += 1
                    }
                    i = j + 3
                    continue
                }
                var j = i + 1
                var quote: Unicode.Scalar?
                while j < chars.count {
                    let d = chars[j]
                    if let q = quote {
                        if d == q { quote = nil }
                    } else if d == "\"" || d == "'" {
                        quote = d
                    } else if d == ">" {
                        break
                    }
                    j += 1
                }
                let tag = String(String.UnicodeScalarView(chars[(i + 1)..<min(j, chars.count)]))
                i = j + 1
                let closing = tag.hasPrefix("/")
                let name = String(tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }))
                    .lowercased()
                if dropDepth > 0 {
                    if name == dropName { dropDepth += closing ? -1 : (tag.hasSuffix("/") ? 0 : 1) }
                    continue
                }
                if name == "title" { inTitle = !closing; if closing { title = decode(titleText) }; continue }
                if name == "meta", published == nil, let date = metaDate(tag) { published = date }
                if name == "time", published == nil, let date = attribute("datetime", in: tag) { published = date }
                if dropped.contains(name), !closing, !tag.hasSuffix("/") {
                    dropDepth = 1
                    dropName = name
                    continue
                }
                if blocks.contains(name) { out += "\n\n" } else { out += "" }
                continue
            }
            if dropDepth == 0 {
                if inTitle { titleText.unicodeScalars.append(c) } else { out.unicodeScalars.append(c) }
            }
            i += 1
        }
        let paragraphs = decode(out).components(separatedBy: "\n\n")
            .map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            .filter { !$0.isEmpty }
        return Page(text: paragraphs.joined(separator: "\n\n"), title: title?.trimmingSpaces, published: published)
    }

    private static func metaDate(_ tag: String) -> String? {
        let lower = tag.lowercased()
        guard ["article:published_time", "\"date\"", "datepublished", "pubdate", "dc.date"]
            .contains(where: { lower.contains($0) }) else { return nil }
        return attribute("content", in: tag)
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: name + "=", options: .caseInsensitive) else { return nil }
        let rest = tag[r.upperBound...]
        guard let q = rest.first, q == "\"" || q == "'" else { return nil }
        return String(rest.dropFirst().prefix(while: { $0 != q }))
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘",
        "ldquo": "“", "rdquo": "”", "mdash": "—", "ndash": "–", "hellip": "…", "eacute": "é", "uuml": "ü",
        "ouml": "ö", "ccedil": "ç", "scedil": "ş", "shy": "",
    ]

    /// Decodes named and numeric character references.
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let entity = String(after[..<semi])
                var replacement: String?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if entity.hasPrefix("#") {
                    replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    replacement = named[entity.lowercased()]
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
