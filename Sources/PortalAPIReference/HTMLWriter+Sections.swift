/// Sections that several formats share: overview, servers, component lists, notes and the source.
extension HTMLWriter {
    /// The overview: title, version, format, description and details.
    mutating func overview(_ info: APIInfo, format: String) {
        section(class: "api-info", id: anchors.make("overview", ""), label: info.title ?? "Overview", level: 1) { out in
            out.raw("<p class=\"api-info__version\">")
            if let version = info.version {
                out.raw("Version ")
                out.element("code", version)
                out.raw(" · ")
            }
            out.text(format)
            out.raw("</p>\n")
            out.markdown(info.description)
            guard !info.details.isEmpty else { return }
            out.raw("<dl class=\"api-info__details\">\n")
            for (label, text) in info.details {
                out.element("dt", label)
                out.element("dd", text)
                out.raw("\n")
            }
            out.raw("</dl>\n")
        }
    }

    /// The servers an API is reached at, with their variables.
    mutating func servers(_ servers: [APIServer]) {
        guard !servers.isEmpty else { return }
        section(class: "api-servers", id: anchors.make("servers", ""), label: "Servers", level: 1) { out in
            out.raw("<ul class=\"api-servers__list\">\n")
            for server in servers {
                out.raw("<li class=\"api-server\">")
                if let name = server.name {
                    out.element("span", class: "api-server__name", name)
                    out.raw(" ")
                }
                out.element("code", class: "api-server__url", server.url)
                if let protocolName = server.protocolName {
                    out.raw(" ")
                    out.element("span", class: "api-server__protocol", protocolName)
                }
                out.raw("\n")
                out.markdown(server.description)
                out.serverVariables(server.variables)
                out.raw("</li>\n")
            }
            out.raw("</ul>\n")
        }
    }

    private mutating func serverVariables(_ variables: [APIServer.Variable]) {
        guard !variables.isEmpty else { return }
        raw("<ul class=\"api-server__variables\">\n")
        for variable in variables {
            raw("<li class=\"api-server__variable\">")
            element("code", "{\(variable.name)}")
            if let defaultValue = variable.defaultValue {
                raw(" default: ")
                element("code", defaultValue)
            }
            if !variable.values.isEmpty {
                raw(" <span class=\"api-schema__enum\">one of: ")
                for (index, value) in variable.values.enumerated() {
                    if index > 0 { raw(", ") }
                    element("code", class: "api-enum-value", value)
                }
                raw("</span>")
            }
            raw("\n")
            markdown(variable.description)
            raw("</li>\n")
        }
        raw("</ul>\n")
    }

    /// A section (`h2`) of named components (`h3` each, anchored at `id(component)`), at most `limit`.
    mutating func components(_ components: [NamedComponent], title: String, kind: String, limit: Int,
                             id: (NamedComponent) -> String?, _ body: (inout HTMLWriter, NamedComponent) -> Void) {
        guard !components.isEmpty else { return }
        section(class: "api-\(kind)s", id: anchors.make(kind + "s", ""), label: title, level: 1) { out in
            for component in components.prefix(limit) {
                guard let componentID = id(component) else { continue }
                out.section(class: "api-\(kind)-definition", id: componentID, label: component.name, level: 2) { out in
                    body(&out, component)
                }
            }
            out.omitted(components.count - limit, "more \(title.lowercased()) are not shown")
        }
    }

    /// `<table class="…">` with a header row (`<th scope="col">` per column) and the opening `<tbody>`.
    mutating func tableStart(class className: String, columns: [String]) {
        open("table", class: className)
        raw("\n<thead><tr>")
        for column in columns {
            raw("<th scope=\"col\">")
            text(column)
            raw("</th>")
        }
        raw("</tr></thead>\n<tbody>\n")
    }

    /// Opens a row whose header cell (`<th scope="row">`) holds `name` in code.
    mutating func rowHeader(_ name: String, class className: String) {
        raw("<tr><th scope=\"row\">")
        element("code", class: className, name)
        raw("</th>")
    }

    mutating func tableEnd() {
        raw("</tbody>\n</table>\n")
    }

    /// A note that `count` items were left out, when there are any.
    mutating func omitted(_ count: Int, _ what: String) {
        guard count > 0 else { return }
        paragraph(class: "api-note", "\(count) \(what).")
    }

    /// The definition's source, highlighted, in a closed `<details>` block.
    mutating func sourceDetails(_ definition: String, language: SourceLanguage, limit: Int) {
        raw("<details class=\"api-source-details\">\n<summary>Definition source</summary>\n")
        if definition.utf8.count > limit {
            paragraph(class: "api-note", "The definition is too large to show here.")
        } else {
            source(definition, language: language)
        }
        raw("</details>\n")
    }

    /// `<pre class="api-source"><code class="language-…">` with the highlighted source.
    mutating func source(_ definition: String, language: SourceLanguage) {
        open("pre", class: "api-source")
        open("code", class: "language-" + language.rawValue)
        highlighted(definition, language: language.highlighterName)
        raw("</code></pre>\n")
    }

    /// The problems found so far as a list, after `intro`.
    mutating func problemList(intro: String) {
        guard !problems.isEmpty else { return }
        raw("<div class=\"api-problems\" role=\"note\">\n")
        paragraph(intro)
        raw("<ul>\n")
        for problem in problems {
            element("li", class: "api-problem", "line \(problem.line), column \(problem.column): \(problem.message)")
            raw("\n")
        }
        raw("</ul>\n</div>\n")
    }
}
