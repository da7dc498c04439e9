import Foundation

/// Finds the gazetteer and border data the tool ships, from any working directory.
///
/// Order: an explicit `--gazetteer DIR`; `$INCIDENTMAP_DATA`; a `Gazetteer` folder beside
/// the executable or in one of its parents (a build tree `.build/release/incidentmap`
/// finds the checkout's `Gazetteer/`; an install under `PREFIX/bin` finds
/// `PREFIX/share/incidentmap/Gazetteer`); the working directory. No machine path is
/// compiled in.
public enum DataDirectory {
    public static let marker = "geonames.tsv"

    public static func locate(explicit: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "") throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard isData(url) else {
                throw PipelineError.dataNotFound("no gazetteer data (\(marker)) in \(explicit)")
            }
            return url
        }
        if let env = environment["INCIDENTMAP_DATA"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            guard isData(url) else {
                throw PipelineError.dataNotFound("INCIDENTMAP_DATA=\(env) holds no gazetteer data (\(marker))")
            }
            return url
        }
        for candidate in candidates(executable: executable) where isData(candidate) { return candidate }
        throw PipelineError.dataNotFound(
            "cannot find the gazetteer data folder; pass --gazetteer DIR or set INCIDENTMAP_DATA")
    }

    static func candidates(executable: String) -> [URL] {
        var result: [URL] = []
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<6 {
            result.append(dir.appendingPathComponent("Gazetteer"))
            result.append(dir.appendingPathComponent("share/incidentmap/Gazetteer"))
            dir = dir.deletingLastPathComponent()
        }
        result.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Gazetteer"))
        return result
    }

    static func isData(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(marker).path)
    }
}
