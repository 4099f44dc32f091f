public import PortalKit

/// One build as the preview server sees it: whether it replaced the served site, what it
/// found, what to print, and what to watch next.
public struct PreviewBuild: Sendable {
    /// Whether a new site was swapped into the output folder.
    public var replacedSite: Bool
    /// Every diagnostic of the build.
    public var diagnostics: [Diagnostic]
    /// The build's diagnostics and summary as printed in the terminal.
    public var report: String
    /// What to watch from now on (a changed config may name another theme).
    public var inputs: WatchedInputs

    public init(replacedSite: Bool, diagnostics: [Diagnostic], report: String, inputs: WatchedInputs) {
        self.replacedSite = replacedSite
        self.diagnostics = diagnostics
        self.report = report
        self.inputs = inputs
    }
}
