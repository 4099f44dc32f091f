internal import CLibYAML

/// Reads YAML streams with libyaml into ``YAMLNode`` trees that keep every node's position.
public enum YAMLParser {
    /// Parses every document in `text`.
    ///
    /// A syntax error ends only the document it is in: reading resumes at the next
    /// `---` line, so later documents in a multi-document file are still returned.
    public static func parse(_ text: String, limits: YAMLLimits = YAMLLimits()) -> [YAMLDocument] {
        var text = text
        return text.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0), limits: limits) }
    }

    /// Parses every document in the UTF-8 (or UTF-16 with BOM) `bytes`.
    public static func parse(bytes: UnsafeRawBufferPointer, limits: YAMLLimits = YAMLLimits()) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        var offset = 0
        var lineOffset = 0
        while offset <= bytes.count {
            let chunk = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            let composer = EventComposer(limits: limits, lineOffset: lineOffset)
            let outcome = composer.compose(chunk)
            documents += outcome.documents
            guard let failure = outcome.failure else { break }
            // Resume at the first document marker after the line that failed.
            guard let resume = nextDocumentStart(in: chunk, afterLine: failure.line - lineOffset) else { break }
            offset += resume.byteOffset
            lineOffset += resume.line
        }
        return documents
    }

    /// The byte offset and 0-based line of the first `---` line at or after `line` (1-based)
    /// that is past the start of `bytes`, if any.
    static func nextDocumentStart(in bytes: UnsafeRawBufferPointer, afterLine line: Int) -> (byteOffset: Int, line: Int)? {
        var currentLine = 0
        var lineStart = 0
        var index = 0
        let newline = UInt8(ascii: "\n")
        let dash = UInt8(ascii: "-")
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == newline {
                if currentLine >= line - 1, lineStart > 0, index - lineStart >= 3,
                   bytes[lineStart] == dash, bytes[lineStart + 1] == dash, bytes[lineStart + 2] == dash {
                    let after = lineStart + 3
                    if after == index || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[after]) {
                        return (lineStart, currentLine)
                    }
                }
                currentLine += 1
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }
}

/// Turns libyaml events into nodes. Owns the C parser and frees it on every path.
private final class EventComposer {
    struct Outcome {
        var documents: [YAMLDocument] = []
        /// The position of a syntax error that ended the stream, if any.
        var failure: Mark?
    }

    private enum Frame {
        case sequence(items: [YAMLNode], mark: Mark, tag: String?, anchor: String?, size: Int)
        case mapping(pairs: [YAMLPair], key: YAMLNode?, mark: Mark, tag: String?, anchor: String?, size: Int)
    }

    private struct Anchored {
        var node: YAMLNode
        var size: Int
    }

    private let limits: YAMLLimits
    private let lineOffset: Int
    private var parser = yaml_parser_t()
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var expanded = 0
    private var warnings: [YAMLProblem] = []
    private var root: YAMLNode?
    private var documentStart = Mark(line: 1, column: 1)

    init(limits: YAMLLimits, lineOffset: Int) {
        self.limits = limits
        self.lineOffset = lineOffset
    }

