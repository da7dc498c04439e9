import Foundation
import Gazetteer
import IncidentExtraction

/// What every fuzz target shares: the shipped gazetteer (loaded once per process, as the
/// CLI does once per run) and the readers called the way `IncidentSources` calls them.
///
/// A reader may throw `InputError` or `ExtractionInputError` on bad input: that is its job.
/// Anything else that stops the process (a trap, a sanitizer report, a timeout or a memory
/// blow-up) is what libFuzzer reports as a crash.
public enum FuzzInput {
    /// The repository's `Gazetteer/` folder, or `$INCIDENTMAP_DATA` when set.
    public static let gazetteer: Gazetteer = {
        let dir: URL
        if let data = ProcessInfo.processInfo.environment["INCIDENTMAP_DATA"] {
            dir = URL(fileURLWithPath: data)
        } else {
            dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Gazetteer")
        }
        let gazetteer: Gazetteer
        do { gazetteer = try Gazetteer.load(directory: dir) } catch {
            fatalError("fuzz: cannot load the gazetteer from \(dir.path): \(error)")
        }
        // The fuzzy index is built on the first look-up that needs it (seconds under the
        // address sanitizer, once per process as in a CLI run); build it here so libFuzzer's
        // per-input timeout measures the readers, not that one-time set-up.
        _ = gazetteer.resolve("Qqzzx Plain")
        return gazetteer
    }()

    static let extractor = IncidentExtractor(gazetteer: gazetteer)

    static let tables = TableReader(options: TableOptions(keepGoing: true), gazetteer: gazetteer)

    /// Reads `data` as a table of `format` with the gazetteer and `--keep-going`, so every row
    /// is decoded rather than only those before the first bad one.
    public static func table(_ data: UnsafePointer<UInt8>?, _ size: Int, format: TableFormat) {
        let bytes = size == 0 || data == nil ? Data() : Data(bytes: data!, count: size)
        _ = try? tables.read(bytes, file: "fuzz.\(format.rawValue)", format: format)
    }

    /// Reads `data` as an article file (undecodable bytes are rejected before parsing, as
    /// `ArticleReader.read(url:)` does) and extracts incidents from it, as `map` does.
    public static func article(_ data: UnsafePointer<UInt8>?, _ size: Int, isHTML: Bool) {
        let bytes = size == 0 || data == nil ? Data() : Data(bytes: data!, count: size)
        guard let text = String(data: bytes, encoding: .utf8) else { return }
        guard let document = try? ArticleReader.parse(text, name: isHTML ? "fuzz.html" : "fuzz.md",
                                                      isHTML: isHTML) else { return }
        _ = extractor.extract(document)
    }
}

/// libFuzzer's driver (`LLVMFuzzerRunDriver` in libclang_rt.fuzzer): parses libFuzzer's
/// flags from `argv` and calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer over `callback`. SwiftPM links every executable with its own entry point
/// (`<target>_main`, aliased to `main`), which would shadow libFuzzer's `main`; each target's
/// entry point therefore hands over to libFuzzer's driver itself.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    // Load the gazetteer before the first input, so its load is not charged to that input.
    _ = FuzzInput.tables
    _ = FuzzInput.extractor
    var argc = argc
    var argv = argv
    return withUnsafeMutablePointer(to: &argc) { c in
        withUnsafeMutablePointer(to: &argv) { v in LLVMFuzzerRunDriver(c, v, callback) }
    }
}
