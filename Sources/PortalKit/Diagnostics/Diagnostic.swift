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

    /// `path:line:col: severity: message [id]`, the form compilers and editors understand, on
    /// one line: control characters from content (a newline in a file name, an escape sequence
    /// in a link) are shown as `\n` or `\u{1B}`, so they can neither break the line nor drive
    /// the terminal.
    public var formatted: String {
        Self.visible("\(location.description): \(severity.rawValue): \(message) [\(id.rawValue)]")
    }

    /// `text` with C0 and C1 control characters (and DEL) written as escapes.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where isControl(scalar): result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Stable order for output: by file, position, then id and text.
    public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.id != rhs.id { return lhs.id.rawValue < rhs.id.rawValue }
        return lhs.message < rhs.message
    }
}
