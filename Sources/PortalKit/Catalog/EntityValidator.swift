import PortalYAML

/// The identity fields of a document that passed the envelope checks.
struct EntityIdentity: Sendable {
    var apiVersion: String
    var kind: String
    var name: String
    var namespace: String
}

/// Validates one entity document exactly as Backstage's catalog model does, reporting each
/// problem at the position of the offending node.
///
/// Problems with identity (apiVersion, kind, name, namespace, the envelope's shape) make the
/// document unusable and return nil; every other problem is reported and the entity kept.
struct EntityValidator {
    /// The descriptor's path as the user sees it.
    let file: String

    private static let rootKeys: Set<String> = ["apiVersion", "kind", "metadata", "spec", "relations", "status"]
    private static let reservedKeys: Set<String> = [
        "apiVersion", "kind", "uid", "etag", "generation", "name", "namespace", "labels", "annotations", "spec",
    ]
    private static let refusedLinkSchemes: Set<String> = ["javascript", "data", "vbscript", "file"]

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    func validate(_ root: YAMLNode, into diagnostics: inout Diagnostics) -> EntityIdentity? {
        guard let pairs = root.pairs else { return nil }
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                diagnostics.add(.error, .invalidEnvelope, at: location(pair.key), "entity keys must be strings")
                continue
            }
            if !Self.rootKeys.contains(key) {
                diagnostics.add(.error, .invalidEnvelope, at: location(pair.key),
                                "unknown root key '\(key)'; an entity has only apiVersion, kind, metadata and spec")
            } else if key == "relations" {
                diagnostics.add(.warning, .invalidEnvelope, at: location(pair.key),
                                "'relations' is computed by the catalog; the value written here is ignored")
            }
        }
        guard let identity = validateIdentity(root, into: &diagnostics) else { return nil }
        if let metadata = root["metadata"] { validateMetadata(metadata, into: &diagnostics) }
        validateSpec(root, kind: identity.kind, into: &diagnostics)
        return identity
    }

    // MARK: - Envelope

    private func validateIdentity(_ root: YAMLNode, into diagnostics: inout Diagnostics) -> EntityIdentity? {
        var usable = true
        let apiVersion = requiredString(root, "apiVersion", path: "apiVersion", into: &diagnostics)
        if let apiVersion, !NameRules.isValidAPIVersion(apiVersion) {
            diagnostics.add(.error, .invalidApiVersion, at: location(root["apiVersion"]!),
                            "apiVersion '\(apiVersion)' is not valid; expected [prefix/]version such as backstage.io/v1alpha1")
        }
        let kind = requiredString(root, "kind", path: "kind", into: &diagnostics)
        if let kind {
            let kindNode = root["kind"]!
            if !NameRules.isValidKind(kind) {
                diagnostics.add(.error, .invalidKind, at: location(kindNode),
                                "kind '\(kind)' is not valid; expected letters and digits starting with a letter, at most 63")
                usable = false
            } else if KindSchema.known[kind] == nil, let schema = KindSchema.miscapitalised(kind) {
                diagnostics.add(.error, .invalidKind, at: location(kindNode),
                                "kind '\(kind)' is case-sensitive; did you mean '\(schema.kind)'?")
            } else if KindSchema.known[kind] == nil {
                diagnostics.add(.warning, .unknownKind, at: location(kindNode),
                                "kind '\(kind)' is not part of Backstage's catalog model; the entity is kept and shown generically")
            } else if let apiVersion, let schema = KindSchema.known[kind], !schema.apiVersions.contains(apiVersion),
                      NameRules.isValidAPIVersion(apiVersion) {
                let accepted = schema.apiVersions.joined(separator: " or ")
                diagnostics.add(.error, .invalidApiVersion, at: location(root["apiVersion"]!),
                                "apiVersion '\(apiVersion)' is not accepted for kind \(kind); use \(accepted)")
            }
        }
        guard let metadata = root["metadata"] else {
            diagnostics.add(.error, .missingField, at: location(root), "'metadata' is required")
            return nil
        }
        guard metadata.pairs != nil else {
            diagnostics.add(.error, .invalidMetadata, at: location(metadata),
                            "metadata must be an object, got \(metadata.typeDescription)")
            return nil
        }
        let name = requiredString(metadata, "name", path: "metadata.name", into: &diagnostics, parentNode: root["metadata"])
        if let name, !NameRules.isValidName(name) {
            diagnostics.add(.error, .invalidName, at: location(metadata["name"]!), Self.nameProblem("metadata.name", name))
            usable = false
        }
        var namespace = "default"
        if let namespaceNode = metadata["namespace"] {
            if let value = namespaceNode.stringValue {
                if NameRules.isValidDNSLabel(value) {
                    namespace = value
                } else if NameRules.isValidDNSLabel(value.lowercased()) {
                    diagnostics.add(.warning, .invalidNamespace, at: location(namespaceNode),
                                    "metadata.namespace '\(value)' should be lowercase; read as '\(value.lowercased())'")
                    namespace = value.lowercased()
                } else {
                    diagnostics.add(.error, .invalidNamespace, at: location(namespaceNode),
                                    "metadata.namespace '\(value)' is not valid; expected lowercase letters, digits and single dashes, at most 63")
                    usable = false
                }
            } else {
                diagnostics.add(.error, .invalidNamespace, at: location(namespaceNode),
                                "metadata.namespace must be a string, got \(namespaceNode.typeDescription)")
                usable = false
            }
        }
        guard usable, let apiVersion, let kind, let name else { return nil }
        return EntityIdentity(apiVersion: apiVersion, kind: kind, name: name, namespace: namespace)
    }

    private func requiredString(_ parent: YAMLNode, _ key: String, path: String, into diagnostics: inout Diagnostics,
                                parentNode: YAMLNode? = nil) -> String? {
        guard let node = parent[key] else {
            diagnostics.add(.error, .missingField, at: location(parentNode ?? parent), "'\(path)' is required")
            return nil
        }
        guard let value = node.stringValue else {
            diagnostics.add(.error, path == "metadata.name" ? .invalidName : .invalidEnvelope, at: location(node),
                            "\(path) must be a string, got \(node.typeDescription)")
            return nil
        }
        return value
    }

    static func nameProblem(_ path: String, _ value: String) -> String {
        if value.utf8.count > 63 {
            return "\(path) '\(value)' is longer than 63 characters"
        }
        return "\(path) '\(value)' is not valid; use letters, digits and - _ . between them, starting and ending with a letter or digit"
    }

    // MARK: - Metadata

    private func validateMetadata(_ metadata: YAMLNode, into diagnostics: inout Diagnostics) {
        for key in ["title", "description"] {
            if let node = metadata[key], node.stringValue == nil {
                diagnostics.add(.error, .invalidMetadata, at: location(node),
                                "metadata.\(key) must be a string, got \(node.typeDescription)")
            }
        }
        if let labels = metadata["labels"] { validateLabels(labels, into: &diagnostics) }
        if let annotations = metadata["annotations"] { validateAnnotations(annotations, into: &diagnostics) }
        if let tags = metadata["tags"] { validateTags(tags, into: &diagnostics) }
        if let links = metadata["links"] { validateLinks(links, into: &diagnostics) }
    }

    private func validateLabels(_ labels: YAMLNode, into diagnostics: inout Diagnostics) {
        guard let pairs = labels.pairs else {
            diagnostics.add(.error, .invalidLabel, at: location(labels),
                            "metadata.labels must be an object of strings, got \(labels.typeDescription)")
            return
        }
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            if Self.reservedKeys.contains(key) {
                diagnostics.add(.error, .reservedKey, at: location(pair.key), "'\(key)' is a reserved key and may not be a label")
            } else if !NameRules.isValidKey(key) {
                diagnostics.add(.error, .invalidLabel, at: location(pair.key),
                                "label key '\(key)' is not valid; expected [prefix/]name with a DNS prefix and a valid name")
            }
            guard let value = pair.value.stringValue else {
                diagnostics.add(.error, .invalidLabel, at: location(pair.value),
                                "label '\(key)' must be a string, got \(pair.value.typeDescription)")
                continue
            }
            if !NameRules.isValidLabelValue(value) {
                diagnostics.add(.error, .invalidLabel, at: location(pair.value),
                                "label value '\(value)' is not valid; use letters, digits and - _ . between them, at most 63")
            }
        }
    }

    private func validateAnnotations(_ annotations: YAMLNode, into diagnostics: inout Diagnostics) {
        guard let pairs = annotations.pairs else {
            diagnostics.add(.error, .invalidAnnotation, at: location(annotations),
                            "metadata.annotations must be an object of strings, got \(annotations.typeDescription)")
            return
        }
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            if Self.reservedKeys.contains(key) {
                diagnostics.add(.error, .reservedKey, at: location(pair.key), "'\(key)' is a reserved key and may not be an annotation")
            } else if !NameRules.isValidKey(key) {
                diagnostics.add(.error, .invalidAnnotation, at: location(pair.key),
                                "annotation key '\(key)' is not valid; expected [prefix/]name with a DNS prefix and a valid name")
            }
            if pair.value.stringValue == nil, !pair.value.isPlaceholder {
                diagnostics.add(.error, .invalidAnnotation, at: location(pair.value),
                                "annotation '\(key)' must be a string, got \(pair.value.typeDescription)")
            }
        }
    }

    private func validateTags(_ tags: YAMLNode, into diagnostics: inout Diagnostics) {
        guard let items = tags.items else {
            diagnostics.add(.error, .invalidTag, at: location(tags), "metadata.tags must be a list of strings, got \(tags.typeDescription)")
            return
        }
        for item in items {
            guard let tag = item.stringValue else {
                diagnostics.add(.error, .invalidTag, at: location(item), "a tag must be a string, got \(item.typeDescription)")
                continue
            }
            if !NameRules.isValidTag(tag) {
                let hint = NameRules.isValidTag(tag.lowercased()) ? "; tags are lowercase: '\(tag.lowercased())'" : ""
                diagnostics.add(.error, .invalidTag, at: location(item),
                                "tag '\(tag)' is not valid; use lowercase letters, digits, : + # and single dashes, at most 63\(hint)")
            }
        }
    }

    private func validateLinks(_ links: YAMLNode, into diagnostics: inout Diagnostics) {
        guard let items = links.items else {
            diagnostics.add(.error, .invalidLink, at: location(links), "metadata.links must be a list of objects, got \(links.typeDescription)")
            return
        }
        for item in items {
            guard item.pairs != nil else {
                diagnostics.add(.error, .invalidLink, at: location(item), "a link must be an object with a url, got \(item.typeDescription)")
                continue
            }
            if let urlNode = item["url"] {
                if let url = urlNode.stringValue {
                    if let problem = Self.linkURLProblem(url) {
                        diagnostics.add(.error, .invalidLink, at: location(urlNode), problem)
                    }
                } else {
                    diagnostics.add(.error, .invalidLink, at: location(urlNode), "link url must be a string, got \(urlNode.typeDescription)")
                }
            } else {
                diagnostics.add(.error, .invalidLink, at: location(item), "a link needs a 'url'")
            }
            if let title = item["title"] {
                if let text = title.stringValue {
                    if text.trimmingWhitespace.isEmpty {
                        diagnostics.add(.error, .invalidLink, at: location(title), "link title must not be blank")
                    }
                } else {
                    diagnostics.add(.error, .invalidLink, at: location(title), "link title must be a string, got \(title.typeDescription)")
                }
            }
            if let icon = item["icon"] {
                if let text = icon.stringValue {
                    if !NameRules.isValidName(text) {
                        diagnostics.add(.error, .invalidLink, at: location(icon),
                                        "link icon '\(text)' is not valid; use a short key such as 'dashboard' or 'docs'")
                    }
                } else {
                    diagnostics.add(.error, .invalidLink, at: location(icon), "link icon must be a string, got \(icon.typeDescription)")
                }
            }
            if let type = item["type"], type.stringValue == nil {
                diagnostics.add(.error, .invalidLink, at: location(type), "link type must be a string, got \(type.typeDescription)")
            }
        }
    }

    /// Why a link URL is unacceptable: not absolute as WHATWG URL parsing requires, or a scheme that could run script.
    static func linkURLProblem(_ url: String) -> String? {
        let trimmed = url.trimmingWhitespace
        guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else {
            return "link url '\(url)' is not an absolute URL (it needs a scheme such as https:)"
        }
        let scheme = trimmed[..<colon]
        let validScheme = scheme.utf8.first.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } ?? false
            && scheme.utf8.allSatisfy { byte in
                let lower = byte | 0x20
                return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
        guard validScheme else { return "link url '\(url)' is not an absolute URL (it needs a scheme such as https:)" }
        if refusedLinkSchemes.contains(scheme.lowercased()) {
            return "link url scheme '\(scheme):' is refused; links must not run script or read local files"
        }
        let rest = trimmed[trimmed.index(after: colon)...]
        let special = ["http", "https", "ws", "wss", "ftp"].contains(scheme.lowercased())
        if special {
            let host = rest.drop { $0 == "/" }.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if host.isEmpty || host.contains(" ") { return "link url '\(url)' has no valid host" }
        }
        if trimmed.contains(" ") && special { return "link url '\(url)' contains spaces" }
        return nil
    }

    // MARK: - Spec

    private func validateSpec(_ root: YAMLNode, kind: String, into diagnostics: inout Diagnostics) {
        let spec = root["spec"]
        if let spec, spec.pairs == nil, !spec.isNull {
            diagnostics.add(.error, .invalidField, at: location(spec), "spec must be an object, got \(spec.typeDescription)")
            return
        }
        if let pairs = spec?.pairs {
            for pair in pairs {
                if let key = pair.key.scalarText, Self.reservedKeys.contains(key) {
                    diagnostics.add(.error, .reservedKey, at: location(pair.key), "'\(key)' is a reserved key and may not appear in spec")
                }
            }
        }
        guard let schema = KindSchema.known[kind] else { return }
        guard let spec, spec.pairs != nil else {
            if schema.kind == "Location" { return }
            diagnostics.add(.error, .missingField, at: location(spec ?? root["kind"] ?? root),
                            "'spec' is required for kind \(kind)")
            return
        }
        for field in schema.fields {
            guard let node = spec[field.name] else {
                if field.required {
                    diagnostics.add(.error, .missingField, at: location(root.pair("spec")!.key),
                                    "spec.\(field.name) is required for kind \(kind)")
                } else if kind == "User", field.name == "memberOf" {
                    diagnostics.add(.warning, .missingField, at: location(root.pair("spec")!.key),
                                    "spec.memberOf is required for kind User; read as an empty list")
                }
                continue
            }
            if let problem = typeProblem(node, field.type) {
                diagnostics.add(.error, .invalidField, at: location(node), "spec.\(field.name) must be \(problem), got \(node.typeDescription)")
            }
        }
        if schema.reportsUnknownFields {
            let known = Set(schema.fields.map(\.name))
            for pair in spec.pairs ?? [] {
                guard let key = pair.key.scalarText, !known.contains(key), !Self.reservedKeys.contains(key) else { continue }
                diagnostics.add(.info, .unexpectedField, at: location(pair.key),
                                "spec.\(key) is not a field of kind \(kind); Backstage keeps it but nothing reads it")
            }
        }
        if kind == "Location" { validateLocationSpec(spec, into: &diagnostics) }
        if kind == "User" || kind == "Group", let profile = spec["profile"], profile.pairs != nil {
            validateProfile(profile, into: &diagnostics)
        }
        if kind == "Template", let steps = spec["steps"]?.items {
            for step in steps {
                guard step.pairs != nil else {
                    diagnostics.add(.error, .invalidField, at: location(step), "each step must be an object, got \(step.typeDescription)")
                    continue
                }
                if step["action"]?.stringValue == nil {
                    diagnostics.add(.error, .missingField, at: location(step), "each step needs a string 'action'")
                }
            }
        }
    }

    /// A User's or Group's `spec.profile`: Backstage's schemas make `displayName`, `email` and
    /// `picture` optional, each a string of at least one character; other keys are free.
    private func validateProfile(_ profile: YAMLNode, into diagnostics: inout Diagnostics) {
        for key in ["displayName", "email", "picture"] {
            guard let node = profile[key], !node.isPlaceholder else { continue }
            if let text = node.stringValue {
                if text.isEmpty { diagnostics.add(.error, .invalidField, at: location(node), "spec.profile.\(key) must not be empty") }
            } else {
                diagnostics.add(.error, .invalidField, at: location(node), "spec.profile.\(key) must be a string, got \(node.typeDescription)")
            }
        }
    }

    private func validateLocationSpec(_ spec: YAMLNode, into diagnostics: inout Diagnostics) {
        if let presence = spec["presence"], let value = presence.stringValue, value != "required", value != "optional" {
            diagnostics.add(.error, .invalidField, at: location(presence),
                            "spec.presence must be 'required' or 'optional', got '\(value)'")
        }
    }

    /// What `node` should have been, or nil when it has the right type.
    private func typeProblem(_ node: YAMLNode, _ type: FieldType) -> String? {
        if node.isPlaceholder { return nil }
        switch type {
        case .string, .ref:
            return node.stringValue == nil ? "a string" : nil
        case .stringArray, .refArray:
            guard let items = node.items else { return "a list of strings" }
            return items.allSatisfy { $0.stringValue != nil } ? nil : "a list of strings"
        case .object:
            return node.pairs == nil ? "an object" : nil
        case .array:
            return node.items == nil ? "a list" : nil
        case .objectOrArray:
            return node.pairs == nil && node.items == nil ? "an object or a list" : nil
        }
    }
}
