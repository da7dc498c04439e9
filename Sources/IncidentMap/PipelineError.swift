import IncidentExtraction

/// Everything that stops a run, said so that the user can act on it.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// A problem in an input file (with file, line and hint).
    case input(InputError)
    /// A flag value that cannot be used.
    case invalidOption(String)
    case dataNotFound(String)
    /// Writing an output failed.
    case output(path: String, message: String)

    public var description: String {
        switch self {
        case .input(let e): e.description
        case .invalidOption(let m): m
        case .dataNotFound(let m): m
        case .output(let path, let message): "\(path): cannot write (\(message))"
        }
    }
}
