// ValueText.swift: the one text form of every typed value (CSV, display, hashing).

/// Writes typed values as text, in one documented dialect (Snowflake's default casts to VARCHAR):
///
/// | type | text | example |
/// |---|---|---|
/// | int32, int64 | decimal digits | `-42` |
/// | decimal(p, s) | digits with exactly `s` decimals | `100.00`, `-0.50` |
/// | double | shortest round-trip form | `0.1` |
/// | date | `YYYY-MM-DD` | `2024-01-31` |
/// | time | `HH:MM:SS` | `13:05:09` |
/// | timestamp | `YYYY-MM-DD HH:MM:SS.fff` (UTC, milliseconds) | `2024-01-31 00:00:00.000` |
/// | bool | `true` / `false` | |
/// | string | the bytes as they are | |
/// | fixed_binary | hex, uppercase unless asked otherwise | `0A1B...` |
///
/// Writers append bytes; none allocates per value beyond the output's growth.
public enum ValueText {
    /// Appends row `row` of `column` (which must be valid) to `out`.
    public static func append(_ column: Column, row: Int, to out: inout [UInt8], hexUppercase: Bool) {
        switch column.type {
        case .string: column.withBytes(at: row) { out.append(contentsOf: $0) }
        case .fixedBinary: column.withBytes(at: row) { appendHex($0, uppercase: hexUppercase, to: &out) }
        default:
            var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &buffer) { scratch in
                let n = column.withReader { write($0, row: row, to: scratch.baseAddress!) }
                out.append(contentsOf: scratch[0..<n])
            }
        }
    }

    /// The most bytes `write(_:row:to:)` writes for a fixed-width value (decimal scale up to 18).
    public static let maximumFixedWidthTextLength = 48

    /// The most bytes `write(_:row:to:)` writes for a value of `type` (a scalar type): an integer
    /// 20 (`-9223372036854775808`), a decimal 22 + scale, a date 10, a time 8, a timestamp 23,
    /// a bool 5; a double up to ``maximumFixedWidthTextLength``.
    public static func maximumTextLength(of type: ColumnType) -> Int {
        switch type {
        case .int32, .int64: return 20
        case .decimal(_, let scale): return 22 + max(scale, 0)
        case .date: return 10
        case .time: return 8
        case .timestamp: return 23
        case .bool: return 5
        case .double, .string, .fixedBinary: return maximumFixedWidthTextLength
        }
    }

    /// Writes the text of row `row` of a scalar (not string, not binary) column through a reader;
    /// ``maximumFixedWidthTextLength`` bytes at most.
    @inlinable
    public static func write(_ reader: ColumnReader, row: Int, to p: UnsafeMutableRawPointer) -> Int {
        switch reader.type {
        case .int32: return writeInteger(Int64(reader.value(row, as: Int32.self)), to: p)
        case .int64: return writeInteger(reader.value(row, as: Int64.self), to: p)
        case .decimal(_, let scale): return writeDecimal(units: reader.value(row, as: Int64.self), scale: scale, to: p)
        case .date: return writeDate(days: Int(reader.value(row, as: Int32.self)), to: p)
        case .time: return writeTime(microseconds: reader.value(row, as: Int64.self), to: p)
        case .timestamp: return writeTimestamp(microseconds: reader.value(row, as: Int64.self), to: p)
        case .bool:
            let text: StaticString = reader.value(row, as: UInt8.self) != 0 ? "true" : "false"
            p.copyMemory(from: text.utf8Start, byteCount: text.utf8CodeUnitCount)
            return text.utf8CodeUnitCount
        case .double:
            var text = reader.value(row, as: Double.self).description
            return text.withUTF8 { utf8 in
                let n = min(utf8.count, maximumFixedWidthTextLength)
                p.copyMemory(from: utf8.baseAddress!, byteCount: n)
                return n
            }
        case .string, .fixedBinary:
            preconditionFailure("write(_:row:to:) is for scalar columns, not \(reader.type)")
        }
    }

    /// Appends a signed integer in decimal.
    public static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let n = withUnsafeMutableBytes(of: &buffer) { writeInteger(value, to: $0.baseAddress!) }
        withUnsafeBytes(of: &buffer) { out.append(contentsOf: $0[0..<n]) }
    }

    /// Writes a signed integer in decimal to `p` (at most 20 bytes); returns the length.
    @inlinable
    public static func writeInteger(_ value: Int64, to p: UnsafeMutableRawPointer) -> Int {
        var length = 0
        if value < 0 { p.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 0, as: UInt8.self); length = 1 }
        return length + writeUnsigned(value.magnitude, to: p + length)
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inlinable
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1, bound: UInt64 = 10
        while count < 20 && value >= bound {
            count += 1
            bound = count < 20 ? bound &* 10 : .max
        }
        return count
    }

    /// Writes `value` in decimal to `p`, two digits at a time from the last; returns the length.
    @inlinable
    static func writeUnsigned(_ value: UInt64, to p: UnsafeMutableRawPointer) -> Int {
        let count = digitCount(value)
        var v = value, end = count
        while v >= 100 {
            let pair = Int(v % 100)
            v /= 100
            end -= 2
            p.storeBytes(of: UInt16(truncatingIfNeeded: 0x3030 | (pair % 10) << 8 | pair / 10), toByteOffset: end, as: UInt16.self)
        }
        if v >= 10 {
            p.storeBytes(of: UInt16(truncatingIfNeeded: 0x3030 | Int(v % 10) << 8 | Int(v / 10)), toByteOffset: 0, as: UInt16.self)
        } else {
            p.storeBytes(of: UInt8(truncatingIfNeeded: v) + 48, toByteOffset: 0, as: UInt8.self)
        }
        return count
    }

    /// Appends a fixed-point decimal: `units` / 10^`scale`, with exactly `scale` decimals.
    public static func appendDecimal(units: Int64, scale: Int, to out: inout [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 24 + scale)
        let n = buffer.withUnsafeMutableBytes { writeDecimal(units: units, scale: scale, to: $0.baseAddress!) }
        out.append(contentsOf: buffer[0..<n])
    }

    /// Writes a fixed-point decimal to `p` (at most 22 + scale bytes); returns the length.
    @inlinable
    public static func writeDecimal(units: Int64, scale: Int, to p: UnsafeMutableRawPointer) -> Int {
        guard scale > 0 else { return writeInteger(units, to: p) }
        var length = 0
        if units < 0 { p.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self); length = 1 }
        if scale == 2 {
            // Money: division by a constant (a multiplication), the cents as one two-digit store.
            let magnitude = units.magnitude, cents = Int(magnitude % 100)
            length += writeUnsigned(magnitude / 100, to: p + length)
            p.storeBytes(of: UInt8(ascii: "."), toByteOffset: length, as: UInt8.self)
            p.storeBytes(of: UInt16(truncatingIfNeeded: 0x3030 | (cents % 10) << 8 | cents / 10), toByteOffset: length + 1, as: UInt16.self)
            return length + 3
        }
        var pow: UInt64 = 1
        for _ in 0..<scale { pow &*= 10 }
        let magnitude = units.magnitude
        length += writeUnsigned(magnitude / pow, to: p + length)
        p.storeBytes(of: UInt8(ascii: "."), toByteOffset: length, as: UInt8.self)
        length += 1
        var fraction = magnitude % pow
        for k in stride(from: scale - 1, through: 0, by: -1) {
            p.storeBytes(of: UInt8(truncatingIfNeeded: fraction % 10) + 48, toByteOffset: length + k, as: UInt8.self)
            fraction /= 10
        }
        return length + scale
    }

    /// Appends `YYYY-MM-DD`.
    public static func appendDate(days: Int, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64) = (0, 0)
        let n = withUnsafeMutableBytes(of: &buffer) { writeDate(days: days, to: $0.baseAddress!) }
        withUnsafeBytes(of: &buffer) { out.append(contentsOf: $0[0..<n]) }
    }

    /// Writes `YYYY-MM-DD` (years 0...9999; 10 bytes) to `p`; returns the length.
    @inlinable
    public static func writeDate(days: Int, to p: UnsafeMutableRawPointer) -> Int {
        let date = CivilDate(daysSinceEpoch: days)
        let year = min(max(date.year, 0), 9999)
        writeDigits(year, count: 4, to: p)
        p.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 4, as: UInt8.self)
        writeDigits(date.month, count: 2, to: p + 5)
        p.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 7, as: UInt8.self)
        writeDigits(date.day, count: 2, to: p + 8)
        return 10
    }

    /// Appends `HH:MM:SS`.
    public static func appendTime(microseconds: Int64, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64) = (0, 0)
        let n = withUnsafeMutableBytes(of: &buffer) { writeTime(microseconds: microseconds, to: $0.baseAddress!) }
        withUnsafeBytes(of: &buffer) { out.append(contentsOf: $0[0..<n]) }
    }

    /// Writes `HH:MM:SS` (8 bytes) to `p`; returns the length.
    @inlinable
    public static func writeTime(microseconds: Int64, to p: UnsafeMutableRawPointer) -> Int {
        // A time of day; a value outside one day (from a damaged or foreign file) wraps into it.
        let seconds = Int((microseconds / 1_000_000) % 86_400 + 86_400) % 86_400
        writeDigits(seconds / 3600, count: 2, to: p)
        p.storeBytes(of: UInt8(ascii: ":"), toByteOffset: 2, as: UInt8.self)
        writeDigits(seconds / 60 % 60, count: 2, to: p + 3)
        p.storeBytes(of: UInt8(ascii: ":"), toByteOffset: 5, as: UInt8.self)
        writeDigits(seconds % 60, count: 2, to: p + 6)
        return 8
    }

    /// Appends `YYYY-MM-DD HH:MM:SS.fff`.
    public static func appendTimestamp(microseconds: Int64, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let n = withUnsafeMutableBytes(of: &buffer) { writeTimestamp(microseconds: microseconds, to: $0.baseAddress!) }
        withUnsafeBytes(of: &buffer) { out.append(contentsOf: $0[0..<n]) }
    }

    /// Writes `YYYY-MM-DD HH:MM:SS.fff` (23 bytes) to `p`; returns the length.
    @inlinable
    public static func writeTimestamp(microseconds: Int64, to p: UnsafeMutableRawPointer) -> Int {
        let perDay: Int64 = 86_400_000_000
        var days = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 { rest += perDay; days -= 1 }
        _ = writeDate(days: Int(days), to: p)
        p.storeBytes(of: UInt8(ascii: " "), toByteOffset: 10, as: UInt8.self)
        _ = writeTime(microseconds: rest, to: p + 11)
        p.storeBytes(of: UInt8(ascii: "."), toByteOffset: 19, as: UInt8.self)
        writeDigits(Int(rest / 1000 % 1000), count: 3, to: p + 20)
        return 23
    }

    /// Writes `value` as exactly `count` zero-padded decimal digits.
    @inlinable
    public static func writeDigits(_ value: Int, count: Int, to p: UnsafeMutableRawPointer) {
        var v = value
        for k in stride(from: count - 1, through: 0, by: -1) {
            p.storeBytes(of: UInt8(truncatingIfNeeded: v % 10) + 48, toByteOffset: k, as: UInt8.self)
            v /= 10
        }
    }

    /// Appends `bytes` as hex.
    public static func appendHex(_ bytes: UnsafeRawBufferPointer, uppercase: Bool, to out: inout [UInt8]) {
        let digits: StaticString = uppercase ? "0123456789ABCDEF" : "0123456789abcdef"
        let table = digits.utf8Start
        for b in bytes {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 15)])
        }
    }
}
