/// What a highlighted token is: the `tok-…` class of its `<span>` (listed with their meaning on
/// ``CodeHighlighter``).
enum TokenClass: UInt8 {
    case key, string, number, comment, keyword, type, function, tag, attr, prompt, output, inserted, deleted, meta,
         variable, section

    /// `<span class="tok-…">`.
    var openingTag: StaticString {
        switch self {
        case .key: "<span class=\"tok-key\">"
        case .string: "<span class=\"tok-string\">"
        case .number: "<span class=\"tok-number\">"
        case .comment: "<span class=\"tok-comment\">"
        case .keyword: "<span class=\"tok-keyword\">"
        case .type: "<span class=\"tok-type\">"
        case .function: "<span class=\"tok-function\">"
        case .tag: "<span class=\"tok-tag\">"
        case .attr: "<span class=\"tok-attr\">"
        case .prompt: "<span class=\"tok-prompt\">"
        case .output: "<span class=\"tok-output\">"
        case .inserted: "<span class=\"tok-inserted\">"
        case .deleted: "<span class=\"tok-deleted\">"
        case .meta: "<span class=\"tok-meta\">"
        case .variable: "<span class=\"tok-variable\">"
        case .section: "<span class=\"tok-section\">"
        }
    }
}
