// RecordSourceRule.swift: the record-source column and how its value is made from a table name.

/// The record-source column every vault table carries (`src_source`) and the pattern giving its
/// value from the source table's name: `{table}` is the name as written, `{TABLE}` upper-cased,
/// anything else is literal (`RETAIL.{TABLE}` gives `RETAIL.CUSTOMERS`).
public struct RecordSourceRule: Sendable, Equatable {
    /// The column's name (`record_source`).
    public var srcSource: String
    /// The pattern, with `{table}` and `{TABLE}` placeholders.
    public var pattern: String

    public init(srcSource: String = "record_source", pattern: String) {
        self.srcSource = srcSource
        self.pattern = pattern
    }

    /// The placeholders a pattern may use.
    public static let placeholders = ["{table}", "{TABLE}"]

    /// The record source of rows from source table `table`.
    public func recordSource(of table: String) -> String {
        var text = "", rest = Substring(pattern)
        while !rest.isEmpty {
            if rest.hasPrefix("{TABLE}") {
                text += table.uppercased()
                rest = rest.dropFirst("{TABLE}".count)
            } else if rest.hasPrefix("{table}") {
                text += table
                rest = rest.dropFirst("{table}".count)
            } else {
                text.append(rest.removeFirst())
            }
        }
        return text
    }

    /// The first `{...}` in `pattern` that is not a placeholder, if any.
    static func unknownPlaceholder(in pattern: String) -> String? {
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return String(rest[open...]) }
            let candidate = String(rest[open...close])
            if !placeholders.contains(candidate) { return candidate }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }
}
