import PortalHighlight
import Testing

/// Expects each `(class, text)` span in the highlighted `code`, and none of `absent`.
private func expectSpans(_ code: String, _ language: String, _ spans: [(String, String)], absent: [(String, String)] = [],
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let html = CodeHighlighter.highlight(code, language: language)
    for (kind, text) in spans {
        #expect(html.contains(span(kind, text)), "\(language): expected \(kind) \(text) in \(html)", sourceLocation: sourceLocation)
    }
    for (kind, text) in absent {
        #expect(!html.contains(span(kind, text)), "\(language): unexpected \(kind) \(text) in \(html)", sourceLocation: sourceLocation)
    }
    #expect(unhighlighted(html) == code, sourceLocation: sourceLocation)
}

@Suite("Languages")
struct LanguageTests {
    @Test("Python: keywords, definitions, decorators, comments, prefixed and triple-quoted strings")
    func python() {
        expectSpans("@cache\ndef load(self, x=None):  # c\n    return f\"s{x}\" + r'\\d' + '''a\n\"b\"'''\nclass Pet(Base): pass\n", "python", [
            ("meta", "@cache"), ("keyword", "def"), ("function", "load"), ("keyword", "self"), ("keyword", "None"),
            ("comment", "# c"), ("string", "f\"s{x}\""), ("string", "r'\\d'"), ("string", "'''a\n\"b\"'''"),
            ("keyword", "class"), ("type", "Pet"), ("type", "Base"), ("keyword", "pass"),
        ])
        expectSpans("print(len(x), 0x1F, 1_000.5e-3)", "python", [("type", "print"), ("number", "0x1F"), ("number", "1_000.5e-3")])
    }

    @Test("Go: raw strings, runes, builtin types, functions")
    func go() {
        expectSpans("func (p *Pet) Name() string {\n\treturn `raw\n\"x\"` + string('c') // c\n}", "go", [
            ("keyword", "func"), ("function", "Name"), ("type", "string"), ("string", "`raw\n\"x\"`"), ("string", "'c'"),
            ("comment", "// c"), ("keyword", "return"),
        ])
    }

    @Test("Java: annotations, classes, text blocks, character literals")
    func java() {
        expectSpans("@Override\npublic class Foo extends Bar { String s = \"\"\"\n  text \"q\"\n  \"\"\"; char c = '\\''; long n = 10L; }", "java", [
            ("meta", "@Override"), ("keyword", "public"), ("keyword", "class"), ("type", "Foo"), ("type", "Bar"),
            ("string", "\"\"\"\n  text \"q\"\n  \"\"\""), ("string", "'\\''"), ("type", "long"), ("number", "10L"),
        ])
    }

    @Test("Kotlin: fun, val, raw strings, backtick names")
    func kotlin() {
        expectSpans("fun main() { val s = \"\"\"raw \\ $x\"\"\"; `odd name`(); println(\"a\") }", "kotlin", [
            ("keyword", "fun"), ("function", "main"), ("keyword", "val"), ("string", "\"\"\"raw \\ $x\"\"\""), ("string", "\"a\""),
        ], absent: [("string", "`odd name`")])
    }

    @Test("Swift: raw strings, attributes, directives, nested comments, closure arguments")
    func swift() {
        expectSpans("@MainActor\nstruct Pet { let s = #\"a \"q\" b\"#; func f() -> Int { $0 } /* a /* b */ c */ }\n#if DEBUG\n#endif", "swift", [
            ("meta", "@MainActor"), ("keyword", "struct"), ("type", "Pet"), ("keyword", "let"), ("string", "#\"a \"q\" b\"#"),
            ("keyword", "func"), ("function", "f"), ("type", "Int"), ("variable", "$0"), ("comment", "/* a /* b */ c */"),
            ("meta", "#if"), ("meta", "#endif"),
        ])
        // Interpolations hold expressions, strings included.
        expectSpans("let s = \"a \\(d[\"k\"] ?? \")\") b\"; let t = 1", "swift", [("string", "\"a \\(d[\"k\"] ?? \")\") b\""), ("number", "1")])
    }

    @Test("JavaScript: regular expressions versus division, template strings with nested templates")
    func javascript() {
        expectSpans("const re = /a\\/[/]b/gi; x = a / b / c;\nlet t = `x ${a + `y`} z`; function f() { return /x/.test(s); }", "javascript", [
            ("keyword", "const"), ("string", "/a\\/[/]b/gi"), ("string", "`x ${a + `y`} z`"), ("keyword", "function"),
            ("function", "f"), ("string", "/x/"),
        ], absent: [("string", "/ b /")])
    }

