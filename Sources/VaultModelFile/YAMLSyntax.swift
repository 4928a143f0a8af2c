// YAMLSyntax.swift: Yams' parse errors as diagnostics of one sentence with a line.

import Yams

/// Turns what Yams throws into a ``ModelDiagnostic`` of kind ``ModelDiagnostic/Kind/syntax``
/// (or ``ModelDiagnostic/Kind/duplicateName`` for a key repeated in a mapping).
enum YAMLSyntax {
    static func diagnostic(_ error: any Error, text: String, file: String) -> ModelDiagnostic {
        func syntax(_ line: Int, _ message: String) -> ModelDiagnostic {
            ModelDiagnostic(file: file, line: line, field: "", kind: .syntax, message: message)
        }
        guard let error = error as? YamlError else { return syntax(0, "not YAML: \(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let within = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return syntax(mark.line, "YAML syntax error at column \(mark.column): \(problem)\(within)")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in text.utf8.prefix(offset).filter { $0 == 0x0A }.count + 1 } ?? 0
            return syntax(line, "the file cannot be read as text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let second = repeatedKeyLine(key, after: first, in: text) ?? first
            return ModelDiagnostic(file: file, line: second, field: "", kind: .duplicateName,
                                   message: "'\(key)' is declared twice in the same mapping (first at line \(first))")
        default:
            return syntax(0, "not YAML: \(error)")
        }
    }

    /// The line after `first` where `key:` appears at the same indentation as on line `first`.
    static func repeatedKeyLine(_ key: String, after first: Int, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first >= 1, first <= lines.count else { return nil }
        func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
        let indent = indentation(lines[first - 1])
        for i in first..<lines.count {
            let line = lines[i]
            let body = line.dropFirst(indent)
            if indentation(line) == indent, body.hasPrefix(key), body.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" {
                return i + 1
            }
        }
        return nil
    }
}