    func compose(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var outcome = Outcome()
        guard yaml_parser_initialize(&parser) == 1 else {
            outcome.documents.append(YAMLDocument(root: nil, start: documentStart,
                                                  error: YAMLProblem(.syntax, "libyaml could not start", at: documentStart)))
            return outcome
        }
        defer { yaml_parser_delete(&parser) }
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(&parser, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        var skipping: YAMLProblem? = nil
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = syntaxProblem()
                outcome.documents.append(YAMLDocument(root: nil, start: documentStart, error: skipping ?? problem))
                outcome.failure = problem.mark
                return outcome
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return outcome
            case YAML_DOCUMENT_START_EVENT:
                documentStart = mark(event.start_mark)
                stack.removeAll(keepingCapacity: true)
                anchors.removeAll(keepingCapacity: true)
                expanded = 0
                warnings = []
                root = nil
                skipping = nil
            case YAML_DOCUMENT_END_EVENT:
                if let skipping {
                    outcome.documents.append(YAMLDocument(root: nil, start: documentStart, error: skipping))
                } else {
                    outcome.documents.append(YAMLDocument(root: root, start: documentStart, warnings: warnings))
                }
                root = nil
            default:
                // After a structural refusal we still drain the document's events.
                guard skipping == nil else { continue }
                if let problem = handleNodeEvent(&event) {
                    skipping = problem
                    stack.removeAll()
                }
            }
        }
    }

    /// Handles one node event; returns a problem that makes the document unreadable.
    private func handleNodeEvent(_ event: inout yaml_event_t) -> YAMLProblem? {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = string(scalar.value, length: scalar.length)
            let node = YAMLNode(.scalar(text, style(scalar.style)), mark: start, tag: optionalString(scalar.tag))
            return add(node, size: 1, anchor: optionalString(scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = optionalString(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                return YAMLProblem(.undefinedAlias, "found undefined alias '\(name)'", at: start)
            }
            expanded += anchored.size
            if expanded > limits.maxAliasExpansion {
                return YAMLProblem(.aliasExpansion,
                                   "aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing to expand further",
                                   at: start)
            }
            var node = anchored.node
            node.mark = start
            return add(node, size: anchored.size, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            stack.append(.sequence(items: [], mark: start, tag: optionalString(data.tag),
                                   anchor: optionalString(data.anchor), size: 1))
            return depthProblem(at: start)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            stack.append(.mapping(pairs: [], key: nil, mark: start, tag: optionalString(data.tag),
                                  anchor: optionalString(data.anchor), size: 1))
            return depthProblem(at: start)
        case YAML_SEQUENCE_END_EVENT:
            guard case .sequence(let items, let mark, let tag, let anchor, let size)? = stack.popLast() else { return nil }
            return add(YAMLNode(.sequence(items), mark: mark, tag: tag), size: size, anchor: anchor)
        case YAML_MAPPING_END_EVENT:
            guard case .mapping(let pairs, _, let mark, let tag, let anchor, let size)? = stack.popLast() else { return nil }
            return add(YAMLNode(.mapping(removingDuplicateKeys(pairs)), mark: mark, tag: tag), size: size, anchor: anchor)
        default:
            return nil
        }
    }

    private func depthProblem(at mark: Mark) -> YAMLProblem? {
        guard stack.count > limits.maxDepth else { return nil }
        return YAMLProblem(.tooDeep, "collections nest deeper than \(limits.maxDepth) levels", at: mark)
    }

    /// Attaches a finished node to its parent (or makes it the root).
    private func add(_ node: YAMLNode, size: Int, anchor: String?) -> YAMLProblem? {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size) }
        guard let top = stack.popLast() else {
            root = node
            return nil
        }
        switch top {
        case .sequence(var items, let mark, let tag, let parentAnchor, let parentSize):
            items.append(node)
            stack.append(.sequence(items: items, mark: mark, tag: tag, anchor: parentAnchor, size: parentSize + size))
        case .mapping(var pairs, let key, let mark, let tag, let parentAnchor, let parentSize):
            if let key {
                pairs.append(YAMLPair(key: key, value: node))
                stack.append(.mapping(pairs: pairs, key: nil, mark: mark, tag: tag, anchor: parentAnchor, size: parentSize + size))
            } else {
                stack.append(.mapping(pairs: pairs, key: node, mark: mark, tag: tag, anchor: parentAnchor, size: parentSize + size))
            }
        }
        return nil
    }

    /// Keeps the last of repeated scalar keys (at the later position) and records a warning.
    private func removingDuplicateKeys(_ pairs: [YAMLPair]) -> [YAMLPair] {
        guard pairs.count > 1 else { return pairs }
        var lastIndex: [String: Int] = [:]
        lastIndex.reserveCapacity(pairs.count)
        var duplicates = false
        for (index, pair) in pairs.enumerated() {
            guard let key = pair.key.scalarText else { continue }
            if let earlier = lastIndex[key] {
                duplicates = true
                warnings.append(YAMLProblem(.duplicateKey,
                                            "duplicate key '\(key)' (first at line \(pairs[earlier].key.mark.line)); the later value is used",
                                            at: pair.key.mark))
            }
            lastIndex[key] = index
        }
        guard duplicates else { return pairs }
        return pairs.enumerated().compactMap { index, pair in
            guard let key = pair.key.scalarText else { return pair }
            return lastIndex[key] == index ? pair : nil
        }
    }

    private func syntaxProblem() -> YAMLProblem {
        let problemText = parser.problem.map { String(cString: $0) } ?? "unknown YAML error"
        var where_ = mark(parser.problem_mark)
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset; the mark has not advanced to it.
            where_ = mark(parser.mark)
            return YAMLProblem(.syntax, "\(problemText) at byte \(parser.problem_offset)", at: where_)
        }
        var message = problemText
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = mark(parser.context_mark)
            message += " (\(context) at line \(contextMark.line), column \(contextMark.column))"
        }
        return YAMLProblem(.syntax, message, at: where_)
    }

    private func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
    }

    private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
