import Foundation
import IncidentExtraction

/// One input file and how to read it.
public struct InputFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case article
        case table(TableFormat)
    }
    public var url: URL
    public var kind: Kind
}

/// Expands the paths a user gives (files and folders) into readable inputs.
public enum InputCollector {
    public static let articleExtensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

    /// The inputs under `paths`, folders walked recursively in name order; hidden files skipped.
    public static func collect(_ paths: [String]) throws -> [InputFile] {
        var result: [InputFile] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PipelineError.input(InputError(file: path, problem: "no such file or folder",
                                                     hint: "check the path"))
            }
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: path)
                let found = (fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                           options: [.skipsHiddenFiles])?.allObjects as? [URL] ?? [])
                    .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                    .sorted { $0.path < $1.path }
                let readable = found.compactMap(classify)
                guard !readable.isEmpty else {
                    throw PipelineError.input(InputError(
                        file: path, problem: "the folder holds nothing incidentmap can read",
                        hint: "put articles (.txt .md .html) or tables (.csv .geojson .jsonl) in it"))
                }
                result += readable
            } else {
                let url = URL(fileURLWithPath: path)
                guard let input = classify(url) else {
                    throw PipelineError.input(InputError(
                        file: path, problem: "'.\(url.pathExtension)' is not a format incidentmap reads",
                        hint: "give articles (.txt .md .html) or tables (.csv .geojson .json .jsonl)"))
                }
                result.append(input)
            }
        }
        return result
    }

    static func classify(_ url: URL) -> InputFile? {
        let ext = url.pathExtension.lowercased()
        if articleExtensions.contains(ext) { return InputFile(url: url, kind: .article) }
        if let format = TableFormat(fileExtension: ext) { return InputFile(url: url, kind: .table(format)) }
        return nil
    }
}
