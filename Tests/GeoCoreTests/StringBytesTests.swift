import Testing
@testable import GeoCore

@Suite("A string's UTF-8 bytes read in place")
struct StringBytesTests {
    @Test(arguments: ["", "SOHR", "Explosions/Remote violence", "الباب", "İdlib, Cerablus ✓",
                      String(repeating: "Jarabulus ", count: 200)])
    func bytesAreTheStringsUTF8(text: String) {
        #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
        // A string made from a slice of another, stored on its own.
        let part = String(text.dropFirst(text.count / 2))
        #expect(part.withUTF8Bytes { Array($0) } == Array(part.utf8))
    }
}
