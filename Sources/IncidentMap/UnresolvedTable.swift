import Foundation
import GeoCore

/// `unresolved.csv`: every place mention that could not be resolved, with its source, so
/// that nothing a report names is silently dropped.
public enum UnresolvedTable {
    public static let header = ["mention", "document", "offset", "reason", "candidates", "sentence"]

    public static func csv(_ mentions: [UnresolvedMention]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for m in mentions {
            out += [m.text, m.document, String(m.startOffset), m.reason, m.candidates.joined(separator: "; "), m.sentence]
                .map(quote).joined(separator: ",") + "\n"
        }
        return out
    }

    /// RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
