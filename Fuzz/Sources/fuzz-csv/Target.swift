import FuzzSupport
import IncidentExtraction

/// libFuzzer's entry point: one input, read as a CSV table (ACLED export or generic CSV) with the shipped gazetteer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.table(data, size, format: .csv)
    return 0
}

/// The executable's entry point as SwiftPM names it; it runs libFuzzer on the function above.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOneInput)
}
