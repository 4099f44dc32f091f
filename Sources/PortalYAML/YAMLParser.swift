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
        parse(bytes: bytes, limits: limits, lineOffset: 0, byteOffset: 0)
    }

    private static func parse(bytes: UnsafeRawBufferPointer, limits: YAMLLimits,
                              lineOffset startLine: Int, byteOffset startByte: Int) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        var offset = 0
        var lineOffset = startLine
        while offset <= bytes.count {
            let chunk = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            let composer = EventComposer(limits: limits, lineOffset: lineOffset)
            let outcome = composer.compose(chunk)
            if let reader = outcome.readerFailure {
                // libyaml decodes ahead of parsing, so a bad byte fails whichever document is being
                // read at the time: read the documents before the byte's own one by themselves.
                let position = position(of: reader.offset, in: chunk)
                let own = previousDocumentStart(in: chunk, before: reader.offset)
                if let own {
                    documents += parse(bytes: UnsafeRawBufferPointer(rebasing: chunk[..<own.byteOffset]), limits: limits,
                                       lineOffset: lineOffset, byteOffset: startByte + offset)
                }
                let problem = YAMLProblem(.syntax, "\(reader.problem) at byte \(startByte + offset + reader.offset)",
                                          at: Mark(line: lineOffset + position.line + 1, column: position.column))
                documents.append(YAMLDocument(root: nil, start: Mark(line: lineOffset + (own?.line ?? 0) + 1, column: 1),
                                              error: problem))
                guard let resume = nextDocumentStart(in: chunk, afterLine: position.line + 2) else { break }
                offset += resume.byteOffset
                lineOffset += resume.line
                continue
            }
            documents += outcome.documents
            guard let failure = outcome.failure else { break }
            // Resume at the first document marker after the line that failed. libyaml often finds an
            // unfinished construct only at the next `---`, and reports it at that line's column 1:
            // then that marker starts the next document. (An error later on a `---` line is that document's own.)
            let failedLine = failure.line - lineOffset
            guard let resume = nextDocumentStart(in: chunk, afterLine: failure.column == 1 ? failedLine : failedLine + 1)
            else { break }
            offset += resume.byteOffset
            lineOffset += resume.line
        }
        return documents
    }

    /// The 0-based line and 1-based column (in characters) of the byte at `offset`.
    static func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        let end = min(offset, bytes.count)
        var line = 0
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // libyaml skips a byte order mark without counting it.
        if lineStart == 0, end >= 3, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = 3 }
        var column = 1
        for index in lineStart..<end where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    /// The byte offset and 0-based line of the last `---` line that starts past byte 0 and before `offset`, if any.
    static func previousDocumentStart(in bytes: UnsafeRawBufferPointer, before offset: Int) -> (byteOffset: Int, line: Int)? {
        let end = min(offset, bytes.count)
        let dash = UInt8(ascii: "-")
        var lineStart = end
        while true {
            while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            guard lineStart > 0 else { return nil }
            if lineStart + 3 <= end, bytes[lineStart] == dash, bytes[lineStart + 1] == dash, bytes[lineStart + 2] == dash,
               lineStart + 3 == end || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(bytes[lineStart + 3]) {
                return (lineStart, position(of: lineStart, in: bytes).line)
            }
            lineStart -= 1
        }
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
        /// libyaml's reader refused a byte (bad UTF-8, a control character): its problem and byte offset.
        var readerFailure: (problem: String, offset: Int)?
    }

    /// An open collection. Mutated in place on the stack so appends never copy the array.
    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var mark: Mark
        var tag: String?
        var anchor: String?
        var size = 1
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
    /// The start of the document being read; nil between documents.
    private var documentStart: Mark?

    init(limits: YAMLLimits, lineOffset: Int) {
        self.limits = limits
        self.lineOffset = lineOffset
    }

    func compose(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var outcome = Outcome()
        guard yaml_parser_initialize(&parser) == 1 else {
            let start = mark(yaml_mark_t())
            outcome.documents.append(YAMLDocument(root: nil, start: start,
                                                  error: YAMLProblem(.syntax, "libyaml could not start", at: start)))
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
                if parser.error == YAML_READER_ERROR {
                    // The reader's mark lags behind the byte; the caller places it from the offset.
                    outcome.readerFailure = (parser.problem.map { String(cString: $0) } ?? "unreadable input",
                                             Int(parser.problem_offset))
                    return outcome
                }
                let problem = syntaxProblem()
                outcome.documents.append(YAMLDocument(root: nil, start: documentStart ?? problem.mark, error: skipping ?? problem))
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
                let start = documentStart ?? mark(event.start_mark)
                if let skipping {
                    outcome.documents.append(YAMLDocument(root: nil, start: start, error: skipping))
                } else {
                    outcome.documents.append(YAMLDocument(root: root, start: start, warnings: warnings))
                }
                root = nil
                documentStart = nil
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
            stack.append(Frame(isMapping: false, mark: start, tag: optionalString(data.tag), anchor: optionalString(data.anchor)))
            return depthProblem(at: start)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            stack.append(Frame(isMapping: true, mark: start, tag: optionalString(data.tag), anchor: optionalString(data.anchor)))
            return depthProblem(at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(removingDuplicateKeys(frame.pairs)) : .sequence(frame.items)
            return add(YAMLNode(content, mark: frame.mark, tag: frame.tag), size: frame.size, anchor: frame.anchor)
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
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        // One access to `stack` for the whole update: each access to a class's property is checked.
        Self.attach(node, size: size, to: &stack[stack.count - 1])
        return nil
    }

    /// Puts a finished node into its parent: as an item, a key, or the value of the pending key.
    private static func attach(_ node: YAMLNode, size: Int, to frame: inout Frame) {
        frame.size += size
        if !frame.isMapping {
            frame.items.append(node)
        } else if let key = frame.pendingKey.take() {
            frame.pairs.append(YAMLPair(key: key, value: node))
        } else {
            frame.pendingKey = node
        }
    }

    /// Keeps the last of repeated scalar keys (at the later position) and records a warning.
    private func removingDuplicateKeys(_ pairs: [YAMLPair]) -> [YAMLPair] {
        guard pairs.count > 1 else { return pairs }
        // Almost no mapping repeats a key: one set of keys tells, before any bookkeeping.
        var keys = Set<String>(minimumCapacity: pairs.count)
        guard !pairs.allSatisfy({ $0.key.scalarText.map { keys.insert($0).inserted } ?? true }) else { return pairs }
        var lastIndex: [String: Int] = [:]
        lastIndex.reserveCapacity(pairs.count)
        var firstLine: [String: Int] = [:]
        var duplicates = false
        for (index, pair) in pairs.enumerated() {
            guard let key = pair.key.scalarText else { continue }
            if let first = firstLine[key] {
                duplicates = true
                warnings.append(YAMLProblem(.duplicateKey,
                                            "duplicate key '\(key)' (first at line \(first)); the later value is used",
                                            at: pair.key.mark))
            } else {
                firstLine[key] = pair.key.mark.line
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
        let where_ = mark(parser.problem_mark)
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
