public import PortalKit
public import PortalYAML

/// Which of a Template's steps `portal-build scaffold` runs, and which it skips and why,
/// known before anything runs. `if:` conditions are evaluated when their step's turn comes.
public struct ScaffoldPlan: Sendable {
    /// The actions run locally; every other action needs Backstage's backend.
    public static let supportedActions: [String] = [
        "fetch:template", "fetch:plain", "fetch:plain:file", "catalog:write", "debug:log", "fs:rename", "fs:delete",
    ]

    /// One step of `spec.steps`.
    public struct Step: Sendable {
        public var number: Int
        public var id: String
        public var name: String
        public var action: String
        public var input: YAMLNode?
        public var condition: YAMLNode?
        public var mark: Mark
        /// Why the step is skipped whatever the values, else nil.
        public var skip: Skip?

        public var isSupported: Bool { skip == nil }
    }

    /// Why a step is skipped before anything runs.
    public enum Skip: Sendable, Equatable {
        /// The action needs Backstage's backend (or the step names none).
        case unsupportedAction(String)
        /// A fetch step's `url` is remote; remote sources are never fetched.
        case remoteSource(String)
        /// The step loops with `each:`, which scaffold does not run.
        case loop

        public var reason: String {
            switch self {
            case .unsupportedAction(""): "the step has no action"
            case .unsupportedAction(let action): "'\(action)' needs the Backstage backend and is not run locally"
            case .remoteSource(let url): "its source \(url) is remote, and remote sources are never fetched"
            case .loop: "steps repeated with each: are not run by portal-build scaffold"
            }
        }

        public var id: DiagnosticID {
            switch self {
            case .remoteSource: .scaffoldRemoteSource
            case .unsupportedAction, .loop: .scaffoldUnsupportedAction
            }
        }
    }

    public var steps: [Step]

    /// Plans the steps of a Template's `spec`.
    public init(spec: YAMLNode?) {
        steps = (spec?["steps"]?.items ?? []).enumerated().map { offset, node in
            let action = node["action"]?.scalarText ?? ""
            var step = Step(number: offset + 1, id: node["id"]?.scalarText ?? "step\(offset + 1)",
                            name: node["name"]?.scalarText ?? node["id"]?.scalarText ?? "Step \(offset + 1)",
                            action: action, input: node["input"], condition: node["if"], mark: node.mark)
            if !Self.supportedActions.contains(action) {
                step.skip = .unsupportedAction(action)
            } else if action.hasPrefix("fetch:"), let url = node["input"]?["url"]?.scalarText, Self.isRemote(url) {
                step.skip = .remoteSource(url)
            } else if node["each"] != nil {
                step.skip = .loop
            }
            return step
        }
    }

    /// Whether a fetch `url` names a remote location rather than a path in the template's repository.
    public static func isRemote(_ url: String) -> Bool {
        url.contains("://")
    }

    /// The skipped steps, for listing up front.
    public var skipped: [Step] { steps.filter { !$0.isSupported } }
}
