import Foundation
import PortalKit
import PortalYAML

/// The state of one run shared by its steps: the scope expressions see, the workspace, and what
/// steps logged. Each action is a method in `StepContext+Actions.swift`.
struct StepContext {
    let request: ScaffoldRequest
    /// The Template file as shown to the user.
    let display: String
    /// The staging folder the steps write into.
    let workspace: String
    /// `steps.<id>` for each step that ran.
    var outputs: [String: ScaffoldValue] = [:]
    var logs: [String] = []
    /// Warnings and notes steps raise without failing (symlinks not copied, …).
    var notes = Diagnostics()

    /// The indentation of each line of the Template file, to place errors inside block scalars.
    let templateIndents: [Int]

    init(request: ScaffoldRequest, display: String, workspace: String) {
        self.request = request
        self.display = display
        self.workspace = workspace
        if case .bytes(let bytes) = FileSystem.read(request.templateFile, limit: 16 << 20) {
            templateIndents = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.prefix { $0 == 0x20 }.count }
        } else {
            templateIndents = []
        }
    }

    /// What step inputs see: `parameters`, `steps`, `user`, and empty `secrets`.
    var scope: [String: ScaffoldValue] {
        ["parameters": .object(request.parameters), "steps": .object(outputs), "user": request.user, "secrets": .object([:])]
    }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: display, line: mark.line, column: mark.column)
    }

    /// A YAML input with every string rendered: a lone `${{ … }}` keeps its value's type.
    func evaluate(_ node: YAMLNode?) throws(StepFailure) -> ScaffoldValue {
        guard let node else { return .undefined }
        switch node.content {
        case .sequence(let items):
            var values: [ScaffoldValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .mapping(let pairs):
            var members: [String: ScaffoldValue] = [:]
            for pair in pairs { members[pair.key.scalarText ?? ""] = try evaluate(pair.value) }
            return .object(members)
        case .scalar(let text, let style):
            guard case .string = node.scalarValue, TextTemplate.hasMarkup(text) else { return ScaffoldValue(node) }
            do {
                return try TextTemplate(text).value(scope)
            } catch {
                throw StepFailure(message: error.message, id: .scaffoldExpression,
                                  location: Self.location(of: error.offset, in: text, node: node, style: style, file: display, indents: templateIndents))
            }
        }
    }

    /// Where character `offset` of a scalar's text is in the file: exact for one-line scalars and
    /// block scalars (`|`, `>`: their lines start after the file line's indentation, from `indents`);
    /// for multi-line flow scalars, the line is exact and the column counts from the line's start.
    static func location(of offset: Int, in text: String, node: YAMLNode, style: ScalarStyle, file: String, indents: [Int]) -> SourceLocation {
        let before = text.prefix(offset)
        let newlines = before.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
        switch style {
        case .literal, .folded:
            // The block's indentation: its first line's, less the spaces that belong to the text.
            let first = node.mark.line + 1
            let indent = indents.indices.contains(first - 1) ? indents[first - 1] - text.prefix { $0 == " " }.count : 0
            return SourceLocation(file: file, line: first + newlines, column: max(indent, 0) + column + 1)
        case .plain, .singleQuoted, .doubleQuoted:
            let quote = style == .plain ? 0 : 1
            return newlines == 0
                ? SourceLocation(file: file, line: node.mark.line, column: node.mark.column + quote + column)
                : SourceLocation(file: file, line: node.mark.line + newlines, column: column + 1)
        }
    }

    /// `relative` inside the workspace, or a failure when it is absolute or climbs out.
    func workspacePath(_ relative: String, input: String) throws(StepFailure) -> String {
        if relative.hasPrefix("/") {
            throw StepFailure(message: "\(input) '\(relative)' is absolute; it must be a path inside the output folder", id: .scaffoldOutsideRepository)
        }
        let path = Path.join(workspace, relative)
        guard Path.isInside(path, workspace) else {
            throw StepFailure(message: "\(input) '\(relative)' leads outside the output folder", id: .scaffoldOutsideRepository)
        }
        return path
    }

    /// A source `url` resolved against the Template's folder; it must stay inside its repository,
    /// links included.
    func sourcePath(_ url: String) throws(StepFailure) -> String {
        if ScaffoldPlan.isRemote(url) {
            throw StepFailure(message: "url '\(url)' is remote; only paths inside the template's repository are read", id: .scaffoldRemoteSource)
        }
        if url.hasPrefix("/") {
            throw StepFailure(message: "url '\(url)' is absolute; give a path relative to the template", id: .scaffoldOutsideRepository)
        }
        let path = Path.join(Path.directory(of: request.templateFile), url)
        let root = FileSystem.realPath(request.repositoryRoot) ?? request.repositoryRoot
        guard Path.isInside(path, request.repositoryRoot) else {
            throw StepFailure(message: "url '\(url)' leads outside the template's repository", id: .scaffoldOutsideRepository)
        }
        guard let real = FileSystem.realPath(path) else {
            throw StepFailure(message: "url '\(url)' does not exist in the template's repository (\(displayPath(path)))", id: .scaffoldMissingSource)
        }
        guard Path.isInside(real, root) else {
            throw StepFailure(message: "url '\(url)' leads outside the template's repository through a symbolic link", id: .scaffoldOutsideRepository)
        }
        return path
    }

    /// A path in the Template's repository as the user sees it (beside the Template file's display path).
    func displayPath(_ path: String) -> String {
        let folder = Path.directory(of: request.templateFile)
        return Path.join(Path.directory(of: display), Path.relative(path, to: folder))
    }
}
