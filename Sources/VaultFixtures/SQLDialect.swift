// SQLDialect.swift: how the SQL engines vaultsim writes DDL for spell types, names and strings.

import VaultColumnar
import VaultHashing

/// A SQL engine's spelling of column types, identifiers and string literals.
///
/// | vaultsim type | DuckDB | PostgreSQL | Snowflake |
/// |---|---|---|---|
/// | `int32` / `int64` | INTEGER / BIGINT | INTEGER / BIGINT | INTEGER / BIGINT |
/// | `double` | DOUBLE | DOUBLE PRECISION | FLOAT |
/// | `decimal(p,s)` | DECIMAL(p,s) | NUMERIC(p,s) | NUMBER(p,s) |
/// | `date` / `time` | DATE / TIME | DATE / TIME | DATE / TIME |
/// | `timestamp` (UTC instant) | TIMESTAMP WITH TIME ZONE | TIMESTAMPTZ | TIMESTAMP_TZ |
/// | `bool` | BOOLEAN | BOOLEAN | BOOLEAN |
/// | `string` | VARCHAR | TEXT | VARCHAR |
/// | `fixed_binary(w)` (binary hash key) | BLOB | BYTEA | BINARY(w) |
/// | hex hash key (`string`) | CHAR(2·digest) | CHAR(2·digest) | CHAR(2·digest) |
public enum SQLDialect: String, CaseIterable, Sendable {
    case duckdb
    case postgres
    case snowflake

    /// The engine's name as people write it.
    public var displayName: String {
        switch self {
        case .duckdb: return "DuckDB"
        case .postgres: return "PostgreSQL"
        case .snowflake: return "Snowflake"
        }
    }

    /// The SQL type of a column of `type`; `hexKeyLength` is set for hash columns stored as hex text.
    public func typeName(_ type: ColumnType, hexKeyLength: Int? = nil) -> String {
        if let hexKeyLength, type == .string { return "CHAR(\(hexKeyLength))" }
        switch (type, self) {
        case (.int32, _): return "INTEGER"
        case (.int64, _): return "BIGINT"
        case (.double, .duckdb): return "DOUBLE"
        case (.double, .postgres): return "DOUBLE PRECISION"
        case (.double, .snowflake): return "FLOAT"
        case (.decimal(let p, let s), .duckdb): return "DECIMAL(\(p),\(s))"
        case (.decimal(let p, let s), .postgres): return "NUMERIC(\(p),\(s))"
        case (.decimal(let p, let s), .snowflake): return "NUMBER(\(p),\(s))"
        case (.date, _): return "DATE"
        case (.time, _): return "TIME"
        case (.timestamp, .duckdb): return "TIMESTAMP WITH TIME ZONE"
        case (.timestamp, .postgres): return "TIMESTAMPTZ"
        case (.timestamp, .snowflake): return "TIMESTAMP_TZ"
        case (.bool, _): return "BOOLEAN"
        case (.string, .postgres): return "TEXT"
        case (.string, _): return "VARCHAR"
        case (.fixedBinary, .duckdb): return "BLOB"
        case (.fixedBinary, .postgres): return "BYTEA"
        case (.fixedBinary(let width), .snowflake): return "BINARY(\(width))"
        }
    }

    /// `name` as an identifier: bare when it is lowercase letters, digits and `_` (starting with a
    /// letter or `_`), double-quoted otherwise (inner quotes doubled).
    public func identifier(_ name: String) -> String {
        let plain = name.utf8.first.map { $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) } ?? false
            && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        return plain ? name : "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// `text` as a single-quoted string literal (Snowflake also treats `\` as an escape character).
    public func literal(_ text: String) -> String {
        var body = text.replacingAll("'", with: "''")
        if self == .snowflake { body = text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "''") }
        return "'" + body + "'"
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
