import Foundation
import GeoCore
import GeoExport

/// Writes the files of the output contract into the output folder.
enum OutputSet {
    static func write(layers: [Layer], report: inout RunReport, unresolved: [UnresolvedMention],
                      configuration: MapConfiguration, progress: (String) -> Void = { _ in }) throws -> [String] {
        var files = try writeLayers(layers, directory: configuration.outputDirectory, formats: configuration.formats,
                                    progress: progress)
        let directory = URL(fileURLWithPath: configuration.outputDirectory)
        try AtomicFile.write(Data(UnresolvedTable.csv(unresolved).utf8),
                             to: directory.appendingPathComponent("unresolved.csv"))
        files.append("unresolved.csv")
        report.files = files + ["report.json"]
        try AtomicFile.write(try report.json(), to: directory.appendingPathComponent("report.json"))
        return files + ["report.json"]
    }

    /// Writes `layers` in `formats` into `directory` (created when missing); returns the file names.
    static func writeLayers(_ layers: [Layer], directory path: String, formats: [OutputFormat],
                            progress: (String) -> Void = { _ in }) throws -> [String] {
        let directory = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.output(path: directory.path, message: "cannot create the folder")
        }
        var files: [String] = []
        func attempt(_ name: String, _ body: (URL) throws -> Void) throws {
            progress("writing \(name)")
            let url = directory.appendingPathComponent(name)
            do { try body(url) } catch let error as PipelineError { throw error } catch {
                throw PipelineError.output(path: url.path, message: "\(error)")
            }
            files.append(name)
        }
        if formats.contains(.geojson) {
            for layer in layers { try attempt("\(layer.name).geojson") { try GeoJSONWriter.write(layer, to: $0) } }
        }
        for format in formats where format == .kml || format == .kmz {
            let writer = KMLWriter(KMLOptions(documentName: "incidentmap", timeSpans: .perLayer(KMLBalloon.timeSpan),
                                              description: .perLayer(KMLBalloon.description)))
            try attempt(format == .kmz ? "map.kmz" : "map.kml") { try writer.write(layers, to: $0, kmz: format == .kmz) }
        }
        if formats.contains(.gpkg) {
            try attempt("map.gpkg") { try GeoPackageWriter.write(layers, to: $0) }
        }
        return files
    }
}
