import Foundation
import PortalKit
import PortalYAML

extension StepContext {
    /// Runs one supported action with its rendered `input`.
    mutating func perform(_ step: ScaffoldPlan.Step, input: ScaffoldValue) throws(StepFailure) {
        switch step.action {
        case "fetch:template": try fetchTemplate(input)
        case "fetch:plain": try fetchPlain(input)
        case "fetch:plain:file": try fetchPlainFile(input)
        case "catalog:write": try catalogWrite(input)
        case "debug:log": debugLog(input, step: step)
        case "fs:rename": try rename(input)
        case "fs:delete": try delete(input)
        default: throw StepFailure(message: "unsupported action", id: .scaffoldUnsupportedAction)
        }
    }

    // MARK: - fetch:template and fetch:plain

    private mutating func fetchTemplate(_ input: ScaffoldValue) throws(StepFailure) {
        let source = try sourceFolder(input)
        let target = try workspacePath(input["targetPath"].isMissing ? "./" : input["targetPath"].text, input: "targetPath")
        let cookiecutter = input["cookiecutterCompat"].isTruthy
        let syntax: TextTemplate.Syntax = cookiecutter ? .doubleBraces : .dollarBraces
        var scope: [String: ScaffoldValue] = ["values": input["values"].isMissing ? .object([:]) : input["values"]]
        if cookiecutter { scope["cookiecutter"] = scope["values"] }
        let extensionInput = input["templateFileExtension"]
        let templateExtension: String? = switch extensionInput {
        case .bool(true): ".njk"
        case .string(let text) where !text.isEmpty: text.hasPrefix(".") ? text : "." + text
        default: nil
        }
        let verbatim = globs(input["copyWithoutTemplating"]), unrendered = globs(input["copyWithoutRender"])
        for relative in try skeletonFiles(source) {
            let keepsPath = unrendered.contains { Self.matches($0, relative) }
            let keepsContents = keepsPath || verbatim.contains { Self.matches($0, relative) }
            var destination = relative
            var renders = !keepsContents
            if let templateExtension {
                renders = renders && relative.hasSuffix(templateExtension)
                if relative.hasSuffix(templateExtension) { destination = String(relative.dropLast(templateExtension.count)) }
            }
            let sourceFile = source + "/" + relative
            if !keepsPath {
                guard let rendered = try renderPath(destination, scope: scope, syntax: syntax, file: sourceFile) else {
                    notes.add(.info, .scaffoldSkippedFile, at: SourceLocation(file: displayPath(sourceFile)),
                              "not written: its rendered name has an empty part")
                    continue
                }
                destination = rendered
            }
            var bytes = try read(sourceFile)
            if renders, let text = String(validating: bytes, as: UTF8.self), !text.contains("\0"), TextTemplate.hasMarkup(text, syntax: syntax) {
                do {
                    bytes = Array(try TextTemplate(text, syntax: syntax).render(scope).utf8)
                } catch {
                    throw StepFailure(message: error.message, id: .scaffoldExpression, location: Self.location(of: error.offset, in: text, file: displayPath(sourceFile)))
                }
            }
            try write(bytes, to: try workspacePath(Path.relative(target, to: workspace) + "/" + destination, input: "the rendered path"))
        }
    }

    private mutating func fetchPlain(_ input: ScaffoldValue) throws(StepFailure) {
        let source = try sourceFolder(input)
        let target = try workspacePath(input["targetPath"].isMissing ? "./" : input["targetPath"].text, input: "targetPath")
        for relative in try skeletonFiles(source) {
            try write(try read(source + "/" + relative), to: target + "/" + relative)
        }
    }

    private mutating func fetchPlainFile(_ input: ScaffoldValue) throws(StepFailure) {
        let source = try sourcePath(try requiredText(input, "url"))
        guard FileSystem.type(of: source) == .file else {
            throw StepFailure(message: "url '\(input["url"].text)' is not a regular file", id: .scaffoldMissingSource)
        }
        try write(try read(source), to: try workspacePath(try requiredText(input, "targetPath"), input: "targetPath"))
    }

    /// The folder the `url` input names, inside the template's repository.
    private func sourceFolder(_ input: ScaffoldValue) throws(StepFailure) -> String {
        let source = try sourcePath(try requiredText(input, "url"))
        guard FileSystem.resolvedType(of: source) == .directory else {
            throw StepFailure(message: "url '\(input["url"].text)' is not a folder", id: .scaffoldMissingSource)
        }
        return source
    }

