// NarrowIntegers.swift: 64-bit integer columns held as 32 bits while every value fits.

import VaultColumnar

/// Holds a column of 64-bit integers (`int64`, `decimal`) as an `int32` column while every value
/// fits in 32 bits, and gives it back widened, byte for byte (the values of NULL rows included).
///
/// Money in a satellite is a `decimal(10,2)` stored in 64 bits, yet a sales line's amounts are far
/// below 2^31 cents: held narrow, `sat_sales_metrics`' six amounts take 24 bytes a row instead of 48.
/// A value that does not fit widens the whole column for good (``widened(_:to:)``), so any
/// value is still held exactly.
enum NarrowIntegers {
    /// Whether columns of `type` are held narrow while they fit.
    static func applies(to type: ColumnType) -> Bool {
        switch type {
        case .int64, .decimal: return true
        default: return false
        }
    }

    /// Whether every value of `column` (a 64-bit integer column) fits in 32 bits.
    static func fits(_ column: Column) -> Bool {
        column.withUnsafeValues(as: Int64.self) { values in values.allSatisfy { Int64(Int32(truncatingIfNeeded: $0)) == $0 } }
    }

    /// `column` (whose values all fit) as an `int32` column with the same validity.
    static func narrowed(_ column: Column) -> Column {
        var values = AlignedBuffer(capacity: column.count * 4)
        column.withUnsafeValues(as: Int64.self) { wide in
            values.appendUninitialized(maximum: wide.count * 4) { out in
                let narrow = out.bindMemory(to: Int32.self)
                for (i, value) in wide.enumerated() { narrow[i] = Int32(truncatingIfNeeded: value) }
                return wide.count * 4
            }
        }
        return Column(builtType: .int32, validity: column.validity, values: values)
    }

    /// `column` (an `int32` column held narrow) back as a column of `type`, each value sign-extended.
    static func widened(_ column: Column, to type: ColumnType) -> Column {
        var values = AlignedBuffer(capacity: column.count * 8)
        column.withUnsafeValues(as: Int32.self) { narrow in
            values.appendUninitialized(maximum: narrow.count * 8) { out in
                let wide = out.bindMemory(to: Int64.self)
                for (i, value) in narrow.enumerated() { wide[i] = Int64(value) }
                return narrow.count * 8
            }
        }
        return Column(builtType: type, validity: column.validity, values: values)
    }
}