    @Test("TypeScript: interfaces, type aliases, builtin types")
    func typescript() {
        expectSpans("interface Pet { name: string }\ntype T = number | null;", "typescript", [
            ("keyword", "interface"), ("type", "Pet"), ("type", "string"), ("keyword", "type"), ("type", "T"), ("type", "number"),
            ("keyword", "null"),
        ])
    }

    @Test("C: preprocessor directives and include paths, types, character literals")
    func c() {
        expectSpans("#include <stdio.h>\n#define MAX 16\nint main(void) { char c = '\\n'; return printf(\"%d\", MAX); }", "c", [
            ("meta", "#include"), ("string", "<stdio.h>"), ("meta", "#define"), ("number", "16"), ("type", "int"),
            ("function", "main"), ("type", "char"), ("string", "'\\n'"), ("function", "printf"), ("string", "\"%d\""),
        ])
    }

    @Test("C++: raw strings with delimiters, prefixes, classes")
    func cpp() {
        expectSpans("auto s = R\"x(a \")\" b)x\"; auto t = u8\"u\"; class Foo : public Bar {};", "cpp", [
            ("keyword", "auto"), ("string", "R\"x(a \")\" b)x\""), ("string", "u8\"u\""), ("keyword", "class"), ("type", "Foo"),
        ])
    }

    @Test("C#: verbatim and interpolated strings, preprocessor regions")
    func csharp() {
        expectSpans("#region X\nvar p = @\"C:\\a\"\"b\"\"\"; var s = $\"{a} \\\"q\\\"\";\npublic class Foo { }\n#endregion", "csharp", [
            ("meta", "#region"), ("keyword", "var"), ("string", "@\"C:\\a\"\"b\"\"\""), ("string", "$\"{a} \\\"q\\\"\""),
            ("keyword", "class"), ("type", "Foo"), ("meta", "#endregion"),
        ])
    }

    @Test("Rust: lifetimes, characters, raw strings, macros, attributes, nested comments")
    func rust() {
        expectSpans("#[derive(Debug)]\nfn f<'a>(s: &'a str) { let c = 'x'; let r = r#\"a \"q\" b\"#; println!(\"{}\", b'\\n'); /* a /* b */ c */ }", "rust", [
            ("meta", "#[derive(Debug)]"), ("keyword", "fn"), ("function", "f"), ("type", "'a"), ("type", "str"), ("string", "'x'"),
            ("string", "r#\"a \"q\" b\"#"), ("function", "println!"), ("string", "b'\\n'"), ("comment", "/* a /* b */ c */"),
        ])
    }

    @Test("Ruby: symbols, instance and global variables, hash keys, heredocs, block comments")
    func ruby() {
        expectSpans("class Pet < Base\n  def ok?(x) = @a + $b + :sym\n  h = { key: 1 }\n  s = <<~EOS\n    body \"q\"\n  EOS\nend\n=begin\nc\n=end\n", "ruby", [
            ("keyword", "class"), ("type", "Pet"), ("keyword", "def"), ("function", "ok?"), ("variable", "@a"), ("variable", "$b"),
            ("string", ":sym"), ("key", "key"), ("string", "<<~EOS"), ("string", "    body \"q\"\n  EOS"), ("keyword", "end"),
            ("comment", "=begin\nc\n=end"),
        ])
    }

    @Test("PHP: tags, variables, heredocs")
    func php() {
        expectSpans("<?php\n$x = 'a' . \"b\"; // c\nfunction f(int $a) { return <<<EOT\n  hi\n  EOT; }\n?>", "php", [
            ("meta", "<?php"), ("variable", "$x"), ("string", "'a'"), ("string", "\"b\""), ("comment", "// c"), ("keyword", "function"),
            ("function", "f"), ("type", "int"), ("variable", "$a"), ("string", "<<<EOT"), ("string", "  hi\n  EOT"), ("meta", "?>"),
        ])
    }

    @Test("SQL: keywords in any case, doubled quotes, comments")
    func sql() {
        expectSpans("SELECT name, count(*) from pets WHERE name = 'O''Brien' -- c\n/* b */ Order By 1;", "sql", [
            ("keyword", "SELECT"), ("type", "count"), ("keyword", "from"), ("keyword", "WHERE"), ("string", "'O''Brien'"),
            ("comment", "-- c"), ("comment", "/* b */"), ("keyword", "Order"), ("keyword", "By"), ("number", "1"),
        ])
    }

