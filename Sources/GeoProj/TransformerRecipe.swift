/// What a `Transformer` converts between, as a `Sendable` value.
///
/// A `Transformer` owns a PROJ context and cannot cross threads; the recipe can. Parallel
/// work passes the recipe to each worker, and each worker makes its own transformer once
/// and keeps it for all its points.
public struct TransformerRecipe: Sendable, Hashable {
    /// The CRS of the input coordinates (for `.forward`).
    public var source: CoordinateReferenceSystem
    /// The CRS of the output coordinates (for `.forward`).
    public var target: CoordinateReferenceSystem

    public init(source: CoordinateReferenceSystem, target: CoordinateReferenceSystem) {
        self.source = source
        self.target = target
    }

    /// A new transformer with its own PROJ context.
    ///
    /// Costs about a millisecond (context set-up and a proj.db lookup): call it once per
    /// worker, not per point.
    public func makeTransformer() throws(PROJError) -> Transformer {
        try Transformer(self)
    }
}
