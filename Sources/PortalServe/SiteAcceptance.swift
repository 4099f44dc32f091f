public import PortalKit

/// Whether a rebuilt site may replace the one being served: not when it has an error the
/// served site did not have (a descriptor that stopped parsing, a broken config), so the last
/// good pages stay up while the overlay shows what went wrong. Errors the served site already
/// had do not block, or a catalog with a standing error could never be previewed.
public struct SiteAcceptance: Sendable {
    /// The errors of the site being served, by file, id and message (lines move as files are edited).
    private var servedErrors: Set<[String]>

    /// `served`: the diagnostics of the site being served.
    public init(served: [Diagnostic]) {
        servedErrors = Set(served.lazy.filter { $0.severity == .error }.map(Self.key))
    }

    /// The errors in `diagnostics` that the served site did not have.
    public func newErrors(in diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error && !servedErrors.contains(Self.key($0)) }
    }

    /// Whether a build with these diagnostics may replace the served site.
    public func accepts(_ diagnostics: [Diagnostic]) -> Bool {
        newErrors(in: diagnostics).isEmpty
    }

    private static func key(_ diagnostic: Diagnostic) -> [String] {
        [diagnostic.location.file, diagnostic.id.rawValue, diagnostic.message]
    }
}
