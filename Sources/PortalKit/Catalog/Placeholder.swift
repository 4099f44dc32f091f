import PortalYAML

/// Backstage's `$text`, `$json` and `$yaml` substitutions, resolved from local files that
/// stay inside the descriptor's repository. URLs are reported and left as written.
struct Placeholder {
    enum Resolver: String {
        case text = "$text", json = "$json", yaml = "$yaml"
    }

    /// The descriptor's absolute folder.
    let directory: String
    /// The repository's absolute, link-free path; nothing outside it is read.
    let repositoryPath: String
    /// The descriptor's path as shown to the user.
    let file: String
    let limits: InputLimits

    /// Replaces every placeholder object in `node`, at any depth; `read` gets the absolute,
    /// link-free path of every file read.
    func substitute(_ node: YAMLNode, read: inout [String], into diagnostics: inout Diagnostics) -> YAMLNode {
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            var changed = false
            let resolved = items.map { item -> YAMLNode in
                guard item.pairs != nil || item.items != nil else { return item }
                changed = true
                return substitute(item, read: &read, into: &diagnostics)
            }
            return changed ? YAMLNode(.sequence(resolved), mark: node.mark, tag: node.tag) : node
        case .mapping(let pairs):
            if pairs.count == 1, let key = pairs[0].key.scalarText, let resolver = Resolver(rawValue: key),
               let target = pairs[0].value.stringValue {
                return resolve(resolver, target, placeholder: node, valueNode: pairs[0].value, read: &read, into: &diagnostics) ?? node
            }
            var changed = false
            let resolved = pairs.map { pair -> YAMLPair in
                guard pair.value.pairs != nil || pair.value.items != nil else { return pair }
                changed = true
                return YAMLPair(key: pair.key, value: substitute(pair.value, read: &read, into: &diagnostics))
            }
            return changed ? YAMLNode(.mapping(resolved), mark: node.mark, tag: node.tag) : node
        }
    }

    private func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    private func resolve(_ resolver: Resolver, _ target: String, placeholder: YAMLNode, valueNode: YAMLNode,
                         read: inout [String], into diagnostics: inout Diagnostics) -> YAMLNode? {
        let trimmed = target.trimmingWhitespace
        if Self.isURL(trimmed) {
            diagnostics.add(.warning, .placeholderRemote, at: location(valueNode),
                            "\(resolver.rawValue) '\(trimmed)' is a URL; portal-build reads only local files, so it is left unresolved")
            return nil
        }
        if trimmed.isEmpty || trimmed.contains("\0") || trimmed.contains("\n") {
            let problem = trimmed.isEmpty ? "is empty" : "holds several lines (inline content?)"
            diagnostics.add(.error, .placeholderUnresolved, at: location(valueNode),
                            "\(resolver.rawValue) \(problem); it takes the path of a file, relative to this descriptor")
            return nil
        }
        let path = Path.join(directory, trimmed)
        guard Path.isInside(path, repositoryPath) else {
            diagnostics.add(.error, .placeholderOutside, at: location(valueNode),
                            "\(resolver.rawValue) '\(trimmed)' leaves the repository; only files inside it are read")
            return nil
        }
        guard let real = FileSystem.realPath(path) else {
            diagnostics.add(.error, .placeholderUnresolved, at: location(valueNode),
                            "\(resolver.rawValue) '\(trimmed)' does not exist")
            return nil
        }
        guard Path.isInside(real, repositoryPath) else {
            diagnostics.add(.error, .placeholderOutside, at: location(valueNode),
                            "\(resolver.rawValue) '\(trimmed)' is a link that leaves the repository; it is not read")
            return nil
        }
        read.append(real)
        let bytes: [UInt8]
        switch FileSystem.read(real, limit: limits.maxFileBytes) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
            diagnostics.add(.error, .inputTooLarge, at: location(valueNode),
                            "\(resolver.rawValue) '\(trimmed)' is \(size) bytes, over the limit of \(limits.maxFileBytes)")
            return nil
        case .failed(let reason):
            diagnostics.add(.error, .placeholderUnresolved, at: location(valueNode),
                            "\(resolver.rawValue) '\(trimmed)' could not be read: \(reason)")
            return nil
        }
        switch resolver {
        case .text:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.add(.error, .placeholderUnresolved, at: location(valueNode), "$text '\(trimmed)' is not UTF-8 text")
                return nil
            }
            return .string(text, at: placeholder.mark)
        case .json, .yaml:
            let yamlLimits = YAMLLimits(maxAliasExpansion: limits.maxAliasExpansion, maxDepth: limits.maxDepth)
            let documents = bytes.withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: yamlLimits) }
            let problem = documents.lazy.compactMap(\.error).first
            let roots = documents.compactMap(\.root)
            if let problem {
                diagnostics.add(.error, .placeholderUnresolved, at: location(valueNode),
                                "\(resolver.rawValue) '\(trimmed)' does not parse: \(problem.message) at line \(problem.mark.line), column \(problem.mark.column)")
                return nil
            }
            guard roots.count == 1, let root = roots.first else {
                diagnostics.add(.error, .placeholderUnresolved, at: location(valueNode),
                                "\(resolver.rawValue) '\(trimmed)' must hold exactly one document, found \(roots.count)")
                return nil
            }
            return Self.relocated(root, to: placeholder.mark)
        }
    }

    /// Whether `text` is a URL rather than a path: it has a scheme such as `https:`.
    static func isURL(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        return scheme.count >= 2 && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// Moves every node of a substituted tree to the placeholder's position, so diagnostics
    /// about it point into the descriptor rather than into another file.
    private static func relocated(_ node: YAMLNode, to mark: Mark) -> YAMLNode {
        var copy = node
        copy.mark = mark
        switch node.content {
        case .scalar: break
        case .sequence(let items): copy.content = .sequence(items.map { relocated($0, to: mark) })
        case .mapping(let pairs):
            copy.content = .mapping(pairs.map { YAMLPair(key: relocated($0.key, to: mark), value: relocated($0.value, to: mark)) })
        }
        return copy
    }
}
