@testable import PortalAPIReference
import Testing

@Suite("Protocol buffers parser")
struct ProtoParserTests {
    @Test("proto2 labels, groups, extensions, reserved ranges and aggregate options")
    func proto2() {
        let (file, problems) = ProtoParser.parse("""
            syntax = "proto2";
            package a.b;
            option (my.opt) = { name: "x" nested { y: 1 } };
            message M {
              required int32 id = 1 [default = 5];
              optional group Result = 2 {
                repeated string url = 3;
              }
              extensions 100 to max;
              reserved 4, 15 to 20;
              reserved "old";
              extend Other { optional int32 ext = 101; }
            }
            extend M { optional string note = 200; }
            """)
        #expect(problems.isEmpty)
        #expect(file.syntax == "proto2")
        #expect(file.options.map(\.name) == ["(my.opt)"])
        #expect(file.options.first?.value == "{ name: \"x\" nested { y: 1 } }")
        #expect(file.messages.map(\.name) == ["M", "M.Result"])
        #expect(file.messages[0].fields.map { "\($0.label ?? "-") \($0.type) \($0.name) \($0.number)" }
            == ["required int32 id 1", "optional Result Result 2"])
        #expect(file.messages[1].fields.map(\.name) == ["url"])
    }

    @Test("comments directly above a definition, or after a field on its line, describe it; detached ones do not")
    func comments() {
        let (file, _) = ProtoParser.parse("""
            // License header.

            // The message.
            /* More about it. */
            message M {
              int32 a = 1; // Trailing.
              // Leading.
              int32 b = 2;

              /**
               * Block
               * comment.
               */
              int32 c = 3;
            }
            """)
        #expect(file.messages.first?.description == "The message.\nMore about it.")
        #expect(file.messages.first?.fields.map { $0.description ?? "-" } == ["Trailing.", "Leading.", "Block\ncomment."])
    }

    @Test("services: streams, options blocks, and methods named like keywords")
    func services() {
        let (file, problems) = ProtoParser.parse("""
            service S {
              option deprecated = true;
              rpc Get (.pkg.Req) returns (stream Res) { option idempotency_level = NO_SIDE_EFFECTS; }
              rpc stream (stream) returns (Res);
            }
            """)
        #expect(problems.isEmpty)
        #expect(file.services.first?.rpcs.map { "\($0.name) \($0.isRequestStreamed) \($0.request) \($0.isResponseStreamed) \($0.response)" }
            == ["Get false .pkg.Req true Res", "stream false stream false Res"])
    }

    @Test("editions, imports, enums with negative values and options")
    func enumsAndEditions() {
        let (file, problems) = ProtoParser.parse("""
            edition = "2023";
            import public "other.proto";
            import weak "weak.proto";
            enum E { option allow_alias = true; A = 0; B = -1 [deprecated = true]; reserved 2; }
            """)
        #expect(problems.isEmpty)
        #expect(file.syntax == "edition 2023")
        #expect(file.imports == ["other.proto", "weak.proto"])
        #expect(file.enums.first?.values.map { "\($0.name)=\($0.number)" } == ["A=0", "B=-1"])
    }

    @Test("an error skips to the next top-level definition in the same column")
    func recovery() {
        let (file, problems) = ProtoParser.parse("message A {\n  int32 = 1;\n}\nmessage B { int32 x = 1; }\n")
        #expect(problems == [APIReferenceProblem(line: 2, column: 9, message: "expected a field name, found '='")])
        #expect(file.messages.map(\.name) == ["A", "B"])
    }

    @Test("unterminated comments and strings are problems at their start")
    func lexerProblems() {
        let (_, problems) = ProtoParser.parse("syntax = \"proto3;\nmessage A {}\n/* open")
        #expect(problems.contains(APIReferenceProblem(line: 1, column: 10, message: "unterminated string")))
        #expect(problems.contains(APIReferenceProblem(line: 3, column: 1, message: "unterminated comment")))
    }

    @Test("field types link by protoc's scoping: innermost first, package prefix optional")
    func typeLinks() {
        let html = renderer.render(definition: """
            package p;
            message Outer {
              message Inner {}
              Inner a = 1;
              p.Outer.Inner b = 2;
              .p.Top c = 3;
              Missing d = 4;
            }
            message Top { Outer.Inner e = 1; }
            """, type: "grpc").html
        #expect(html.contains("<a href=\"#api-message-outer-inner\">Inner</a>"))
        #expect(html.contains("<a href=\"#api-message-outer-inner\">p.Outer.Inner</a>"))
        #expect(html.contains("<a href=\"#api-message-top\">.p.Top</a>"))
        #expect(html.contains("<code class=\"api-type-ref\">Missing</code>"))
        #expect(html.contains("<a href=\"#api-message-outer-inner\">Outer.Inner</a>"))
    }
}
