import Testing
import Foundation
@testable import PortalYAML

func dump(_ n: YAMLNode?, _ indent: String = "") -> String {
    guard let n else { return indent + "nil\n" }
    var s = indent + "@\(n.mark.line):\(n.mark.column) tag=\(n.tag ?? "-") "
    switch n.content {
    case .scalar(let t, let st): s += "scalar \(t.debugDescription) \(st) -> \(String(describing: n.scalarValue))\n"
    case .sequence(let items): s += "seq\n"; for i in items { s += dump(i, indent + "  ") }
    case .mapping(let pairs): s += "map\n"; for p in pairs { s += indent + " K:\n" + dump(p.key, indent + "  ") + indent + " V:\n" + dump(p.value, indent + "  ") }
    }
    return s
}
func show(_ label: String, _ docs: [YAMLDocument]) {
    var s = "=== \(label): \(docs.count) docs\n"
    for (i, d) in docs.enumerated() {
        s += "doc\(i) start=\(d.start.line):\(d.start.column) err=\(d.error.map { "\($0.kind) \($0.message.debugDescription) @\($0.mark.line):\($0.mark.column)" } ?? "-") warnings=\(d.warnings.map { "\($0.kind) \($0.message) @\($0.mark.line):\($0.mark.column)" })\n"
        s += dump(d.root, "  ")
    }
    print(s)
}
func showBytes(_ label: String, _ bytes: [UInt8]) {
    show(label, bytes.withUnsafeBytes { YAMLParser.parse(bytes: $0) })
}

@Test func explore() {
    let env = ProcessInfo.processInfo.environment["YX"] ?? ""
    guard !env.isEmpty else { return }
    let cases: [(String, String)] = [
        ("empty", ""),
        ("comments", "# hi\n# there\n"),
        ("trailing", "a: 1\n---\n"),
        ("null", "null\n"),
        ("tilde doc", "--- ~\n"),
        ("basic", "title: Hello\nlist:\n  - one\n  - [two, three]\nblock: |\n  line1\n  line2\nflow: {x: 1, y: \"q\"}\n"),
        ("multi", "a: 1\n---\nb: 2\n--- \nc: 3\n...\n---\nd\n"),
        ("crlf", "a: 1\r\nb:\r\n  - x\r\n---\r\nc: 3\r\n"),
        ("bom", "\u{FEFF}a: 1\nb: 2\n"),
        ("nonascii", "\u{E9}\u{E9}: [\u{1F600}, x]\n\u{65E5}\u{672C}: y\n"),
        ("mapvalues", "a: b: c\n"),
        ("simplekey", "a: 1\nb\nc: 2\n"),
        ("simplekey2", "a: 1\nb\n---\nc: 2\n"),
        ("tab", "a:\n\tb: 1\n"),
        ("recovery", "a: 1\n---\nb: c: d\n---\nx: 3\ny: [4]\n"),
        ("recovery flow", "a: 1\n---\nb: [1, 2\n---\nx: 3\n"),
        ("anchors", "base: &b {x: 1}\nother: *b\nlist: [&s hi, *s]\n"),
        ("undef", "a: *nope\n---\nb: 1\n"),
        ("dup", "a: 1\nb: 2\na: 3\n"),
        ("dup3", "a: 1\na: 2\na: 3\n"),
        ("tags", "emoji: !!python/name:materialx.emoji.twemoji\ns: !!str 123\ni: !!int \"12\"\nn: !!null x\nc: !custom 5\nb: ! 12\n"),
        ("directive", "%YAML 1.1\n---\na: 1\n"),
        ("bad directive", "%YAML 2.0\n---\na: 1\n---\nb: 2\n"),
        ("after doc end", "a: 1\n...\nb: : c\n---\nc: 1\n"),
        ("at dash", "--- [\n---\nc: 1\n"),
        ("unclosed quote", "a: \"abc\n---\nc: 1\n"),
    ]
    for (l, t) in cases { show(l, YAMLParser.parse(t)) }
    showBytes("invalid utf8", Array("a: 1\n---\nb: x".utf8) + [0xFF, 0xFE] + Array("\n---\nc: 3\n".utf8))
    showBytes("nul", Array("a: 1\nb: x".utf8) + [0] + Array("\n".utf8))
    showBytes("invalid utf8 first", [0xC3, 0x28] + Array("\n---\nc: 3\n".utf8))
}
