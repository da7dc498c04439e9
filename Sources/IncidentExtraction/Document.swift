import Foundation
import GeoCore

/// One article ready for extraction: its body text and what its header says about it.
///
/// Offsets reported in `Provenance` are UTF-16 offsets into `text`, the body after the
/// header was removed and the markup was stripped.
public struct Document: Sendable, Hashable {
    /// The input file (path as given) or a caller-chosen name.
    public var name: String
    public var title: String?
    /// The article date; nil when the article is undated (`date: unknown` or no header date).
    public var date: CalendarDate?
    /// Source name from the header (`Reuters`, `SOHR`).
    public var source: String?
    public var url: String?
    /// The body text, paragraphs separated by blank lines.
    public var text: String

    public init(name: String, title: String? = nil, date: CalendarDate? = nil, source: String? = nil,
                url: String? = nil, text: String) {
        self.name = name
        self.title = title
        self.date = date
        self.source = source
        self.url = url
        self.text = text
    }
}

/// An article that cannot be read, with the file, the line (when one is at fault) and what to do.
public struct ExtractionInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, or nil when the whole file is at fault.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// The incidents found in some input and the place mentions that could not be resolved.
public struct ExtractionResult: Sendable {
    public var incidents: [Incident]
    public var unresolved: [UnresolvedMention]

    public init(incidents: [Incident] = [], unresolved: [UnresolvedMention] = []) {
        self.incidents = incidents
        self.unresolved = unresolved
    }
}
