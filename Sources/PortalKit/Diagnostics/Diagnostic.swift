/// How serious a problem is. `check` fails on errors (and on warnings with `--strict`).
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// A position in an input file: the path as the user sees it, plus 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in the inputs, with a stable identifier tools can filter on.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var id: DiagnosticID
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ id: DiagnosticID, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.id = id
        self.location = location
        self.message = message
    }

    /// `path:line:col: severity: message [id]`, the form compilers and editors understand.
    public var formatted: String {
        "\(location.description): \(severity.rawValue): \(message) [\(id.rawValue)]"
    }

    /// Stable order for output: by file, position, then id and text.
    public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.id != rhs.id { return lhs.id.rawValue < rhs.id.rawValue }
        return lhs.message < rhs.message
    }
}
