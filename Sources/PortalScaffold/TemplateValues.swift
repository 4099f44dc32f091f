public import PortalKit
import Foundation
import PortalYAML

/// The form values of a run: a YAML or JSON values file, then `--set key=value` assignments
/// (`a.b=c` nests; a value is typed by the field's schema: `port=8080` is an integer when the
/// schema says `integer`, `tags=[a, b]` a list when it says `array`).
public struct TemplateValues: Sendable {
    public var values: [String: ScaffoldValue]

    public init(_ values: [String: ScaffoldValue] = [:]) {
        self.values = values
    }

    /// Reads a values file (a YAML or JSON mapping); problems go to `diagnostics` as `scaffold.values`.
    public static func load(file path: String, into diagnostics: inout Diagnostics) -> TemplateValues? {
        let location = SourceLocation(file: path)
        guard case .bytes(let bytes) = FileSystem.read(path, limit: 4 << 20) else {
            diagnostics.add(.error, .scaffoldValues, at: location, "cannot read the values file")
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            diagnostics.add(.error, .scaffoldValues, at: location, "the values file is not UTF-8 text")
            return nil
        }
        let documents = YAMLParser.parse(text)
        if let problem = documents.first(where: { $0.error != nil })?.error {
            diagnostics.add(.error, .scaffoldValues, at: SourceLocation(file: path, line: problem.mark.line, column: problem.mark.column),
                            "the values file does not parse: \(problem.message)")
            return nil
        }
        guard let root = documents.first?.root else { return TemplateValues() }
        guard case .object(let members) = ScaffoldValue(root) else {
            diagnostics.add(.error, .scaffoldValues, at: SourceLocation(file: path, line: root.mark.line, column: root.mark.column),
                            "the values file must be a mapping of parameter names to values")
            return nil
        }
        return TemplateValues(members)
    }

    /// Applies one `--set key=value`, typed by the form's schema; returns an error message if malformed.
    public mutating func set(_ assignment: String, parameters: TemplateParameters) -> String? {
        guard let equals = assignment.firstIndex(of: "=") else { return "--set '\(assignment)' is not key=value" }
        let path = assignment[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else { return "--set '\(assignment)' has an empty key" }
        let text = String(assignment[assignment.index(after: equals)...])
        let value = Self.typed(text, as: parameters.schema(at: path)?.schemaTypes ?? [])
        values = Self.setting(value, at: path[...], in: .object(values)).objectMembers
        return nil
    }

    /// `text` read as the schema's type; text that does not fit stays a string (validation says why).
    static func typed(_ text: String, as types: [String]) -> ScaffoldValue {
        if types.contains("integer"), let number = Int(text) { return .int(number) }
        if types.contains("number"), let number = Double(text) { return number == number.rounded() && !text.contains(".") ? .int(Int(number)) : .double(number) }
        if types.contains("boolean"), text == "true" || text == "false" { return .bool(text == "true") }
        if types.contains("array") || types.contains("object"), let root = YAMLParser.parse(text).first?.root {
            let parsed = ScaffoldValue(root)
            if case .list = parsed { return parsed }
            if case .object = parsed { return parsed }
            if types.contains("array") { return .list(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }) }
        }
        if types.contains("null"), text == "null" { return .null }
        return .string(text)
    }

    private static func setting(_ value: ScaffoldValue, at path: ArraySlice<String>, in container: ScaffoldValue) -> ScaffoldValue {
        guard let key = path.first else { return value }
        var members = container.objectMembers
        members[key] = setting(value, at: path.dropFirst(), in: members[key] ?? .object([:]))
        return .object(members)
    }
}

extension ScaffoldValue {
    /// The members of an object; empty for anything else.
    var objectMembers: [String: ScaffoldValue] {
        if case .object(let members) = self { return members }
        return [:]
    }
}
