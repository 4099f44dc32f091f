/// A stable identifier for a kind of problem, e.g. `catalog.unresolved-ref`.
///
/// Identifiers never change once published: CI filters and SARIF rules depend on them.
public struct DiagnosticID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CaseIterable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool { lhs.rawValue < rhs.rawValue }

    // Input files and discovery
    public static let inputMissing = DiagnosticID(rawValue: "input.missing")
    public static let inputUnreadable = DiagnosticID(rawValue: "input.unreadable")
    public static let inputTooLarge = DiagnosticID(rawValue: "input.too-large")
    public static let inputSymlinkOutside = DiagnosticID(rawValue: "input.symlink-outside")
    public static let templateSource = DiagnosticID(rawValue: "input.template-source")
    // YAML
    public static let yamlSyntax = DiagnosticID(rawValue: "yaml.syntax")
    public static let yamlDuplicateKey = DiagnosticID(rawValue: "yaml.duplicate-key")
    public static let yamlAliasExpansion = DiagnosticID(rawValue: "yaml.alias-expansion")
    public static let yamlTooDeep = DiagnosticID(rawValue: "yaml.too-deep")
    public static let yamlUndefinedAlias = DiagnosticID(rawValue: "yaml.undefined-alias")
    // Entity documents
    public static let notAnEntity = DiagnosticID(rawValue: "entity.not-an-entity")
    public static let noEntities = DiagnosticID(rawValue: "entity.none-in-file")
    public static let unrenderedTemplate = DiagnosticID(rawValue: "entity.unrendered-template")
    public static let invalidEnvelope = DiagnosticID(rawValue: "entity.invalid-envelope")
    public static let invalidApiVersion = DiagnosticID(rawValue: "entity.invalid-api-version")
    public static let invalidKind = DiagnosticID(rawValue: "entity.invalid-kind")
    public static let unknownKind = DiagnosticID(rawValue: "entity.unknown-kind")
    public static let invalidName = DiagnosticID(rawValue: "entity.invalid-name")
    public static let invalidNamespace = DiagnosticID(rawValue: "entity.invalid-namespace")
    public static let invalidMetadata = DiagnosticID(rawValue: "entity.invalid-metadata")
    public static let invalidTag = DiagnosticID(rawValue: "entity.invalid-tag")
    public static let invalidLabel = DiagnosticID(rawValue: "entity.invalid-label")
    public static let invalidAnnotation = DiagnosticID(rawValue: "entity.invalid-annotation")
    public static let invalidLink = DiagnosticID(rawValue: "entity.invalid-link")
    public static let reservedKey = DiagnosticID(rawValue: "entity.reserved-key")
    public static let missingField = DiagnosticID(rawValue: "entity.missing-field")
    public static let invalidField = DiagnosticID(rawValue: "entity.invalid-field")
    public static let unexpectedField = DiagnosticID(rawValue: "entity.unexpected-field")
    public static let duplicateEntity = DiagnosticID(rawValue: "entity.duplicate")
    // Placeholders
    public static let placeholderRemote = DiagnosticID(rawValue: "placeholder.remote")
    public static let placeholderUnresolved = DiagnosticID(rawValue: "placeholder.unresolved")
    public static let placeholderOutside = DiagnosticID(rawValue: "placeholder.outside-repository")
    // Locations
    public static let locationNotFound = DiagnosticID(rawValue: "location.not-found")
    public static let locationOutside = DiagnosticID(rawValue: "location.outside-repository")
    public static let locationRemote = DiagnosticID(rawValue: "location.remote")
    public static let locationCycle = DiagnosticID(rawValue: "location.cycle")
    public static let locationInvalid = DiagnosticID(rawValue: "location.invalid-target")
    // References and relations
    public static let invalidRef = DiagnosticID(rawValue: "ref.invalid")
    public static let unresolvedRef = DiagnosticID(rawValue: "ref.unresolved")
    public static let unexpectedRefKind = DiagnosticID(rawValue: "ref.unexpected-kind")
    // Overlay preview (published catalogs)
    public static let overlayUnreadable = DiagnosticID(rawValue: "overlay.unreadable")
    public static let overlayInvalid = DiagnosticID(rawValue: "overlay.invalid")
    public static let overlayBreaksReference = DiagnosticID(rawValue: "overlay.breaks-reference")
    // Output
    public static let outputRefused = DiagnosticID(rawValue: "output.refused")
    // Configuration and themes
    public static let configInvalid = DiagnosticID(rawValue: "config.invalid")
    public static let configUnknownKey = DiagnosticID(rawValue: "config.unknown-key")
    public static let themeUnreadable = DiagnosticID(rawValue: "theme.unreadable")
    public static let themeTemplate = DiagnosticID(rawValue: "theme.template")
    // Pages
    public static let apiDefinition = DiagnosticID(rawValue: "api.definition")
    public static let unsafeURL = DiagnosticID(rawValue: "page.unsafe-url")
    // TechDocs discovery
    public static let docsInvalidRef = DiagnosticID(rawValue: "docs.invalid-ref")
    public static let docsRemoteRef = DiagnosticID(rawValue: "docs.remote-ref")
    public static let docsOutside = DiagnosticID(rawValue: "docs.outside-repository")
    public static let docsNotFound = DiagnosticID(rawValue: "docs.not-found")
    public static let docsConfig = DiagnosticID(rawValue: "docs.config")
    public static let docsIgnoredSetting = DiagnosticID(rawValue: "docs.ignored-setting")
    public static let docsNavMissing = DiagnosticID(rawValue: "docs.nav-missing")
    public static let docsNotInNav = DiagnosticID(rawValue: "docs.not-in-nav")
    public static let docsMissingIndex = DiagnosticID(rawValue: "docs.missing-index")
    public static let docsDuplicateURL = DiagnosticID(rawValue: "docs.duplicate-url")
    public static let docsTooManyFiles = DiagnosticID(rawValue: "docs.too-many-files")
    public static let docsSharedMissing = DiagnosticID(rawValue: "docs.shared-missing")
    public static let docsBrokenLink = DiagnosticID(rawValue: "docs.broken-link")
    public static let docsMissingAnchor = DiagnosticID(rawValue: "docs.missing-anchor")
    public static let docsMissingImage = DiagnosticID(rawValue: "docs.missing-image")
    public static let docsFrontMatter = DiagnosticID(rawValue: "docs.front-matter")
    public static let docsUnsupported = DiagnosticID(rawValue: "docs.unsupported")
    public static let docsTableTooLarge = DiagnosticID(rawValue: "docs.table-too-large")
    // Annotation cards
    public static let annotationInvalidValue = DiagnosticID(rawValue: "annotation.invalid-value")
    // Running Software Templates (`portal-build scaffold`)
    public static let scaffoldTemplateNotFound = DiagnosticID(rawValue: "scaffold.template-not-found")
    public static let scaffoldValues = DiagnosticID(rawValue: "scaffold.values")
    public static let scaffoldInvalidValue = DiagnosticID(rawValue: "scaffold.invalid-value")
    public static let scaffoldUnmodelledSchema = DiagnosticID(rawValue: "scaffold.unmodelled-schema")
    public static let scaffoldExpression = DiagnosticID(rawValue: "scaffold.expression")
    public static let scaffoldUnsupportedAction = DiagnosticID(rawValue: "scaffold.unsupported-action")
    public static let scaffoldRemoteSource = DiagnosticID(rawValue: "scaffold.remote-source")
    public static let scaffoldMissingSource = DiagnosticID(rawValue: "scaffold.missing-source")
    public static let scaffoldOutsideRepository = DiagnosticID(rawValue: "scaffold.outside-repository")
    public static let scaffoldSymlink = DiagnosticID(rawValue: "scaffold.symlink")
    public static let scaffoldStepFailed = DiagnosticID(rawValue: "scaffold.step-failed")
    public static let scaffoldOutputExists = DiagnosticID(rawValue: "scaffold.output-exists")
    public static let scaffoldSkippedFile = DiagnosticID(rawValue: "scaffold.skipped-file")
    // Plugins
    public static let pluginNotFound = DiagnosticID(rawValue: "plugin.not-found")
    public static let pluginFailed = DiagnosticID(rawValue: "plugin.failed")
    public static let pluginTimeout = DiagnosticID(rawValue: "plugin.timeout")
    public static let pluginInvalidOutput = DiagnosticID(rawValue: "plugin.invalid-output")

    /// `plugin.<name>.<id>`: a problem a plugin reports itself (its `id` restricted to `[a-z0-9.-]`).
    public static func plugin(_ name: String, _ id: String) -> DiagnosticID {
        DiagnosticID(rawValue: "plugin.\(name).\(id)")
    }

    public static let allCases: [DiagnosticID] = [
        inputMissing, inputUnreadable, inputTooLarge, inputSymlinkOutside, templateSource,
        yamlSyntax, yamlDuplicateKey, yamlAliasExpansion, yamlTooDeep, yamlUndefinedAlias,
        notAnEntity, noEntities, unrenderedTemplate, invalidEnvelope, invalidApiVersion, invalidKind, unknownKind,
        invalidName, invalidNamespace, invalidMetadata, invalidTag, invalidLabel, invalidAnnotation, invalidLink,
        reservedKey, missingField, invalidField, unexpectedField, duplicateEntity,
        placeholderRemote, placeholderUnresolved, placeholderOutside,
        locationNotFound, locationOutside, locationRemote, locationCycle, locationInvalid,
        invalidRef, unresolvedRef, unexpectedRefKind, overlayUnreadable, overlayInvalid, overlayBreaksReference, outputRefused,
        configInvalid, configUnknownKey, themeUnreadable, themeTemplate, apiDefinition, unsafeURL,
        docsInvalidRef, docsRemoteRef, docsOutside, docsNotFound, docsConfig, docsIgnoredSetting,
        docsNavMissing, docsNotInNav, docsMissingIndex, docsDuplicateURL, docsTooManyFiles, docsSharedMissing,
        docsBrokenLink, docsMissingAnchor, docsMissingImage, docsFrontMatter, docsUnsupported, docsTableTooLarge,
        annotationInvalidValue,
        scaffoldTemplateNotFound, scaffoldValues, scaffoldInvalidValue, scaffoldUnmodelledSchema, scaffoldExpression,
        scaffoldUnsupportedAction, scaffoldRemoteSource, scaffoldMissingSource, scaffoldOutsideRepository, scaffoldSymlink,
        scaffoldStepFailed, scaffoldOutputExists, scaffoldSkippedFile,
        pluginNotFound, pluginFailed, pluginTimeout, pluginInvalidOutput,
    ]

    /// One sentence on what the identifier means, used for SARIF rules and docs.
    public var summary: String {
        Self.summaries[rawValue] ?? (rawValue.hasPrefix("plugin.") ? "A problem the plugin '\(rawValue.dropFirst(7).prefix { $0 != "." })' reports itself." : rawValue)
    }

    private static let summaries: [String: String] = [
        "input.missing": "A ROOT or referenced file does not exist.",
        "scaffold.template-not-found": "The Template reference given to scaffold is not in the catalog.",
        "scaffold.values": "A values file or --set assignment cannot be read.",
        "scaffold.invalid-value": "A form value breaks its parameter's JSON Schema (type, required, enum, pattern, length, range).",
        "scaffold.unmodelled-schema": "A parameter page uses a JSON Schema keyword that scaffold does not evaluate.",
        "scaffold.expression": "A ${{ }} expression or Nunjucks tag does not parse or evaluate (unknown filter, unclosed tag).",
        "scaffold.unsupported-action": "A step's action needs the Backstage backend; it is skipped.",
        "scaffold.remote-source": "A fetch step points at a URL; remote sources are never fetched.",
        "scaffold.missing-source": "A fetch step's skeleton folder or file does not exist.",
        "scaffold.outside-repository": "A path leads outside the template's repository or the output folder.",
        "scaffold.symlink": "A symbolic link in a skeleton is not followed or copied.",
        "scaffold.step-failed": "A supported step could not do its work (rename onto an existing file, bad input).",
        "scaffold.output-exists": "The --output folder exists and is not empty; it is never overwritten.",
        "scaffold.skipped-file": "A skeleton file whose rendered name has an empty part is not written.",
        "input.unreadable": "A file could not be read or is not UTF-8 text.",
        "input.too-large": "A file is larger than the documented size limit.",
        "input.symlink-outside": "A symbolic link points outside its repository.",
        "input.template-source": "A file inside a Template's skeleton is template source, not an entity.",
        "yaml.syntax": "The YAML does not parse.",
        "yaml.duplicate-key": "A mapping repeats a key; the later value is used.",
        "yaml.alias-expansion": "Aliases expand past the limit (a billion-laughs document).",
        "yaml.too-deep": "Collections nest past the depth limit.",
        "yaml.undefined-alias": "An alias names an undefined anchor.",
        "entity.not-an-entity": "A YAML document is not a Backstage entity.",
        "entity.none-in-file": "A descriptor file yields no entity.",
        "entity.unrendered-template": "A descriptor still holds scaffolder template expressions.",
        "entity.invalid-envelope": "The entity's root keys are not Backstage's envelope.",
        "entity.invalid-api-version": "apiVersion is malformed or not accepted for the kind.",
        "entity.invalid-kind": "kind is malformed or miscapitalised.",
        "entity.unknown-kind": "A kind that Backstage's default model does not define.",
        "entity.invalid-name": "metadata.name breaks Backstage's name rule.",
        "entity.invalid-namespace": "metadata.namespace breaks Backstage's namespace rule.",
        "entity.invalid-metadata": "A metadata field has the wrong type.",
        "entity.invalid-tag": "A tag breaks Backstage's tag rule.",
        "entity.invalid-label": "A label key or value breaks Backstage's rules.",
        "entity.invalid-annotation": "An annotation key or value breaks Backstage's rules.",
        "entity.invalid-link": "A link is missing a URL, is not absolute, or uses a refused scheme.",
        "entity.reserved-key": "A reserved key appears inside spec, labels or annotations.",
        "entity.missing-field": "A field the kind requires is missing.",
        "entity.invalid-field": "A spec field has the wrong type.",
        "entity.unexpected-field": "A field that does not belong to the kind.",
        "entity.duplicate": "Two entities share kind, namespace and name.",
        "placeholder.remote": "A $text/$json/$yaml placeholder points at a URL, which is not fetched.",
        "placeholder.unresolved": "A placeholder's file is missing or does not parse.",
        "placeholder.outside-repository": "A placeholder's path leaves its repository.",
        "location.not-found": "A Location target matches no file.",
        "location.outside-repository": "A Location target leaves its repository.",
        "location.remote": "A Location target is a URL, which is not fetched.",
        "location.cycle": "Locations target each other in a cycle.",
        "location.invalid-target": "A Location target is malformed.",
        "ref.invalid": "An entity reference does not parse.",
        "ref.unresolved": "A reference names an entity that is not in the catalog.",
        "ref.unexpected-kind": "A reference names a kind the field does not take.",
        "overlay.unreadable": "An overlay file (a published catalog) is missing, unreadable or too large.",
        "overlay.invalid": "An overlay file is not a JSON array of entities or {\"items\": [...]}, or an item has no kind or name.",
        "overlay.breaks-reference": "A published entity refers to one that the change being previewed removes.",
        "output.refused": "The output folder is unsafe to replace.",
        "config.invalid": "portal.yaml does not parse or a key has the wrong type.",
        "config.unknown-key": "portal.yaml has a key portal-build does not know.",
        "theme.unreadable": "A theme folder or file cannot be read.",
        "theme.template": "A theme template does not parse; the default theme's is used.",
        "api.definition": "An API definition does not parse; it is shown as source.",
        "page.unsafe-url": "A link uses a scheme that is never emitted (javascript:, data:, …); it is shown as text.",
        "docs.invalid-ref": "backstage.io/techdocs-ref or techdocs-entity is malformed, or in a form Backstage does not always accept.",
        "docs.remote-ref": "TechDocs live in another repository, which is not fetched.",
        "docs.outside-repository": "A TechDocs folder, docs_dir or link leaves its repository.",
        "docs.not-found": "The TechDocs folder, its docs_dir or its pages do not exist.",
        "docs.config": "mkdocs.yml does not parse, or a setting has the wrong type.",
        "docs.ignored-setting": "An mkdocs.yml setting that runs code or changes the theme is never read.",
        "docs.nav-missing": "A nav or .pages entry names a page that is not in docs_dir.",
        "docs.not-in-nav": "Pages exist in docs_dir but the explicit nav leaves them out.",
        "docs.missing-index": "docs_dir has no index.md or README.md, so the site has no home page.",
        "docs.duplicate-url": "Two pages map to the same URL; the first is kept.",
        "docs.too-many-files": "A TechDocs folder holds more files than the limit; the rest are left out.",
        "docs.shared-missing": "backstage.io/techdocs-entity names an entity that has no TechDocs site.",
        "docs.broken-link": "A link in a docs page points at no page, file, entity or docs the portal publishes.",
        "docs.missing-anchor": "A link's #fragment names no heading on the target page.",
        "docs.missing-image": "An image in a docs page points at a file that is not there.",
        "docs.front-matter": "A page's YAML front matter does not parse or has fields of the wrong type.",
        "annotation.invalid-value": "An annotation's value does not fit the URL of the card portal.yaml maps it to; the card shows without a link.",
        "docs.table-too-large": "A page's tables have more cells or columns than the limit; they are shown as text, since cmark-gfm's tables grow quadratically.",
        "plugin.not-found": "A plugin's command is not an executable file in the config's folder or on PATH.",
        "plugin.failed": "A plugin exited with an error or was killed; its contributions are left out.",
        "plugin.timeout": "A plugin ran past its time limit and was stopped; its contributions are left out.",
        "plugin.invalid-output": "A plugin's output is not valid plugin-v1 JSON, too large, or has an item that is left out.",
        "docs.unsupported": "A Markdown construct that would read other files (snippet includes) is shown as written.",
    ]
}
