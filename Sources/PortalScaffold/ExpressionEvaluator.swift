import Foundation

/// Evaluates an ``Expression`` against named values (`parameters`, `values`, `steps`, `user`,
/// loop variables). Unknown names and missing members are `undefined`, as in Nunjucks.
struct ExpressionEvaluator {
    var scope: [String: ScaffoldValue]
    /// Where the evaluated expression starts, for errors raised while evaluating it.
    var offset: Int = 0

    func evaluate(_ expression: Expression) throws(ExpressionError) -> ScaffoldValue {
        switch expression {
        case .literal(let value):
            return value
        case .list(let items):
            var values: [ScaffoldValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .name(let name):
            return scope[name] ?? .undefined
        case .member(let base, let member):
            return try evaluate(base)[member]
        case .index(let base, let key):
            let container = try evaluate(base)
            switch (container, try evaluate(key)) {
            case (.list(let items), .int(let position)):
                return items.indices.contains(position) ? items[position] : .undefined
            case (_, let key):
                return container[key.text]
            }
        case .filter(let base, let filter, let arguments):
            var values: [ScaffoldValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try apply(filter, to: try evaluate(base), values)
        case .not(let inner):
            return .bool(!(try evaluate(inner).isTruthy))
        case .negate(let inner):
            switch try evaluate(inner) {
            case .int(let number): return .int(-number)
            case .double(let number): return .double(-number)
            case let other: throw ExpressionError("cannot negate a \(other.typeName)", at: offset)
            }
        case .binary(let operation, let left, let right):
            return try binary(operation, left, right)
        case .conditional(let then, let condition, let otherwise):
            if try evaluate(condition).isTruthy { return try evaluate(then) }
            return try otherwise.map { expression throws(ExpressionError) in try evaluate(expression) } ?? .undefined
        }
    }

    private func binary(_ operation: Expression.BinaryOperator, _ leftExpression: Expression,
                        _ rightExpression: Expression) throws(ExpressionError) -> ScaffoldValue {
        let left = try evaluate(leftExpression)
        switch operation {
        case .and: return left.isTruthy ? try evaluate(rightExpression) : left
        case .or: return left.isTruthy ? left : try evaluate(rightExpression)
        default: break
        }
        let right = try evaluate(rightExpression)
        switch operation {
        case .equal: return .bool(Self.equal(left, right))
        case .notEqual: return .bool(!Self.equal(left, right))
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            let ordered: Bool
            if let a = Self.number(left), let b = Self.number(right) {
                ordered = operation == .less ? a < b : operation == .greater ? a > b : operation == .lessOrEqual ? a <= b : a >= b
            } else {
                let a = left.text, b = right.text
                ordered = operation == .less ? a < b : operation == .greater ? a > b : operation == .lessOrEqual ? a <= b : a >= b
            }
            return .bool(ordered)
        case .contains:
            switch right {
            case .list(let items): return .bool(items.contains { Self.equal($0, left) })
            case .object(let members): return .bool(members[left.text] != nil)
            case .string(let text): return .bool(text.contains(left.text))
            default: throw ExpressionError("'in' needs a list, object or string on its right, not \(right.typeName)", at: offset)
            }
        case .concatenate:
            return .string(left.text + right.text)
        case .plus:
            if case .int(let a) = left, case .int(let b) = right { return .int(a &+ b) }
            if let a = Self.number(left), let b = Self.number(right) { return .double(a + b) }
            return .string(left.text + right.text)
        case .minus, .times, .divide:
            if operation != .divide, case .int(let a) = left, case .int(let b) = right {
                return .int(operation == .minus ? a &- b : a &* b)
            }
            guard let a = Self.number(left), let b = Self.number(right) else {
                throw ExpressionError("'\(operation.rawValue)' needs numbers, not \(left.typeName) and \(right.typeName)", at: offset)
            }
            return .double(operation == .minus ? a - b : operation == .times ? a * b : a / b)
        case .and, .or:
            return .undefined
        }
    }

    private static func number(_ value: ScaffoldValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    private static func equal(_ left: ScaffoldValue, _ right: ScaffoldValue) -> Bool {
        if let a = number(left), let b = number(right) { return a == b }
        if left.isMissing && right.isMissing { return true }
        return left == right
    }

    // MARK: - Filters

    private func apply(_ filter: Expression.Filter, to value: ScaffoldValue, _ arguments: [ScaffoldValue]) throws(ExpressionError) -> ScaffoldValue {
        func argument(_ index: Int, _ what: String) throws(ExpressionError) -> ScaffoldValue {
            guard index < arguments.count else { throw ExpressionError("the '\(filter.rawValue)' filter needs \(what)", at: offset) }
            return arguments[index]
        }
        switch filter {
        case .lower: return .string(value.text.lowercased())
        case .upper: return .string(value.text.uppercased())
        case .trim: return .string(value.text.trimmingCharacters(in: .whitespacesAndNewlines))
        case .dump:
            // JSON.stringify(undefined) is undefined: it prints nothing.
            if case .undefined = value { return .undefined }
            return .string(value.json)
        case .length:
            switch value {
            case .list(let items): return .int(items.count)
            case .object(let members): return .int(members.count)
            default: return .int(value.text.count)
            }
        case .first, .last:
            if case .list(let items) = value { return (filter == .first ? items.first : items.last) ?? .undefined }
            let text = value.text
            return (filter == .first ? text.first : text.last).map { .string(String($0)) } ?? .string("")
        case .join:
            let separator = arguments.first?.text ?? ","
            guard case .list(let items) = value else { return .string(value.text) }
            return .string(items.map(\.text).joined(separator: separator))
        case .default:
            let fallback = try argument(0, "a default value")
            let onlyUndefined = !(arguments.count > 1 && arguments[1].isTruthy)
            if case .undefined = value { return fallback }
            return onlyUndefined || value.isTruthy ? value : fallback
        case .replace:
            let target = try argument(0, "the text to replace"), replacement = try argument(1, "a replacement")
            return .string(value.text.replacingOccurrences(of: target.text, with: replacement.text))
        case .pick:
            let path = try argument(0, "a key").text
            return path.split(separator: ".").reduce(value) { $0[String($1)] }
        case .parseRepoUrl:
            return try Self.parseRepoURL(value.text, offset: offset)
        case .projectSlug:
            let parts = try Self.parseRepoURL(value.text, offset: offset)
            let owner = parts["owner"].isMissing ? parts["organization"].text : parts["owner"].text
            return .string(owner + "/" + parts["repo"].text)
        }
    }

    /// `github.com?owner=o&repo=r` as Backstage's `parseRepoUrl` splits it.
    static func parseRepoURL(_ text: String, offset: Int) throws(ExpressionError) -> ScaffoldValue {
        guard let question = text.firstIndex(of: "?"), question != text.startIndex else {
            throw ExpressionError("'\(text)' is not a repository location like github.com?owner=o&repo=r", at: offset)
        }
        var result: [String: ScaffoldValue] = ["host": .string(String(text[..<question]))]
        for pair in text[text.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = String(parts[0])
            if ["owner", "repo", "organization", "workspace", "project"].contains(key) {
                result[key] = .string(String(parts[1]).removingPercentEncoding ?? String(parts[1]))
            }
        }
        guard result["repo"] != nil else {
            throw ExpressionError("'\(text)' has no repo= part (expected host?owner=o&repo=r)", at: offset)
        }
        return .object(result)
    }
}
