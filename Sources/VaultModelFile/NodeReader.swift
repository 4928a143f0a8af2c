// NodeReader.swift: reading YAML nodes into values, recording places and mistakes.

import Yams

/// Reads the shapes a model file is made of (mappings with known keys, names, lists of names)
/// from Yams nodes, recording the line of every field path it reads and a diagnostic for every
/// mistake, so that reading goes on past one mistake and finds the others.
final class NodeReader {
    let file: String
    /// The line of each field path read (`hubs.hub_customer.src_nk[0]`).
    private(set) var lines = [String: Int]()
    private(set) var diagnostics = [ModelDiagnostic]()

    init(file: String) { self.file = file }

    func report(_ kind: ModelDiagnostic.Kind, _ path: String, line: Int? = nil, _ message: String) {
        diagnostics.append(ModelDiagnostic(file: file, line: line ?? self.line(of: path), field: path, kind: kind, message: message))
    }

    /// The line recorded for `path` or its nearest recorded ancestor.
    func line(of path: String) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            if let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) { path = String(path[..<cut]) } else { break }
        }
        return lines[""] ?? 1
    }

    func record(_ path: String, _ node: Node) {
        if let mark = node.mark, lines[path] == nil { lines[path] = mark.line }
    }

    /// Whether the node is absent in substance: `key:` with nothing after it, or `~`/`null`.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Whether the node is an empty list or nothing at all (`sources: []`, `sources:`).
    static func isEmptyList(_ node: Node) -> Bool { isNull(node) || node.sequence?.isEmpty == true }

    /// What a node is, for messages.
    static func shape(_ node: Node) -> String {
        switch node {
        case .scalar: return isNull(node) ? "nothing" : "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A mapping with the keys `allowed`, of which `required` must be present; unknown keys and
    /// missing required ones are reported. `nil` when the node is not a mapping.
    func fields(_ node: Node, _ path: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(.invalidValue, path, "expected a mapping with the keys \(allowed.joined(separator: ", ")), found \(Self.shape(node))")
            return nil
        }
        var fields = [String: Node]()
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            let child = path.isEmpty ? name : "\(path).\(name)"
            record(child, key)
            guard allowed.contains(name) else {
                report(.unknownKey, child, "unknown key '\(name)' (allowed here: \(allowed.joined(separator: ", ")))")
                continue
            }
            fields[name] = value
        }
        for name in required where fields[name] == nil {
            report(.missingField, path, line: line(of: path), "missing required field '\(name)'")
        }
        return fields
    }

    /// The entries of a mapping from names to bodies, in file order (`hubs: {hub_customer: ...}`).
    /// An absent section (`links:` alone) has none.
    func entries(_ node: Node, _ path: String, what: String) -> [(name: String, path: String, node: Node)] {
        if Self.isNull(node) { return [] }
        guard let mapping = node.mapping else {
            report(.invalidValue, path, "expected a mapping from \(what) names to their definitions, found \(Self.shape(node))")
            return []
        }
        var entries = [(name: String, path: String, node: Node)]()
        for (key, value) in mapping {
            let child = "\(path).\(key.scalar?.string ?? "")"
            record(child, key)
            guard let name = name(key, child) else { continue }
            entries.append((name, child, value))
        }
        return entries
    }

    /// A single text value (any scalar, as written).
    func text(_ node: Node, _ path: String) -> String? {
        record(path, node)
        guard let scalar = node.scalar, !Self.isNull(node) else {
            report(.invalidValue, path, "expected a single value, found \(Self.shape(node))")
            return nil
        }
        return scalar.string
    }

    /// A name of a table or column: letters, digits and `_`, not starting with a digit.
    func name(_ node: Node, _ path: String) -> String? {
        guard let text = text(node, path) else { return nil }
        guard Self.isName(text) else {
            report(.invalidValue, path, "'\(text)' is not a valid name (letters, digits and _, not starting with a digit)")
            return nil
        }
        return text
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// A list of names; a single name stands for a list of one when `single` allows it.
    /// `nil` when the node has the wrong shape or a name is invalid.
    func names(_ node: Node, _ path: String, single: Bool = true, nonEmpty: Bool = true) -> [String]? {
        record(path, node)
        if single, node.scalar != nil, !Self.isNull(node) {
            record("\(path)[0]", node)
            return name(node, path).map { [$0] }
        }
        guard let sequence = node.sequence else {
            report(.invalidValue, path, "expected a list of names\(single ? " or one name" : ""), found \(Self.shape(node))")
            return nil
        }
        var names = [String]()
        var valid = true
        for (i, item) in sequence.enumerated() {
            if let name = name(item, "\(path)[\(i)]") { names.append(name) } else { valid = false }
        }
        if valid && nonEmpty && names.isEmpty {
            report(.invalidValue, path, "the list is empty")
            return nil
        }
        var seen = Set<String>()
        for (i, name) in names.enumerated() where !seen.insert(name).inserted {
            report(.duplicateName, "\(path)[\(i)]", "'\(name)' is listed twice")
            valid = false
        }
        return valid ? names : nil
    }

    /// A boolean written `true` or `false`.
    func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = text(node, path) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            report(.invalidValue, path, "expected true or false, found '\(text)'")
            return nil
        }
    }

    /// The items of a list (an absent list has none).
    func items(_ node: Node, _ path: String, what: String) -> [(path: String, node: Node)] {
        record(path, node)
        if Self.isNull(node) { return [] }
        guard let sequence = node.sequence else {
            report(.invalidValue, path, "expected a list of \(what), found \(Self.shape(node))")
            return []
        }
        return sequence.enumerated().map { i, item in
            let child = "\(path)[\(i)]"
            record(child, item)
            return (child, item)
        }
    }
}
