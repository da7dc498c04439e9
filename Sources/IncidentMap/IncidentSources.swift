import Foundation
import GeoCore
import Gazetteer
import IncidentExtraction

/// Everything read from the inputs, before deduplication and analysis.
public struct SourceReading: Sendable {
    public var incidents: [Incident] = []
    public var unresolved: [UnresolvedMention] = []
    public var rejected: [RejectedRow] = []
    public var fromArticles = 0
    public var fromTables = 0
    /// Place mentions resolved (each incident from text is one resolved mention; table rows
    /// resolved by name count too).
    public var resolvedMentions = 0
    /// Articles that carried no date, so relative dates in them stayed unresolved.
    public var undatedArticles: [String] = []
    /// How many incidents the merge of duplicate reports removed.
    public var merged = 0
}

/// Reads articles and tables into incidents.
public enum IncidentSources {
    public static func read(_ inputs: [InputFile], gazetteer: Gazetteer, date: CalendarDate?, keepGoing: Bool,
                            progress: (String) -> Void = { _ in }) throws -> SourceReading {
        var reading = SourceReading()
        var reports: [Incident] = []
        var records: [Incident] = []
        let extractor = IncidentExtractor(gazetteer: gazetteer)
        let tables = TableReader(options: TableOptions(keepGoing: keepGoing), gazetteer: gazetteer)
        for (n, input) in inputs.enumerated() {
            progress("reading \(n + 1)/\(inputs.count): \(input.url.lastPathComponent)")
            switch input.kind {
            case .article:
                let document: Document
                do { document = try ArticleReader.read(url: input.url, dateOverride: date) } catch let e as ExtractionInputError {
                    let error = InputError(file: e.file, line: e.line, problem: e.message)
                    guard keepGoing else { throw PipelineError.input(error) }
                    reading.rejected.append(RejectedRow(error))
                    continue
                }
                if document.date == nil { reading.undatedArticles.append(input.url.path) }
                let result = extractor.extract(document)
                reports += result.incidents
                reading.unresolved += result.unresolved
                reading.fromArticles += result.incidents.count
                reading.resolvedMentions += result.incidents.count
            case .table(let format):
                let result: TableReadResult
                do { result = try tables.read(input.url, format: format) } catch let e as InputError {
                    throw PipelineError.input(e)
                }
                // The first table is taken whole: appending a million incidents to an empty
                // array copied each one (a retain of every string it holds).
                if records.isEmpty { records = result.incidents } else { records += result.incidents }
                reading.unresolved += result.unresolved
                reading.rejected += result.rejected
                reading.fromTables += result.incidents.count
                // By index, so that counting does not copy each incident.
                reading.resolvedMentions += result.incidents.indices.count { result.incidents[$0].placeID != nil }
            }
        }
        // Reports of one event from several articles merge first, then into the table
        // rows of the same events; table rows are one row per event already.
        let total = reports.count + records.count
        reading.incidents = Deduplicator.merge(reports: Deduplicator.merge(reports), into: records)
        reading.merged = total - reading.incidents.count
        return reading
    }
}
