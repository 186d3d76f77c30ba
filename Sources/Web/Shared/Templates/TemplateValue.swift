import Mustache

/// A value as Mustache templates see it, built from a typed page model by `TemplateEncoder`.
///
/// Lookups are dictionary reads instead of reflection, and two rules of swift-mustache are made explicit:
/// an empty string is false in a `{{#section}}`, and a property that is `nil` answers for itself (it is never
/// looked up in an enclosing context, so a row's missing value can't show its page's value of the same name).
enum TemplateValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// What a section or variable receives: native arrays and booleans, so swift-mustache iterates and tests them.
    var mustacheValue: Any {
        switch self {
        case .list(let items): return items
        case .bool(let flag): return flag
        default: return self
        }
    }
}

extension TemplateValue: MustacheParent {
    func child(named name: String) -> Any? {
        guard case .object(let fields) = self else { return nil }
        return fields[name]?.mustacheValue
    }
}

extension TemplateValue: MustacheCustomRenderable {
    var renderText: String {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .list, .object, .null: return ""
        }
    }

    var isNull: Bool {
        switch self {
        case .string(let text): return text.isEmpty
        case .null: return true
        case .bool(let flag): return !flag
        case .list(let items): return items.isEmpty
        case .int, .double, .object: return false
        }
    }
}
