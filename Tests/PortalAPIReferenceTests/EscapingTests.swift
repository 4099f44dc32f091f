import PortalAPIReference
import Testing

/// Every string from a definition is escaped, links come only from Markdown (made safe by
/// MarkdownRenderer) or point at anchors, and ids are sanitised.
@Suite("Escaping and safe links")
struct EscapingTests {
    static let hostileOpenAPI = """
        openapi: 3.0.0
        info:
          title: <script>alert('title')</script>
          version: "1\\"><img src=x onerror=alert(1)>"
          description: |
            Hello <script>alert('md')</script> [click](javascript:alert(1)) and [data](data:text/html,<b>x</b>)
            <img src=x onerror=alert(2)>
        servers:
          - url: javascript:alert(3)
        tags:
          - name: <b>tag</b>
        paths:
          /pets/<script>:
            get:
              tags: [<b>tag</b>]
              operationId: '"><svg onload=alert(4)>'
              summary: <i>summary</i>
              parameters:
                - name: <x>
                  in: query
                  schema:
                    type: string
                    enum: ['<script>e</script>', "a&b"]
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/<script>alert(5)'}
              responses: {}
        components:
          schemas:
            <script>alert(5):
              type: object
              description: '[x](vbscript:msgbox(1))'
              properties:
                <onmouseover>:
                  type: string
                  default: '"><script>'
        """

    @Test("no markup from an OpenAPI definition survives: script, img, svg, i and b tags are text")
    func openAPIMarkupIsText() {
        let html = renderer.render(definition: Self.hostileOpenAPI, type: "openapi").html
        for tag in ["<script", "<img", "<svg", "<i>", "<b>", "<x>", "<onmouseover"] {
            #expect(!html.lowercased().contains(tag), "\(tag) leaked")
        }
        #expect(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
        #expect(html.contains("<code class=\"api-enum-value\">&lt;script&gt;e&lt;/script&gt;</code>"))
        #expect(html.contains("<code class=\"api-enum-value\">a&amp;b</code>"))
        #expect(html.contains("<code class=\"api-server__url\">javascript:alert(3)</code>"))
    }

    @Test("links are anchors of the reference or http(s)/mailto links from Markdown; unsafe links lose their href")
    func onlySafeLinks() {
        let html = renderer.render(definition: Self.hostileOpenAPI, type: "openapi").html
        let links = hrefs(in: html)
        #expect(!links.isEmpty)
        for link in links {
            #expect(link.hasPrefix("#api-") || link.hasPrefix("https:") || link.hasPrefix("http:") || link.hasPrefix("mailto:"),
                    "unsafe or empty href \(link)")
        }
        // A removed link keeps its text and no href: an empty one would link to this page.
        #expect(html.contains("<a>click</a>") && html.contains("<a>data</a>"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("href=\"data"))
        #expect(!html.contains("href=\"vbscript"))
        // The schema named `<script>alert(5)` is linked by a sanitised anchor.
        #expect(links.contains("#api-schema-script-alert-5"))
    }

    @Test("every id is prefixed api-, made of [a-z0-9-_] only, and unique")
    func sanitisedUniqueIDs() {
        for (definition, type) in [(Self.hostileOpenAPI, "openapi"), (Self.hostileGraphQL, "graphql"), (Self.hostileProto, "grpc")] {
            let reference = renderer.render(definition: definition, type: type)
            let found = ids(in: reference.html)
            #expect(!found.isEmpty)
            #expect(Set(found).count == found.count, "duplicate ids in \(type)")
            for id in found {
                #expect(id.hasPrefix("api-"))
                #expect(id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }, "\(id)")
            }
            #expect(reference.outline.map(\.id) == found.filter { !$0.hasPrefix("api-rpc-") })
        }
    }

    static let hostileGraphQL = """
        "<script>alert(1)</script> [x](javascript:alert(2))"
        type Query {
          "Field <img src=x onerror=alert(3)>"
          field(arg: String = "<b>\\"</b>"): String @deprecated(reason: "<script>")
        }
        enum Kind { A B }
        enum kind { C }
        """

    @Test("GraphQL descriptions, defaults and deprecation reasons are escaped")
    func graphQL() {
        let html = renderer.render(definition: Self.hostileGraphQL, type: "graphql").html
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img"))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("Deprecated: &lt;script&gt;"))
        #expect(html.contains("<code class=\"api-field__default\">&quot;&lt;b&gt;\\&quot;&lt;/b&gt;&quot;</code>"))
    }

    static let hostileProto = """
        syntax = "proto3";
        // <script>alert(1)</script>
        service S { rpc M (A) returns (A); }
        message A { string x = 1; } // <img src=x>
        """

    @Test("protobuf comments and options are escaped")
    func protobuf() {
        let html = renderer.render(definition: Self.hostileProto, type: "grpc").html
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img"))
    }

    @Test("the highlighted source escapes markup in every language")
    func source() {
        for type in ["openapi", "graphql", "grpc", "trpc", "asyncapi"] {
            let html = renderer.render(definition: "x: \"<script>alert(1)</script>\" # <b>\n", type: type).html
            #expect(!html.contains("<script"), "\(type)")
            #expect(!html.contains("<b>"), "\(type)")
        }
    }
}

@Suite("Markdown in descriptions")
struct MarkdownDescriptionTests {
    @Test("headings in descriptions are demoted below the reference's h2 and h3 headings")
    func demotedHeadings() {
        let reference = renderer.render(definition: """
            openapi: 3.0.0
            info:
              title: T
              version: '1'
              description: |
                # Big
                ### Smaller
                `<h1>` stays text.
            """, type: "openapi")
        #expect(reference.html.contains("<h4>Big</h4>\n<h6>Smaller</h6>\n<p><code>&lt;h1&gt;</code> stays text.</p>"))
    }
}
