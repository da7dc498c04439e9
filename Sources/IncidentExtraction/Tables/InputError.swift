/// A problem with an input file, said the way a user can act on it: the file, the line
/// (or GeoJSON feature), what is wrong, and what to do.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line number in the file, when the problem has one.
    public var line: Int?
    /// 0-based feature index for GeoJSON input.
    public var feature: Int?
    public var problem: String
    /// What the user can do about it.
    public var hint: String?

    public init(file: String, line: Int? = nil, feature: Int? = nil, problem: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.feature = feature
        self.problem = problem
        self.hint = hint
    }

    public var location: String {
        if let line { return "\(file):\(line)" }
        if let feature { return "\(file): feature \(feature)" }
        return file
    }

    public var description: String {
        hint.map { "\(location): \(problem); \($0)" } ?? "\(location): \(problem)"
    }
}

/// A row (or feature) of an input table that could not be used, kept for the report.
public struct RejectedRow: Sendable, Hashable {
    public var error: InputError
    public init(_ error: InputError) { self.error = error }
}
