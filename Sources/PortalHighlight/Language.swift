/// A language the highlighter knows; the raw value is its canonical name.
enum Language: String, CaseIterable, Sendable {
    case bash, console, yaml, json, toml, ini, dockerfile, makefile
    case python, go, java, kotlin, swift, javascript, typescript, c, cpp, csharp, rust, ruby, php, lua, sql, hcl
    case protobuf, graphql, xml, html, css, diff

    /// Other names for each language (fence info words, file extensions); canonical names are not repeated.
    static let aliases: [Language: [String]] = [
        .bash: ["sh", "shell", "zsh", "ksh", "shellscript", "bash-script", "env", "dotenv"],
        .console: ["shell-session", "shellsession", "sh-session", "terminal"],
        .yaml: ["yml"],
        .json: ["jsonc", "json5"],
        .ini: ["cfg", "conf", "properties", "dosini", "editorconfig", "gitconfig"],
        .dockerfile: ["docker", "containerfile"],
        .makefile: ["make", "mk", "mak"],
        .python: ["py", "python3", "py3"],
        .go: ["golang"],
        .kotlin: ["kt", "kts"],
        .javascript: ["js", "jsx", "mjs", "cjs", "node"],
        .typescript: ["ts", "tsx", "mts", "cts"],
        .c: ["h"],
        .cpp: ["c++", "cc", "cxx", "hpp", "hh", "hxx"],
        .csharp: ["cs", "c#"],
        .rust: ["rs"],
        .ruby: ["rb", "gemfile", "rake", "vagrantfile"],
        .lua: ["luau"],
        .sql: ["postgresql", "postgres", "mysql", "plsql", "plpgsql", "sqlite", "tsql", "mariadb"],
        .hcl: ["tf", "terraform", "tfvars"],
        .protobuf: ["proto", "proto3"],
        .graphql: ["gql"],
        .xml: ["xhtml", "svg", "xsd", "xsl", "xslt", "plist", "rss", "atom", "wsdl"],
        .html: ["htm"],
        .css: ["scss", "less"],
        .diff: ["patch", "udiff"],
    ]

    private static let byName: [String: Language] = {
        var names: [String: Language] = [:]
        for language in allCases { names[language.rawValue] = language }
        for (language, aliases) in Language.aliases {
            for alias in aliases { names[alias] = language }
        }
        return names
    }()

    /// The language for a name or alias, ASCII case ignored, nil when unsupported.
    init?(name: String) {
        // Most fence words are lowercase already: no lowercased copy for them.
        guard let language = Self.byName[name] ?? Self.byName[String(decoding: name.utf8.map(\.lowercased), as: UTF8.self)] else {
            return nil
        }
        self = language
    }
}
