// TypesSample.swift: one deterministic table holding every column type, with NULLs and edge values.

import VaultColumnar

/// A table that covers every ``ColumnType`` (the vault and its sources use only some of them),
/// for checking exporters and readers: `vaultsim export --what types-sample`.
///
/// Columns: a NOT NULL `id`, then one nullable column per type (NULLs at different strides),
/// a dictionary-encoded string, a unique and a repeated hash key. Rows 0...3 hold the edge values
/// (type minimums and maximums, zero, negative zero, the empty string, text that CSV must quote,
/// non-ASCII text, dates before 1970); the rest follow simple formulas.
public enum TypesSample {
    /// The table's name.
    public static let name = "types_sample"

    /// The schema.
    public static let schema = Schema([
        Field("id", .int32, nullable: false),
        Field("int32_value", .int32), Field("int64_value", .int64), Field("double_value", .double),
        Field("small_decimal", .decimal(precision: 5, scale: 2)), Field("money", .decimal(precision: 18, scale: 4)),
        Field("date_value", .date), Field("time_value", .time), Field("timestamp_value", .timestamp),
        Field("bool_value", .bool), Field("text", .string), Field("category", .string),
        Field("hash_key", .fixedBinary(width: 16), nullable: false), Field("parent_key", .fixedBinary(width: 16)),
    ])

    static let texts = ["plain", "", "with,comma", "with \"quotes\"", "line\nbreak", " padded ", "ümlaut ✓", "Zebra", "apple"]
    static let categories = ["RETAIL", "ONLINE", "WHOLESALE", "é-commerce"]

    /// The sample with `rows` rows (at least 4, for the edge values).
    public static func table(rows: Int = 1000) -> Table {
        precondition(rows >= 4, "the types sample needs at least 4 rows")
        var table = Table(name: name, schema: schema, capacity: rows, dictionaryEncoded: ["category"])
        table.withColumns { c in
            for i in 0..<rows {
                let n = Int64(i)
                c[0].append(Int32(i))
                append(&c[1], i % 11 == 3) { [Int32.min, Int32.max, 0, -1][safe: i] ?? Int32(truncatingIfNeeded: n * 7919 % 2001 - 1000) }
                append(&c[2], i % 13 == 5) { [Int64.min, Int64.max, 0, -1][safe: i] ?? n * 1_000_000_007 * (i % 2 == 0 ? 1 : -1) }
                append(&c[3], i % 7 == 1) { [-0.0, 1e300, -2.5e-300, 0.1][safe: i] ?? Double(i) * 0.37 - 50 }
                append(&c[4], i % 10 == 4) { [-99_999, 99_999, 0, -1][safe: i] ?? (n * 4_567 % 199_999) - 99_999 }
                append(&c[5], i % 9 == 2) {
                    [-999_999_999_999_999_999, 999_999_999_999_999_999, 0, -1][safe: i] ?? n * 123_456_789 - 5_000_000_000
                }
                append(&c[6], i % 12 == 6) { [Int32(-25_567), 2_932_896, 0, -1][safe: i] ?? Int32(truncatingIfNeeded: n * 37 % 40_000 - 20_000) }
                append(&c[7], i % 8 == 5) { [Int64(0), 86_399_999_999, 1, 43_200_000_000][safe: i] ?? n * 86_399_999_999 / Int64(rows) }
                append(&c[8], i % 14 == 9) {
                    [Int64(-2_208_988_800_000_000), 253_402_300_799_999_000, 0, -1_000][safe: i]
                        ?? 1_704_067_200_000_000 + (n - Int64(rows / 2)) * 3_600_123_456
                }
                if i % 5 == 0 { c[9].appendNull() } else { c[9].append(bool: i % 3 == 0) }
                if i % 6 == 2 { c[10].appendNull() } else { c[10].append(string: texts[i % texts.count] + (i < 9 ? "" : String(i % 50))) }
                if i % 8 == 7 { c[11].appendNull() } else { c[11].append(string: categories[i % categories.count]) }
                withUnsafeBytes(of: key(n)) { c[12].append(binary: $0) }
                if i % 17 == 3 { c[13].appendNull() } else { withUnsafeBytes(of: key(n % 10 + 1_000_000)) { c[13].append(binary: $0) } }
            }
        }
        return table
    }

    private static func append<T: BitwiseCopyable>(_ column: inout Column, _ isNull: Bool, _ value: () -> T) {
        if isNull { column.appendNull() } else { column.append(value()) }
    }

    /// 16 well-mixed bytes from `n` (SplitMix64 twice).
    private static func key(_ n: Int64) -> (UInt64, UInt64) {
        func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let a = mix(UInt64(bitPattern: n))
        return (a, mix(a))
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
