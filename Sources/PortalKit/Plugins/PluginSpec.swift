import PortalYAML

/// One external program listed under `plugins:` in `portal.yaml` (README "Plugins").
///
/// ```yaml
/// plugins:
///   - name: tech-radar
///     command: [portal-tech-radar, radar.yaml]
///     timeout: 30
///     options: {quadrants: 4}
/// ```
public struct PluginSpec: Sendable, Equatable {
    /// `[a-z0-9-]+`, unique: named in diagnostics and in the folder of the plugin's pages.
    public var name: String
    /// The program and its arguments (no shell).
    public var command: [String]
    /// Seconds the plugin may run before it is stopped.
    public var timeout: Int
    /// Passed through to the plugin as `plugin.options`.
    public var options: JSONValue
    /// The folder the command runs in: the config file's.
    public var folder: String
    /// Where the entry is written, for diagnostics about the plugin.
    public var location: SourceLocation

    public static let defaultTimeout = 30
    public static let maximumTimeout = 600

    public init(name: String, command: [String], timeout: Int = PluginSpec.defaultTimeout, options: JSONValue = .null,
                folder: String, location: SourceLocation) {
        self.name = name
        self.command = command
        self.timeout = timeout
        self.options = options
        self.folder = folder
        self.location = location
    }

    /// Whether `name` may name a plugin: `[a-z0-9-]+`, at most 64 characters.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Reads the `plugins:` list of the config file at `path`; entries with problems are
    /// reported (`config.invalid`, at the offending key) and left out.
    static func list(_ node: YAMLNode, path: String, into diagnostics: inout Diagnostics) -> [PluginSpec] {
        func problem(_ node: YAMLNode, _ message: String) {
            diagnostics.add(.error, .configInvalid, at: PortalConfig.location(path, node), message)
        }
        guard let items = node.items else {
            problem(node, "'plugins' must be a list of {name, command, timeout, options}")
            return []
        }
        var specs: [PluginSpec] = []
        var names: Set<String> = []
        for item in items {
            guard let pairs = item.pairs else {
                problem(item, "each plugin must be a mapping with 'name' and 'command'")
                continue
            }
            guard let nameNode = item["name"], let name = nameNode.stringValue else {
                problem(item, "a plugin needs a 'name'")
                continue
            }
            guard isValidName(name) else {
                problem(nameNode, "plugin name '\(name.prefix(80))' must be lowercase letters, digits and '-'")
                continue
            }
            guard names.insert(name).inserted else {
                problem(nameNode, "plugin '\(name)' is listed twice")
                continue
            }
            var command: [String] = []
            if let commandNode = item["command"] {
                if let items = commandNode.items {
                    command = items.compactMap { $0.scalarText }
                    if command.count != items.count { problem(commandNode, "'command' of plugin '\(name)' must be a list of strings") }
                } else if let text = commandNode.scalarText {
                    command = text.split(separator: " ").map(String.init)
                }
            }
            guard let program = command.first, !program.isEmpty else {
                problem(item["command"] ?? item, "plugin '\(name)' needs a 'command' (a list: program, then arguments)")
                continue
            }
            var spec = PluginSpec(name: name, command: command, folder: Path.directory(of: path),
                                  location: SourceLocation(file: path, line: nameNode.mark.line, column: nameNode.mark.column))
            for pair in pairs {
                switch pair.key.scalarText ?? "" {
                case "name", "command": continue
                case "timeout":
                    if case .int(let seconds) = pair.value.scalarValue, (1...maximumTimeout).contains(seconds) {
                        spec.timeout = seconds
                    } else {
                        problem(pair.value, "'timeout' of plugin '\(name)' must be a whole number of seconds from 1 to \(maximumTimeout)")
                    }
                case "options": spec.options = JSONValue(pair.value)
                default:
                    let key = pair.key.scalarText ?? ""
                    let hint = NearMiss.closest(to: key, among: ["name", "command", "timeout", "options"]).map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.add(.warning, .configUnknownKey, at: PortalConfig.location(path, pair.key),
                                    "unknown key '\(key.prefix(80))' in plugin '\(name)'\(hint)")
                }
            }
            specs.append(spec)
        }
        return specs
    }
}
