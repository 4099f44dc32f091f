import PortalKit
import PortalYAML

/// The `portal-build scaffold` command for a Template, with every field as `--set` (its
/// default, or a `<name>` placeholder) or as a values file.
struct ScaffoldCommandLine {
    let entity: Entity
    let pages: [YAMLNode]

    /// Every field with its default or placeholder, in form order; `isText` when the value is a
    /// string (a placeholder, or a default YAML reads as a string), which a values file must keep one.
    private var values: [(name: String, value: String, isText: Bool)] {
        pages.flatMap { page in
            (page["properties"]?.pairs ?? []).compactMap { pair -> (String, String, Bool)? in
                guard let name = pair.key.scalarText else { return nil }
                if let fallback = pair.value["default"], case .scalar(let text, _) = fallback.content {
                    return (name, text, fallback.stringValue != nil)
                }
                return (name, "<\(name)>", true)
            }
        }
    }

    private var reference: String { "template:\(entity.ref.namespace)/\(entity.ref.name)" }

    private var output: String {
        values.contains { $0.name == "name" } ? "./<name>" : "./" + entity.ref.name
    }

    /// `portal-build scaffold template:default/x --set a=b … --output ./<name>`, one option per line.
    var withFlags: String {
        let sets = values.map { " \\\n  --set " + Self.shellQuoted("\($0.name)=\($0.value)") }
        return "portal-build scaffold \(reference)" + sets.joined() + " \\\n  --output " + Self.shellQuoted(output)
    }

    /// The values as a YAML file.
    var valuesFile: String {
        values.map { "\($0.name): \($0.isText ? Self.yamlString($0.value) : $0.value)" }.joined(separator: "\n") + "\n"
    }

    var withValuesFile: String {
        "portal-build scaffold \(reference) --values values.yaml --output " + Self.shellQuoted(output)
    }

    /// `text` as one shell word: as is when only safe characters, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:=@,+%".unicodeScalars.contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A YAML string: plain when YAML reads it back as the same string, else single-quoted.
    static func yamlString(_ text: String) -> String {
        if case .string = YAMLNode.resolvePlain(text), !text.contains(": "), !text.contains(" #"),
           let first = text.first, !"-?:,[]{}#&*!|>'\"%@` ".contains(first) {
            return text
        }
        return yamlQuoted(text)
    }

    static func yamlQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
