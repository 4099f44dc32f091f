/// Renders templates that may include each other as partials.
struct TemplateRendering {
    let templates: [String: Template]
    /// Partials nested deeper than this are cut, so a partial that includes itself ends.
    static let maxPartialDepth = 32

    /// The output of template `name` with `contexts` (outermost first) as the starting
    /// context stack, so that names resolve in the last context before the ones under it.
    /// `capacity` is a guess of the output's size, so it need not grow (and be copied) as often.
    func render(_ name: String, _ contexts: [TemplateValue], capacity: Int = 16 * 1024) -> [UInt8] {
        guard let template = templates[name] else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        var stack = contexts
        render(template.nodes, &stack, into: &output, depth: 0)
        return output
    }

    private func render(_ nodes: [Template.Node], _ stack: inout [TemplateValue], into output: inout [UInt8], depth: Int) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                guard let value = Self.lookup(path, in: stack) else { continue }
                switch value {
                case .text(let text): escaped ? HTMLEscaping.append(text, to: &output) : HTMLEscaping.appendUnescaped(text, to: &output)
                case .utf8(let bytes): escaped ? HTMLEscaping.append(bytes, to: &output) : output.append(contentsOf: bytes)
                case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list, .object: continue
                }
            case .section(let path, let children, let inverted):
                let value = Self.lookup(path, in: stack)
                if inverted {
                    if value?.isTruthy != true { render(children, &stack, into: &output, depth: depth) }
                    continue
                }
                guard let value, value.isTruthy else { continue }
                switch value {
                case .flag: render(children, &stack, into: &output, depth: depth)
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, &stack, into: &output, depth: depth)
                        stack.removeLast()
                    }
                case .text, .utf8, .object:
                    stack.append(value)
                    render(children, &stack, into: &output, depth: depth)
                    stack.removeLast()
                }
            case .partial(let name):
                guard depth < Self.maxPartialDepth, let partial = templates[name] else { continue }
                render(partial.nodes, &stack, into: &output, depth: depth + 1)
            }
        }
    }

    /// Mustache name resolution: the first name is looked up from the innermost context
    /// outwards; the rest are looked up inside what it found.
    static func lookup(_ path: [TemplateName], in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return nil }
        if first.isCurrent { return stack.last }
        var found: TemplateValue?
        var index = stack.count - 1
        while index >= 0 {
            if let child = stack[index].field(first) {
                found = child
                break
            }
            index -= 1
        }
        for name in path.dropFirst() {
            guard let value = found else { return nil }
            found = value.field(name)
        }
        return found
    }
}
