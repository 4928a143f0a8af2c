// ColumnType.swift: the logical types a column can hold, fields and schemas.

/// The logical type of a column and how its values are laid out in memory.
///
/// | type | values buffer | bytes buffer |
/// |---|---|---|
/// | `int32`, `date` | `Int32` per row (`date`: days since 1970-01-01) | unused |
/// | `int64`, `time`, `timestamp` | `Int64` per row (`time`: microseconds since midnight; `timestamp`: microseconds since the Unix epoch, UTC) | unused |
/// | `double` | `Double` per row | unused |
/// | `decimal(precision:scale:)` | `Int64` per row: the value times 10^scale | unused |
/// | `bool` | one byte per row, 0 or 1 | unused |
/// | `string` | plain: `Int64` offsets, `count + 1`; dictionary: `Int32` codes | plain: UTF-8 bytes |
/// | `fixedBinary(width:)` | `width` bytes per row (hash keys) | unused |
///
/// A NULL row keeps a zero value (fixed width) or an empty range (strings), so buffers are
/// deterministic byte for byte.
public enum ColumnType: Hashable, Sendable, CustomStringConvertible {
    case int32
    case int64
    case double
    /// Fixed-point decimal: an `Int64` holding the value times 10^`scale` (money).
    case decimal(precision: Int, scale: Int)
    /// Calendar date, days since 1970-01-01.
    case date
    /// Time of day, microseconds since midnight.
    case time
    /// Instant, microseconds since 1970-01-01 00:00:00 UTC.
    case timestamp
    case bool
    /// UTF-8 text, plain (offsets + bytes) or dictionary encoded.
    case string
    /// Fixed-size binary of `width` bytes: hash keys in binary form.
    case fixedBinary(width: Int)

    /// Bytes per row in the values buffer, or `nil` for strings (whose width depends on the encoding).
    public var fixedWidth: Int? {
        switch self {
        case .int32, .date: return 4
        case .int64, .time, .timestamp, .double, .decimal: return 8
        case .bool: return 1
        case .string: return nil
        case .fixedBinary(let width): return width
        }
    }

    public var description: String {
        switch self {
        case .int32: return "int32"
        case .int64: return "int64"
        case .double: return "double"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .date: return "date"
        case .time: return "time"
        case .timestamp: return "timestamp"
        case .bool: return "bool"
        case .string: return "string"
        case .fixedBinary(let w): return "fixed_binary(\(w))"
        }
    }

    /// Parses the form printed by `description` (used by manifests).
    public init?(parsing text: String) {
        switch text {
        case "int32": self = .int32
        case "int64": self = .int64
        case "double": self = .double
        case "date": self = .date
        case "time": self = .time
        case "timestamp": self = .timestamp
        case "bool": self = .bool
        case "string": self = .string
        default:
            func arguments(_ prefix: String) -> [Int]? {
                guard text.hasPrefix(prefix + "("), text.hasSuffix(")") else { return nil }
                let inner = text.dropFirst(prefix.count + 1).dropLast()
                let parts = inner.split(separator: ",").map { Int($0) }
                return parts.contains(where: { $0 == nil }) ? nil : parts.map { $0! }
            }
            if let a = arguments("decimal"), a.count == 2, (1...18).contains(a[0]), (0...a[0]).contains(a[1]) {
                self = .decimal(precision: a[0], scale: a[1])
            } else if let a = arguments("fixed_binary"), a.count == 1, (1...4096).contains(a[0]) {
                self = .fixedBinary(width: a[0])
            } else {
                return nil
            }
        }
    }
}

/// A named, typed column slot in a schema.
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: ColumnType
    /// Whether the column may hold NULLs (informational; used by DDL and audits).
    public var nullable: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// An ordered list of fields with unique names.
public struct Schema: Hashable, Sendable {
    public let fields: [Field]

    public init(_ fields: [Field]) {
        var seen = Set<String>()
        for field in fields {
            precondition(seen.insert(field.name).inserted, "duplicate column name \(field.name)")
        }
        self.fields = fields
    }

    /// The position of the field called `name`, if any.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }
}
