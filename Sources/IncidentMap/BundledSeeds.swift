import Foundation

/// The sample inputs that ship with incidentmap (`seeds/`, beside `Gazetteer/`).
public enum BundledSeeds {
    public static func locate(executable: String = CommandLine.arguments.first ?? "") throws -> URL {
        for candidate in DataDirectory.candidates(executable: executable) {
            let seeds = candidate.deletingLastPathComponent().appendingPathComponent("seeds")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: seeds.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return seeds
            }
        }
        throw PipelineError.dataNotFound("cannot find the bundled seeds/ folder; give input files or folders")
    }
}
