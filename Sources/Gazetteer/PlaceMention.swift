/// A span of text that names a gazetteer entry (longest match on word boundaries).
public struct PlaceMention: Sendable, Hashable {
    /// The text as written.
    public var surface: String
    /// UTF-16 offsets of the surface in the searched text.
    public var startOffset: Int
    public var endOffset: Int

    public init(surface: String, startOffset: Int, endOffset: Int) {
        self.surface = surface
        self.startOffset = startOffset
        self.endOffset = endOffset
    }
}
