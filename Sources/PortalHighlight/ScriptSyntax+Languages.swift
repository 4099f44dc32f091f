/// The tables of the languages ``ScriptHighlighter`` reads. Keyword lists hold the reserved and
/// contextual keywords plus the literal words (`true`, `null`, `None`); type lists hold builtin
/// types and a few builtin functions.
extension ScriptSyntax {
    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    static let python = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                False None True and as assert async await break continue del elif else except finally for from global \
                if import in is lambda nonlocal not or pass raise return try while with yield match case self cls
                """),
            types: words("""
                int float complex str bool bytes bytearray list dict set frozenset tuple object type len print range \
                open super isinstance issubclass enumerate zip map filter sorted reversed min max sum any all abs repr \
                hash id iter next getattr setattr hasattr delattr callable format input round divmod vars dir \
                staticmethod classmethod property
                """),
            functionDefiners: ["def"], typeDefiners: ["class"]),
        lineCommentSlashes: false, blockComments: false, hash: .comment, singleQuote: .string, tripleQuotes: true,
        stringPrefixes: ["r", "u", "b", "f", "rb", "br", "fr", "rf", "t"], at: .annotation, capitalizedTypes: true)

    static let go = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                break case chan const continue default defer else fallthrough for go goto if import interface map \
                package range return select struct switch var true false nil iota
                """),
            types: words("""
                bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 \
                uint16 uint32 uint64 uintptr any comparable append cap clear close complex copy delete imag len make \
                max min new panic print println real recover
                """),
            functionDefiners: ["func"], typeDefiners: ["type"]),
        backtick: .raw)

    static let java = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                abstract assert break case catch const continue default do else extends final finally for goto if \
                implements import instanceof native new package private protected public return static strictfp super \
                switch synchronized this throw throws transient try volatile while true false null var yield sealed \
                permits when module requires exports opens
                """),
            types: words("boolean byte char double float int long short void"),
            typeDefiners: ["class", "interface", "enum", "record"]),
        tripleQuotes: true, at: .annotation, capitalizedTypes: true)

    static let kotlin = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                as break continue do else false for if in is null package return super this throw true try typeof val \
                var when while by catch constructor delegate dynamic field file finally get import init param property \
                receiver set setparam where actual abstract annotation companion const crossinline data enum expect \
                external final infix inline inner internal lateinit noinline open operator out override private \
                protected public reified sealed suspend tailrec vararg value it
                """),
            types: words("println print listOf mapOf setOf mutableListOf mutableMapOf mutableSetOf arrayOf emptyList lazy require check error"),
            functionDefiners: ["fun"], typeDefiners: ["class", "interface", "object", "typealias"]),
        nestedBlockComments: true, tripleQuotes: true, tripleQuoteEscapes: false, backtick: .identifier, at: .annotation,
        capitalizedTypes: true)

    static let swift = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                deinit fileprivate import init inout internal let open operator private precedencegroup public \
                rethrows static subscript var break case catch continue default defer do else fallthrough for guard if \
                in repeat return throw switch where while as Any false is nil self Self super throws true try async \
                await some any consume borrowing consuming nonisolated isolated lazy mutating nonmutating override \
                required convenience dynamic final indirect optional weak unowned willSet didSet get set package macro \
                sending each
                """),
            functionDefiners: ["func"],
            typeDefiners: ["class", "struct", "enum", "protocol", "extension", "actor", "typealias", "associatedtype"]),
        nestedBlockComments: true, hash: .swift, tripleQuotes: true, backtick: .identifier, at: .annotation, dollar: .variable,
        capitalizedTypes: true)

    private static let javaScriptKeywords = words("""
        await break case catch const continue debugger default delete do else export extends finally for if import \
        in instanceof let new return super switch this throw try typeof var void while with yield async of static get \
        set null undefined true false NaN Infinity from as
        """)
    private static let javaScriptTypes = words("""
        Array Object String Number Boolean Promise Map Set WeakMap WeakSet JSON Math Symbol Error RegExp Date BigInt \
        console window document globalThis require module exports process
        """)

    static let javascript = ScriptSyntax(
        words: WordTable(keywords: javaScriptKeywords, types: javaScriptTypes, functionDefiners: ["function"], typeDefiners: ["class"]),
        singleQuote: .string, backtick: .template, at: .annotation, dollar: .wordCharacter, capitalizedTypes: true,
        regexLiterals: true)

    static let typescript = ScriptSyntax(
        words: WordTable(
            keywords: javaScriptKeywords + words("""
                declare abstract implements private protected public readonly keyof infer is asserts satisfies override \
                unique module accessor
                """),
            types: javaScriptTypes + words("string number boolean any unknown never void object bigint symbol"),
            functionDefiners: ["function"], typeDefiners: ["class", "interface", "type", "enum", "namespace"]),
        singleQuote: .string, backtick: .template, at: .annotation, dollar: .wordCharacter, capitalizedTypes: true,
        regexLiterals: true)

    private static let cKeywords = words("""
        auto break case const continue default do else extern for goto if inline register restrict return sizeof \
        static switch typedef volatile while _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert \
        _Thread_local NULL true false nullptr alignas alignof static_assert thread_local typeof constexpr
        """)
    private static let cTypes = words("""
        char double float int long short signed unsigned void bool _Bool _Complex size_t ssize_t ptrdiff_t intptr_t \
        uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t wchar_t off_t FILE
        """)

    static let c = ScriptSyntax(
        words: WordTable(keywords: cKeywords, types: cTypes, typeDefiners: ["struct", "enum", "union"]),
        hash: .preprocessor, stringPrefixes: ["l", "u", "u8"])

    static let cpp = ScriptSyntax(
        words: WordTable(
            keywords: cKeywords + words("""
                and and_eq asm bitand bitor catch compl concept consteval constinit const_cast co_await co_return \
                co_yield decltype delete dynamic_cast explicit export friend mutable new noexcept not not_eq operator \
                or or_eq private protected public reinterpret_cast requires static_cast template this throw try typeid \
                typename using virtual xor xor_eq override final import
                """),
            types: cTypes + words("char8_t char16_t char32_t std string vector map"),
            typeDefiners: ["class", "struct", "enum", "union", "namespace"]),
        hash: .preprocessor, stringPrefixes: ["l", "u", "u8", "r", "lr", "ur", "u8r"], rawStringPrefixes: true,
        capitalizedTypes: true)

    static let csharp = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                abstract as base break case catch checked const continue default delegate do else event explicit \
                extern false finally fixed for foreach goto if implicit in is lock new null operator out override params \
                private protected public readonly ref return sealed sizeof stackalloc static switch this throw true try \
                typeof unchecked unsafe using virtual volatile while add alias ascending async await by descending \
                equals from get global group into join let nameof on orderby partial remove select set value var when \
                where yield init required with file scoped internal
                """),
            types: words("bool byte char decimal double float int long object sbyte short string uint ulong ushort void nint nuint dynamic"),
            typeDefiners: ["class", "struct", "interface", "enum", "record", "namespace"]),
        hash: .preprocessor, tripleQuotes: true, tripleQuoteEscapes: false, at: .verbatim, dollar: .interpolatedString,
        capitalizedTypes: true)

    static let rust = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                as async await break const continue crate dyn else extern false for if impl in let loop match move mut \
                pub ref return self Self static super true unsafe use where while yield macro_rules
                """),
            types: words("bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64"),
            functionDefiners: ["fn"], typeDefiners: ["struct", "enum", "trait", "type", "union", "mod"]),
        nestedBlockComments: true, hash: .rustAttribute, singleQuote: .rust, stringPrefixes: ["b", "r", "br", "c", "cr"],
        rawStringPrefixes: true, capitalizedTypes: true, macros: true)

    static let ruby = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                BEGIN END alias and begin break case defined? do else elsif end ensure false for if in next nil not or \
                redo rescue retry return self super then true undef unless until when while yield __FILE__ __LINE__ \
                __method__ require require_relative include extend attr_accessor attr_reader attr_writer private \
                protected public raise lambda proc loop
                """),
            types: words("puts print p pp gets format sprintf"),
            functionDefiners: ["def"], typeDefiners: ["class", "module"]),
        lineCommentSlashes: false, blockComments: false, hash: .comment, singleQuote: .string, multilineStrings: true,
        at: .variable, dollar: .variable, capitalizedTypes: true, regexLiterals: true, rubySymbols: true,
        rubyBlockComments: true, heredocs: true)

    static let php = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                abstract and array as break callable case catch clone const continue declare default do echo else \
                elseif empty enddeclare endfor endforeach endif endswitch endwhile extends final finally fn for foreach \
                global goto if implements include include_once instanceof insteadof isset list match namespace new or \
                print private protected public readonly require require_once return static switch throw try unset use \
                var while xor yield true false null TRUE FALSE NULL self parent
                """),
            types: words("int float bool string void mixed never object iterable"),
            functionDefiners: ["function"], typeDefiners: ["class", "interface", "trait", "enum"]),
        hash: .comment, singleQuote: .string, multilineStrings: true, dollar: .variable, capitalizedTypes: true,
        heredocs: true, phpTags: true)

    static let sql = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                select from where and or not insert into values update set delete create table drop alter add column \
                index view as join inner left right outer full cross on group by order having limit offset union all \
                distinct case when then else end is null like in between exists primary key foreign references default \
                constraint unique check if begin commit rollback transaction with returning asc desc true false grant \
                revoke to function procedure trigger return returns language declare database schema cascade replace \
                temporary temp using natural over partition window row rows fetch next only top show use explain \
                analyze vacuum truncate merge matched do nothing conflict lateral recursive materialized sequence type \
                extension collate escape similar ilike any some except intersect auto_increment identity generated \
                always stored virtual no action restrict
                """),
            types: words("""
                int integer smallint bigint decimal numeric real double precision float char varchar character varying \
                text date time timestamp timestamptz interval boolean bool blob bytea json jsonb uuid serial bigserial \
                money xml binary varbinary datetime tinyint mediumint longtext nvarchar nchar clob array count sum avg \
                min max coalesce nullif cast now
                """),
            caseInsensitive: true),
        lineCommentSlashes: false, lineCommentDashes: true, singleQuote: .string, backtick: .identifier,
        multilineStrings: true, doubledQuoteEscapes: true, at: .variable, dollar: .variable)

    static let lua = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                and break do else elseif end false for goto if in local nil not or repeat return then true until \
                while self
                """),
            types: words("""
                print pairs ipairs type tostring tonumber require pcall xpcall error assert setmetatable \
                getmetatable rawget rawset rawequal select next unpack table string math os io coroutine utf8 debug
                """),
            functionDefiners: ["function"]),
        lineCommentSlashes: false, blockComments: false, lineCommentDashes: true, singleQuote: .string, longBrackets: true)

    static let hcl = ScriptSyntax(
        words: WordTable(
            keywords: words("""
                resource data variable output module provider terraform locals moved import check removed backend \
                required_providers dynamic content for in if endfor endif else true false null
                """),
            types: words("string number bool list map set object tuple any")),
        hash: .comment, heredocs: true, configurationBlocks: true)
}
