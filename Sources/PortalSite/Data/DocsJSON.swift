import PortalKit

/// `docs.json`: every TechDocs site with its pages and each page's problems (broken links,
/// missing anchors and images, front matter), for `diff` and other tools.
///
/// `{"sites": [{"entity", "url", "pages": [{"path", "url", "title", "source", "problems":
/// [{"severity", "id", "line", "column", "message"}]}]}]}`: sites in the catalog's order, pages
/// in their site's order, `path` relative to the docs folder, `url` relative to the site root.
/// A page that could not be read has no title and its problem says why.
enum DocsJSON {
    static func render(docs: DocsCatalog, conversion: DocsConversion, resolver: DocsLinkResolver) -> [UInt8] {
        JSONWriter().write(value(docs: docs, conversion: conversion, resolver: resolver))
    }

    static func value(docs: DocsCatalog, conversion: DocsConversion, resolver: DocsLinkResolver) -> JSONValue {
        // A missing anchor is reported at the link, on the page that holds it.
        var anchorProblems: [String: [Diagnostic]] = [:]
        for diagnostic in conversion.anchorDiagnostics { anchorProblems[diagnostic.location.file, default: []].append(diagnostic) }
        let sites = docs.sites.enumerated().map { position, site -> JSONValue in
            let pages = site.pages.enumerated().map { index, page -> JSONValue in
                let problems = (conversion.pageDiagnostics[position][index] + (anchorProblems[page.displayPath] ?? []))
                    .sorted(by: Diagnostic.ordered)
                var fields: [(String, JSONValue)] = [
                    ("path", .string(page.relativePath)),
                    ("url", .string(resolver.pageFolder(DocsPageID(site: position, page: index)))),
                ]
                if let title = conversion.pages[position][index]?.title { fields.append(("title", .string(title))) }
                fields.append(("source", .string(page.displayPath)))
                fields.append(("problems", .array(problems.map(problem))))
                return .object(fields)
            }
            return .object([
                ("entity", .string(site.entity.description)),
                ("url", .string(resolver.siteFolders[position])),
                ("pages", .array(pages)),
            ])
        }
        return .object([("sites", .array(sites))])
    }

    private static func problem(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("id", .string(diagnostic.id.rawValue)),
            ("line", .int(diagnostic.location.line)),
            ("column", .int(diagnostic.location.column)),
            ("message", .string(diagnostic.message)),
        ])
    }
}
