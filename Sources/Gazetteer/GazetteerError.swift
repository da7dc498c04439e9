/// Errors reading gazetteer data.
public enum GazetteerError: Error, Sendable, CustomStringConvertible {
    case missingData(path: String)
    case malformedRow(file: String, line: Int, problem: String)

    public var description: String {
        switch self {
        case .missingData(let path):
            "gazetteer data not found at \(path); pass --gazetteer DIR or set INCIDENTMAP_DATA"
        case .malformedRow(let file, let line, let problem):
            "\(file):\(line): \(problem); fix or remove the row and run again"
        }
    }
}