    @Test("Lua: long strings and comments with levels, local functions, builtins")
    func lua() {
        expectSpans("--[==[ long\n]] comment ]==]\nlocal function f(t) -- c\n  return #t .. [[a\n\"b\"]] .. 'x' .. nil\nend\nprint(f({}))", "lua", [
            ("comment", "--[==[ long\n]] comment ]==]"), ("keyword", "local"), ("keyword", "function"), ("function", "f"),
            ("comment", "-- c"), ("keyword", "return"), ("string", "[[a\n\"b\"]]"), ("string", "'x'"), ("keyword", "nil"),
            ("keyword", "end"), ("type", "print"),
        ])
    }

    @Test("HCL: block types, attribute keys, interpolated strings, heredocs")
    func hcl() {
        expectSpans("resource \"aws_instance\" \"web\" {\n  ami = \"a-${var.x}\"\n  count = 2 # c\n  user_data = <<-EOT\n    echo hi\n  EOT\n}", "hcl", [
            ("keyword", "resource"), ("string", "\"aws_instance\""), ("key", "ami"), ("string", "\"a-${var.x}\""), ("key", "count"),
            ("number", "2"), ("comment", "# c"), ("key", "user_data"), ("string", "<<-EOT"), ("string", "    echo hi\n  EOT"),
        ])
    }

    @Test("Bash: builtins and keywords in command position, variables inside strings, heredocs, assignments")
    func bash() {
        expectSpans("#!/bin/sh\nFOO=\"a $BAR\" cmd 2>&1 # c\nfor f in *; do echo \"$f\" '$lit'; done\nf() { x; }\ncat <<'EOF'\n$not\nEOF\n", "bash", [
            ("comment", "#!/bin/sh"), ("variable", "FOO"), ("string", "\"a "), ("variable", "$BAR"), ("number", "2"), ("comment", "# c"),
            ("keyword", "for"), ("keyword", "in"), ("keyword", "do"), ("type", "echo"), ("variable", "$f"), ("string", "'$lit'"),
            ("keyword", "done"), ("function", "f"), ("string", "<<'EOF'"), ("string", "$not\nEOF\n"), ("function", "cmd"),
            ("function", "cat"),
        ], absent: [("variable", "$not")])
        // A value is no command, even when it names a builtin.
        expectSpans("A=true B=1 npm install", "bash", [("variable", "A"), ("number", "1"), ("function", "npm")],
                    absent: [("type", "true"), ("function", "install")])
        // `#` inside a word is no comment.
        expectSpans("echo a#b", "bash", [], absent: [("comment", "#b")])
    }

    @Test("console: prompts, commands as Bash with continuation lines, output")
    func console() {
        let code = "$ echo \"hi\" \\\n  there\nhi there\nuser@host:~/x$ ls -la\n# apt-get install x\n> more\n"
        expectSpans(code, "console", [
            ("prompt", "$ "), ("type", "echo"), ("string", "\"hi\""), ("output", "hi there"), ("prompt", "user@host:~/x$ "),
            ("prompt", "# "), ("prompt", "> "), ("function", "ls"),
        ], absent: [("output", "  there")])
        // Without a single prompt, a session is a list of commands.
        expectSpans("ceph health detail\nkubectl get pods\n", "console", [("function", "ceph"), ("function", "kubectl")],
                    absent: [("output", "ceph health detail")])
    }

    @Test("YAML and JSON: keys, scalars by type")
    func yamlAndJSON() {
        expectSpans("key: value # c\nn: 12\nok: true\n", "yaml", [("key", "key"), ("string", "value"), ("comment", "# c"), ("number", "12"), ("keyword", "true")])
        expectSpans("{\"a\": [1.5, null, \"x\"]}", "json", [("key", "\"a\""), ("number", "1.5"), ("keyword", "null"), ("string", "\"x\"")])
    }

    @Test("TOML: sections, keys, typed values, inline tables, multi-line strings")
    func toml() {
        expectSpans("# c\n[package]\nname = \"x\" # t\nv = 1.5\nd = 1979-05-27T07:32:00Z\nok = true\n[[bin]]\np = { a = 1, b = 'x' }\ns = \"\"\"\nm\n\"\"\"\n", "toml", [
            ("comment", "# c"), ("section", "[package]"), ("key", "name"), ("string", "\"x\""), ("comment", "# t"), ("number", "1.5"),
            ("number", "1979-05-27T07:32:00Z"), ("keyword", "true"), ("section", "[[bin]]"), ("key", "a"), ("key", "b"), ("string", "'x'"),
            ("string", "\"\"\"\nm\n\"\"\""),
        ])
    }

    @Test("INI: sections, keys with = or :, comments, booleans and numbers")
    func ini() {
        expectSpans("; c\n[db]\nhost = example.com\nport: 5432\non = yes\n# d\n", "ini", [
            ("comment", "; c"), ("section", "[db]"), ("key", "host"), ("key", "port"), ("number", "5432"), ("keyword", "yes"), ("comment", "# d"),
        ])
        // Words that start with a digit are no numbers.
        expectSpans("build = 0install run 0release.xml 1.5", "ini", [("number", "1.5")], absent: [("number", "0install"), ("number", "0release.xml")])
    }