    /// Regular files under a skeleton folder, relative; links are reported and left out.
    private mutating func skeletonFiles(_ folder: String) throws(StepFailure) -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            for entry in FileSystem.entries(of: relative.isEmpty ? folder : folder + "/" + relative) {
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.type {
                case .directory: pending.append(path)
                case .file: result.append(path)
                case .symlink, .other:
                    notes.add(.warning, .scaffoldSymlink, at: SourceLocation(file: displayPath(folder + "/" + path)),
                              "not copied: symbolic links and special files in a skeleton are not followed")
                }
            }
        }
        return result.sorted()
    }

    /// Renders each part of a skeleton path; nil when a part renders empty (the file is left out).
    private func renderPath(_ relative: String, scope: [String: ScaffoldValue], syntax: TextTemplate.Syntax, file: String) throws(StepFailure) -> String? {
        guard TextTemplate.hasMarkup(relative, syntax: syntax) else { return relative }
        do {
            let rendered = try TextTemplate(relative, syntax: syntax).render(scope)
            let parts = rendered.split(separator: "/", omittingEmptySubsequences: false)
            if parts.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
            return rendered
        } catch {
            throw StepFailure(message: "in the file name '\(relative)': \(error.message)", id: .scaffoldExpression,
                              location: SourceLocation(file: displayPath(file)))
        }
    }

    private static func location(of offset: Int, in text: String, file: String) -> SourceLocation {
        let before = text.prefix(offset)
        let line = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    // MARK: - catalog:write, debug:log, fs:rename, fs:delete

    private func catalogWrite(_ input: ScaffoldValue) throws(StepFailure) {
        guard case .object = input["entity"] else { throw StepFailure(message: "input 'entity' must be a mapping (the entity to write)") }
        let file = input["filePath"].isMissing ? "catalog-info.yaml" : input["filePath"].text
        try write(Array(input["entity"].yamlDocument.utf8), to: try workspacePath(file, input: "filePath"))
    }

    private mutating func debugLog(_ input: ScaffoldValue, step: ScaffoldPlan.Step) {
        if !input["message"].isMissing { logs.append(input["message"].text) }
        if input["listWorkspace"].isTruthy {
            logs.append((["Workspace:"] + ScaffoldRunner.files(under: workspace).map { "  " + $0 }).joined(separator: "\n"))
        }
    }

    private func rename(_ input: ScaffoldValue) throws(StepFailure) {
        guard case .list(let files) = input["files"] else { throw StepFailure(message: "input 'files' must be a list of {from, to}") }
        for file in files {
            let from = try workspacePath(try requiredText(file, "from"), input: "from")
            let to = try workspacePath(try requiredText(file, "to"), input: "to")
            guard FileSystem.type(of: from) != nil else { throw StepFailure(message: "'\(file["from"].text)' does not exist in the workspace") }
            if FileSystem.type(of: to) != nil {
                guard file["overwrite"].isTruthy else {
                    throw StepFailure(message: "'\(file["to"].text)' already exists (set overwrite: true to replace it)")
                }
                try? FileManager.default.removeItem(atPath: to)
            }
            do {
                try FileManager.default.createDirectory(atPath: Path.directory(of: to), withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: from, toPath: to)
            } catch {
                throw StepFailure(message: "cannot rename '\(file["from"].text)': \(error.localizedDescription)")
            }
        }
    }

    private func delete(_ input: ScaffoldValue) throws(StepFailure) {
        guard case .list(let patterns) = input["files"] else { throw StepFailure(message: "input 'files' must be a list of paths or globs") }
        for pattern in patterns {
            _ = try workspacePath(pattern.text, input: "files")
            let glob = Glob(Path.join("/", pattern.text))
            var doomed: [String] = []
            var pending = [""]
            while let relative = pending.popLast() {
                for entry in FileSystem.entries(of: relative.isEmpty ? workspace : workspace + "/" + relative) {
                    let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                    if glob.matches("/" + path) { doomed.append(path) } else if entry.type == .directory { pending.append(path) }
                }
            }
            for path in doomed { try? FileManager.default.removeItem(atPath: workspace + "/" + path) }
        }
    }

    // MARK: - Helpers

    private func requiredText(_ input: ScaffoldValue, _ key: String) throws(StepFailure) -> String {
        let value = input[key]
        guard !value.isMissing, !value.text.isEmpty else { throw StepFailure(message: "input '\(key)' is required") }
        return value.text
    }

    private func globs(_ value: ScaffoldValue) -> [Glob] {
        guard case .list(let items) = value else { return [] }
        return items.map { Glob(Path.join("/", $0.text)) }
    }

    /// Whether `glob` matches the skeleton path or one of the folders holding it.
    private static func matches(_ glob: Glob, _ relative: String) -> Bool {
        var path = "/" + relative
        while path != "/" && !path.isEmpty {
            if glob.matches(path) { return true }
            path = Path.directory(of: path)
        }
        return false
    }

    private func read(_ path: String) throws(StepFailure) -> [UInt8] {
        switch FileSystem.read(path, limit: 64 << 20) {
        case .bytes(let bytes): return bytes
        case .tooLarge(let size): throw StepFailure(message: "\(displayPath(path)) is too large to copy (\(size) bytes)")
        case .failed(let reason): throw StepFailure(message: "cannot read \(displayPath(path)): \(reason)")
        }
    }

    private func write(_ bytes: [UInt8], to path: String) throws(StepFailure) {
        do {
            try FileManager.default.createDirectory(atPath: Path.directory(of: path), withIntermediateDirectories: true)
        } catch {
            throw StepFailure(message: "cannot create the folder for \(Path.relative(path, to: workspace)): \(error.localizedDescription)")
        }
        if let failure = FileSystem.write(bytes, to: path) {
            throw StepFailure(message: "cannot write \(Path.relative(path, to: workspace)): \(failure)")
        }
    }
}
