// Grid+Interchange.swift: the CSV and JSON forms of a grid.

import VaultExport

extension Grid {
    /// RFC 4180 CSV with a header row and LF line ends: fields with `,`, `"`, CR or LF are quoted
    /// (quotes doubled); NULL is an empty unquoted field, the empty string `""`. Hash keys in full.
    public func csv() -> String {
        var lines = [columns.map { Self.csvField($0.name) }.joined(separator: ",")]
        for row in rows { lines.append(row.map { $0.map(Self.csvField) ?? "" }.joined(separator: ",")) }
        return lines.joined(separator: "\n")
    }

    static func csvField(_ text: String) -> String {
        if text.isEmpty { return "\"\"" }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A JSON array with one object per row, keys in column order; number columns give JSON
    /// numbers (when the cell is one), NULL gives `null`, everything else strings. Hash keys in full.
    public func json() -> String { jsonValue.rendered(indent: 0) }

    /// The rows as a JSON array of objects (see ``json()``), to nest in a larger document.
    public var jsonValue: JSONValue {
        .array(rows.map { row in
            .object(zip(columns, row).map { column, cell in (column.name, Self.jsonValue(cell, kind: column.kind)) })
        })
    }

    static func jsonValue(_ cell: String?, kind: GridColumn.Kind) -> JSONValue {
        guard let cell else { return .null }
        return kind == .number && isJSONNumber(cell) ? .number(cell) : .string(cell)
    }

    /// Whether `text` is a JSON number (`-?digits[.digits][e[+-]digits]`, no leading zeros).
    static func isJSONNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "-" { s.removeFirst() }
        func digits() -> Int {
            let n = s.prefix { $0.isASCII && $0.isNumber }.count
            s.removeFirst(n)
            return n
        }
        let start = s
        let integer = digits()
        guard integer > 0, !(integer > 1 && start.first == "0") else { return false }
        if s.first == "." { s.removeFirst(); guard digits() > 0 else { return false } }
        if s.first == "e" || s.first == "E" {
            s.removeFirst()
            if s.first == "+" || s.first == "-" { s.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return s.isEmpty
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