    @Test("Dockerfile: instructions, stage names, shell arguments, exec form as JSON")
    func dockerfile() {
        expectSpans("# c\nFROM swift:6.0 AS build\nENV A=1 B=$A\nRUN apt-get update \\\n && echo \"x\"\nCMD [\"./app\", \"-v\"]\n", "dockerfile", [
            ("comment", "# c"), ("keyword", "FROM"), ("keyword", "AS"), ("keyword", "ENV"), ("variable", "A"), ("variable", "$A"),
            ("keyword", "RUN"), ("string", "\"x\""), ("keyword", "CMD"), ("string", "\"./app\""),
        ])
        expectSpans("from alpine\nrun ls", "dockerfile", [("keyword", "from"), ("keyword", "run")])
    }

    @Test("Makefile: assignments, targets, recipes with Make variables, directives")
    func makefile() {
        expectSpans("CC ?= gcc\n.PHONY: all\nall: $(OBJ) main.o # c\n\t$(CC) -o $@ $^ && echo \"$$HOME\"\nifeq ($(A),1)\nendif\n", "makefile", [
            ("variable", "CC"), ("keyword", ".PHONY"), ("function", "all"), ("variable", "$(OBJ)"), ("comment", "# c"),
            ("variable", "$(CC)"), ("variable", "$@"), ("variable", "$^"), ("type", "echo"), ("variable", "$$HOME"),
            ("keyword", "ifeq"), ("variable", "$(A)"), ("keyword", "endif"),
        ])
    }

    @Test("XML: tags, attributes, values, comments, CDATA, declarations")
    func xml() {
        expectSpans("<?xml version=\"1.0\"?>\n<a href=\"x\" b='y'><!-- c --><![CDATA[<x>]]>t &amp; u</a>", "xml", [
            ("meta", "<?xml version=\"1.0\"?>"), ("tag", "a"), ("attr", "href"), ("string", "\"x\""), ("attr", "b"), ("string", "'y'"),
            ("comment", "<!-- c -->"), ("string", "<![CDATA[<x>]]>"),
        ])
    }

    @Test("HTML: script content as JavaScript, style content as CSS, JSON scripts as JSON")
    func html() {
        expectSpans("<!doctype html>\n<script>if (a < b) { f(\"</p>\"); }</script><style>a { color: red; }</style><script type=\"application/json\">{\"k\": 1}</script>", "html", [
            ("meta", "<!doctype html>"), ("tag", "script"), ("keyword", "if"), ("string", "\"</p>\""), ("tag", "style"), ("key", "color"),
            ("key", "\"k\""), ("number", "1"),
        ])
    }

    @Test("CSS: selectors, properties, numbers with units, colours, functions, at-rules, !important")
    func css() {
        expectSpans("/* c */\n@media (min-width: 40em) {\n  a.b:hover > #c, [d=e] { color: #fff !important; margin: -1.5em 0; background: url(//x.png) }\n}\n:root { --x: calc(100% - 2px); }", "css", [
            ("comment", "/* c */"), ("keyword", "@media"), ("number", "40em"), ("tag", "a"), ("attr", ".b"), ("keyword", ":hover"), ("attr", "#c"),
            ("attr", "[d=e]"), ("key", "color"), ("number", "#fff"), ("keyword", "!important"), ("number", "-1.5em"), ("function", "url"),
            ("string", "//x.png"), ("keyword", ":root"), ("key", "--x"), ("function", "calc"), ("number", "100%"),
        ])
    }

    @Test("diff: inserted, deleted, headers, hunks")
    func diff() {
        expectSpans("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n ctx\n-old\n+new\n\\ No newline at end of file\n", "diff", [
            ("meta", "diff --git a/x b/x"), ("meta", "--- a/x"), ("meta", "+++ b/x"), ("meta", "@@ -1 +1 @@"), ("deleted", "-old"),
            ("inserted", "+new"), ("comment", "\\ No newline at end of file"),
        ])
    }

    @Test("GraphQL and protobuf: the API reference's classification")
    func schemas() {
        expectSpans("type Q { f(a: Int = 1): [Q] @deprecated }", "graphql", [("keyword", "type"), ("type", "Q"), ("key", "f"), ("key", "a"), ("keyword", "deprecated")])
        expectSpans("message M { string name = 1; } // c", "protobuf", [("keyword", "message"), ("type", "M"), ("keyword", "string"), ("key", "name"), ("comment", "// c")])
    }
}
