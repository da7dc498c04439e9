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

extension InputError {
    /// The error for a latitude or longitude out of range, with a hint when the two look
    /// swapped; nil when both are in range. Every reader of coordinates says it this way.
    public static func coordinateRange(latitude lat: Double, longitude lon: Double, file: String, line: Int? = nil,
                                       feature: Int? = nil) -> InputError? {
        guard abs(lat) > 90 || abs(lon) > 180 else { return nil }
        let swapped = abs(lat) <= 180 && abs(lon) <= 90
        return InputError(file: file, line: line, feature: feature,
                          problem: "latitude \(lat) / longitude \(lon) is out of range",
                          hint: swapped ? "the values look swapped: latitude must be within ±90, longitude within ±180"
                                        : "latitude must be within ±90 and longitude within ±180 degrees")
    }
}

/// A row (or feature) of an input table that could not be used, kept for the report.
public struct RejectedRow: Sendable, Hashable {
    public var error: InputError
    public init(_ error: InputError) { self.error = error }
}
