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
        // One job per file, listed in the order the files are reported.
        var jobs: [(name: String, write: @Sendable (URL) throws -> Void)] = []
        if formats.contains(.geojson) {
            for layer in layers { jobs.append(("\(layer.name).geojson", { try GeoJSONWriter.write(layer, to: $0) })) }
        }
        for format in formats where format == .kml || format == .kmz {
            let writer = KMLWriter(KMLOptions(documentName: "incidentmap", timeSpans: .perLayer(KMLBalloon.timeSpan),
                                              description: .perLayer(KMLBalloon.description)))
            jobs.append((format == .kmz ? "map.kmz" : "map.kml", { try writer.write(layers, to: $0, kmz: format == .kmz) }))
        }
        if formats.contains(.gpkg) {
            jobs.append(("map.gpkg", { try GeoPackageWriter.write(layers, to: $0) }))
        }
        // The files are independent, and the KML and the GeoPackage of a large run take about
        // as long each: two workers write them side by side, the longest jobs first. Each file
        // is still written whole or not at all; the first failure, in the files' order, is
        // the one reported.
        let longestFirst = jobs.indices.sorted { (Self.weight(jobs[$0].name), $1) > (Self.weight(jobs[$1].name), $0) }
        var failures = [Error?](repeating: nil, count: jobs.count)
        let work = jobs
        withoutActuallyEscaping(progress) { progress in
            let queue = JobQueue(longestFirst, progress: progress)
            failures.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: min(2, max(1, work.count))) { _ in
                    while let k = queue.next(announcing: { k in "writing \(work[k].name)" }) {
                        let url = directory.appendingPathComponent(work[k].name)
                        do { try work[k].write(url) } catch let error as PipelineError { slots[k] = error } catch {
                            slots[k] = PipelineError.output(path: url.path, message: "\(error)")
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return jobs.map(\.name)
    }

    /// Rough size of a job, to start the longest first.
    private static func weight(_ name: String) -> Int {
        name.hasSuffix(".gpkg") ? 3 : name.hasSuffix(".kml") || name.hasSuffix(".kmz") ? 2
            : name == "\(IncidentLayer.name).geojson" ? 1 : 0
    }

    /// Hands the writing jobs out one at a time and announces each through `progress`,
    /// which the caller wrote for one thread: calls to it are serialised here.
    private final class JobQueue: @unchecked Sendable {
        private let lock = NSLock()
        private let order: [Int]
        private var position = 0
        private let progress: (String) -> Void

        init(_ order: [Int], progress: @escaping (String) -> Void) {
            self.order = order
            self.progress = progress
        }

        func next(announcing message: (Int) -> String) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard position < order.count else { return nil }
            position += 1
            progress(message(order[position - 1]))
            return order[position - 1]
        }
    }
}
