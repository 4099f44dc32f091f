import PortalYAML

/// Small helpers shared by the PortalYAML suites.
enum YAMLTestSupport {
    /// Parses `text` and returns its documents.
    static func documents(_ text: String, limits: YAMLLimits = YAMLLimits()) -> [YAMLDocument] {
        YAMLParser.parse(text, limits: limits)
    }

    /// Parses raw bytes, for input a Swift `String` cannot hold (invalid UTF-8).
    static func documents(bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> [YAMLDocument] {
        bytes.withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: limits) }
    }

    /// The root of a stream that must hold exactly one clean document.
    static func root(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLNode? {
        let documents = YAMLParser.parse(text, limits: limits)
        guard documents.count == 1, documents[0].error == nil else { return nil }
        return documents[0].root
    }
}

/// `at(3, 5)` reads better than `Mark(line: 3, column: 5)` in long lists of positions.
func at(_ line: Int, _ column: Int) -> Mark {
    Mark(line: line, column: column)
}

/// Bytes of `text` as UTF-8.
func utf8(_ text: String) -> [UInt8] {
    Array(text.utf8)
}
