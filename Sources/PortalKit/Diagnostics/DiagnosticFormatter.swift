/// The output formats of `check`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `path:line:col: severity: message [id]` lines and a summary.
    case text
    /// One JSON document with every diagnostic and the summary.
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`) that annotate pull requests.
    case github
    /// SARIF 2.1.0, for GitHub code scanning and other analysis tools.
    case sarif
}

/// Counts shown after a check.
public struct CheckSummary: Sendable {
    public var files: Int
    public var repositories: Int
    public var entitiesByKind: [(kind: String, count: Int)]
    public var errors: Int
    public var warnings: Int

    public init(_ build: CatalogBuild) {
        files = build.graph.files.count
        repositories = Set(build.graph.files.map(\.repository)).count
        entitiesByKind = build.graph.countsByKind
        errors = build.count(.error)
        warnings = build.count(.warning)
    }

    public init(files: Int, repositories: Int, entitiesByKind: [(kind: String, count: Int)], errors: Int, warnings: Int) {
        self.files = files
        self.repositories = repositories
        self.entitiesByKind = entitiesByKind
        self.errors = errors
        self.warnings = warnings
    }

    public var entities: Int { entitiesByKind.reduce(0) { $0 + $1.count } }

    /// `12 files in 4 repositories, 40 entities (API 5, Component 20, …): 0 errors, 1 warning`.
    public var line: String {
        let kinds = entitiesByKind.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")
        return "\(Self.plural(files, "file")) in \(Self.plural(repositories, "repository", "repositories")), "
            + "\(Self.plural(entities, "entity", "entities"))\(kinds.isEmpty ? "" : " (\(kinds))"): "
            + "\(Self.plural(errors, "error")), \(Self.plural(warnings, "warning"))"
    }

    public static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (pluralForm ?? singular + "s"))"
    }
}

/// Renders diagnostics in one of the ``DiagnosticFormat``s.
public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticFormat
    /// Diagnostics below this severity are left out.
    public var minimumSeverity: Severity

    public init(format: DiagnosticFormat, minimumSeverity: Severity = .info) {
        self.format = format
        self.minimumSeverity = minimumSeverity
    }

    public func render(_ diagnostics: [Diagnostic], summary: CheckSummary) -> String {
        let shown = diagnostics.filter { $0.severity >= minimumSeverity }
        switch format {
        case .text:
            return (shown.map(\.formatted) + [summary.line]).joined(separator: "\n") + "\n"
        case .github:
            return (shown.map(githubLine) + [summary.line]).joined(separator: "\n") + "\n"
        case .json:
            return JSONWriter().string(json(shown, summary: summary))
        case .sarif:
            return JSONWriter().string(sarif(shown))
        }
    }

    private func githubLine(_ diagnostic: Diagnostic) -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        let location = diagnostic.location
        let properties = "file=\(escapeProperty(location.file)),line=\(location.line),col=\(location.column),title=\(escapeProperty(diagnostic.id.rawValue))"
        return "::\(command) \(properties)::\(escapeData(diagnostic.message))"
    }

    private func escapeData(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }

    private func json(_ diagnostics: [Diagnostic], summary: CheckSummary) -> JSONValue {
        .object([
            ("diagnostics", .array(diagnostics.map { diagnostic in
                .object([
                    ("severity", .string(diagnostic.severity.rawValue)),
                    ("id", .string(diagnostic.id.rawValue)),
                    ("file", .string(diagnostic.location.file)),
                    ("line", .int(diagnostic.location.line)),
                    ("column", .int(diagnostic.location.column)),
                    ("message", .string(diagnostic.message)),
                ])
            })),
            ("summary", .object([
                ("files", .int(summary.files)),
                ("repositories", .int(summary.repositories)),
                ("entities", .int(summary.entities)),
                ("entitiesByKind", .object(summary.entitiesByKind.map { ($0.kind, .int($0.count)) })),
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
            ])),
        ])
    }

    private func sarif(_ diagnostics: [Diagnostic]) -> JSONValue {
        let ruleIDs = Array(Set(diagnostics.map(\.id))).sorted()
        let rules: [JSONValue] = ruleIDs.map { id in
            .object([
                ("id", .string(id.rawValue)),
                ("shortDescription", .object([("text", .string(id.summary))])),
            ])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            let level = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "note"
            }
            return .object([
                ("ruleId", .string(diagnostic.id.rawValue)),
                ("ruleIndex", .int(ruleIDs.firstIndex(of: diagnostic.id) ?? 0)),
                ("level", .string(level)),
                ("message", .object([("text", .string(diagnostic.message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(Self.uri(diagnostic.location.file)))])),
                        ("region", .object([
                            ("startLine", .int(max(1, diagnostic.location.line))),
                            ("startColumn", .int(max(1, diagnostic.location.column))),
                        ])),
                    ])),
                ])])),
            ])
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("portal-build")),
                    ("informationUri", .string("https://backstage.io/docs/features/software-catalog/descriptor-format")),
                    ("rules", .array(rules)),
                ]))])),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// A relative URI reference for a path (percent-encoding what URIs do not allow).
    static func uri(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        var result = ""
        for byte in trimmed.utf8 {
            let allowed = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/!$&'()*+,;=:@".utf8.contains(byte)
            if allowed {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    package func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Kept in the build cache, so an up-to-date build prints the same summary.
extension CheckSummary: Codable, Equatable {
    private enum CodingKeys: String, CodingKey {
        case files, repositories, kinds, kindCounts, errors, warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = try container.decode([String].self, forKey: .kinds)
        let counts = try container.decode([Int].self, forKey: .kindCounts)
        self.init(files: try container.decode(Int.self, forKey: .files), repositories: try container.decode(Int.self, forKey: .repositories),
                  entitiesByKind: Array(zip(kinds, counts).map { (kind: $0, count: $1) }),
                  errors: try container.decode(Int.self, forKey: .errors), warnings: try container.decode(Int.self, forKey: .warnings))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(repositories, forKey: .repositories)
        try container.encode(entitiesByKind.map(\.kind), forKey: .kinds)
        try container.encode(entitiesByKind.map(\.count), forKey: .kindCounts)
        try container.encode(errors, forKey: .errors)
        try container.encode(warnings, forKey: .warnings)
    }

    public static func == (lhs: CheckSummary, rhs: CheckSummary) -> Bool {
        lhs.line == rhs.line
    }
}
