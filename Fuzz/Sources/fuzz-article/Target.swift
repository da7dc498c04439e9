import FuzzSupport

/// libFuzzer's entry point: one input, read as a text or Markdown article and run through extraction.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.article(data, size, isHTML: false)
    return 0
}

/// The executable's entry point as SwiftPM names it; it runs libFuzzer on the function above.
@_cdecl("fuzz_article_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOneInput)
}
