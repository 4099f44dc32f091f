import PortalKit
import PortalScaffold
import PortalYAML

/// The `portal-build scaffold` command for a Template, with every field as `--set` (its
/// default, or a `<name>` placeholder) or as a values file.
struct ScaffoldCommandLine {
    let entity: Entity
    let pages: [YAMLNode]

    /// Every field with its default (a scalar one) or a `<name>` placeholder, in form order.
    private var values: [(name: String, value: ScaffoldValue)] {
        pages.flatMap { page in
            (page["properties"]?.pairs ?? []).compactMap { pair -> (String, ScaffoldValue)? in
                guard let name = pair.key.scalarText else { return nil }
                if let fallback = pair.value["default"], case .scalar = fallback.content { return (name, ScaffoldValue(fallback)) }
                return (name, .string("<\(name)>"))
            }
        }
    }

    private var reference: String { "template:\(entity.ref.namespace)/\(entity.ref.name)" }

    private var output: String {
        values.contains { $0.name == "name" } ? "./<name>" : "./" + entity.ref.name
    }

    /// `portal-build scaffold template:default/x --set a=b … --output ./<name>`, one option per line.
    var withFlags: String {
        let sets = values.map { " \\\n  --set " + Self.shellQuoted("\($0.name)=\($0.value.text)") }
        return "portal-build scaffold \(reference)" + sets.joined() + " \\\n  --output " + Self.shellQuoted(output)
    }

    /// The values as a YAML file, each typed as the Template's default is.
    var valuesFile: String {
        values.map { "\($0.name): " + $0.value.yamlDocument }.joined()
    }

    var withValuesFile: String {
        "portal-build scaffold \(reference) --values values.yaml --output " + Self.shellQuoted(output)
    }

    /// `text` as one shell word: as is when only safe characters, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:=@,+%".unicodeScalars.contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
