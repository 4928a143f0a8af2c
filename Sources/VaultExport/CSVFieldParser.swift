// CSVFieldParser.swift: typed values parsed straight from field bytes, no String per field.

import VaultColumnar

/// Why a field's bytes are not a value of their column's type.
enum CSVFieldFailure: Error, Equatable {
    /// Not text of the type at all (`x2` for an int32).
    case invalid
    /// A number outside the type's range.
    case outOfRange
    /// A decimal with more fraction digits than the scale.
    case tooManyDecimals
    /// A decimal with more integer digits than precision minus scale.
    case tooManyDigits
    /// `YYYY-MM-DD` that is no calendar day (`2023-02-29`), or an hour/minute/second out of range.
    case invalidCalendar
    /// Invalid UTF-8, at this byte offset of the field.
    case invalidUTF8(at: Int)
}

/// Parsers for the text forms of ``ValueText`` (and a few forms users' tools write), reading
/// `count` bytes at `p`. Each returns the value as stored in a column's values buffer or throws a
/// ``CSVFieldFailure``; none allocates.
///
/// | type | accepted |
/// |---|---|
/// | int32, int64 | optional `-`/`+`, digits |
/// | decimal(p, s) | optional sign, digits, optionally `.` and 1...s digits; at most p - s integer digits |
/// | date | `YYYY-MM-DD`, a real calendar day |
/// | time | `HH:MM:SS`, optionally `.f` to `.ffffff` |
/// | timestamp | date, `' '` or `T`, time (UTC) |
/// | bool | `true`/`false` in any case, `1`/`0` |
/// | fixed_binary(w) | exactly 2w hex digits, either case |
enum CSVFieldParser {
    @inline(__always)
    static func digit(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int? {
        let d = Int(p[i]) &- 48
        return d >= 0 && d <= 9 ? d : nil
    }

    /// A signed integer in `minimum...maximum`.
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>, _ count: Int, minimum: Int64, maximum: Int64)
        throws(CSVFieldFailure) -> Int64 {
        var i = 0
        var negative = false
        if count > 0 && (p[0] == 45 || p[0] == 43) {
            negative = p[0] == 45
            i = 1
        }
        guard i < count else { throw .invalid }
        var magnitude: UInt64 = 0
        var overflow = false
        while i < count {
            let d = UInt64(p[i]) &- 48
            guard d <= 9 else { throw .invalid }
            if magnitude > 922_337_203_685_477_580 { overflow = true } else { magnitude = magnitude &* 10 &+ d }
            i += 1
        }
        // 922_337_203_685_477_580 * 10 + 9 still fits a UInt64, so `magnitude` is exact unless `overflow`.
        guard !overflow else { throw .outOfRange }
        if negative {
            guard magnitude <= UInt64(minimum.magnitude) else { throw .outOfRange }
            return 0 &- Int64(truncatingIfNeeded: magnitude)
        }
        guard magnitude <= UInt64(maximum) else { throw .outOfRange }
        return Int64(magnitude)
    }

    /// A decimal as units of 10^-`scale`.
    @inline(__always)
    static func decimal(_ p: UnsafePointer<UInt8>, _ count: Int, precision: Int, scale: Int)
        throws(CSVFieldFailure) -> Int64 {
        var i = 0
        var negative = false
        if count > 0 && (p[0] == 45 || p[0] == 43) {
            negative = p[0] == 45
            i = 1
        }
        var integerPart: Int64 = 0
        var integerDigits = 0
        let integerStart = i
        while i < count, let d = digit(p, i) {
            if integerDigits > 0 || d != 0 { integerDigits += 1 }
            if integerDigits <= 18 { integerPart = integerPart &* 10 &+ Int64(d) }
            i += 1
        }
        guard i > integerStart else { throw .invalid }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if i < count {
            guard p[i] == 46 else { throw .invalid }
            i += 1
            let fractionStart = i
            while i < count, let d = digit(p, i) {
                fractionDigits += 1
                if fractionDigits <= 18 { fraction = fraction &* 10 &+ Int64(d) }
                i += 1
            }
            guard i == count, i > fractionStart else { throw .invalid }
        }
        guard fractionDigits <= scale else { throw .tooManyDecimals }
        guard integerDigits <= precision - scale else { throw .tooManyDigits }
        var units = integerPart
        for _ in 0..<scale { units &*= 10 }
        var fractionUnits = fraction
        for _ in fractionDigits..<scale { fractionUnits &*= 10 }
        units &+= fractionUnits
        return negative ? 0 &- units : units
    }

    /// Two digits at `i` as a number, or nil.
    @inline(__always)
    static func twoDigits(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int? {
        guard let a = digit(p, i), let b = digit(p, i + 1) else { return nil }
        return a * 10 + b
    }

    /// `YYYY-MM-DD` as days since 1970-01-01.
    @inline(__always)
    static func date(_ p: UnsafePointer<UInt8>, _ count: Int) throws(CSVFieldFailure) -> Int32 {
        guard count == 10, p[4] == 45, p[7] == 45,
              let y1 = twoDigits(p, 0), let y2 = twoDigits(p, 2),
              let month = twoDigits(p, 5), let day = twoDigits(p, 8) else { throw .invalid }
        let date = CivilDate(year: y1 * 100 + y2, month: month, day: day)
        guard date.isValid else { throw .invalidCalendar }
        return Int32(date.daysSinceEpoch)
    }

    /// `HH:MM:SS[.ffffff]` as microseconds since midnight.
    @inline(__always)
    static func time(_ p: UnsafePointer<UInt8>, _ count: Int) throws(CSVFieldFailure) -> Int64 {
        guard count >= 8, p[2] == 58, p[5] == 58,
              let hours = twoDigits(p, 0), let minutes = twoDigits(p, 3), let seconds = twoDigits(p, 6)
        else { throw .invalid }
        var micros: Int64 = 0
        if count > 8 {
            guard p[8] == 46, count >= 10, count <= 15 else { throw .invalid }
            var scale: Int64 = 100_000
            for i in 9..<count {
                guard let d = digit(p, i) else { throw .invalid }
                micros += Int64(d) * scale
                scale /= 10
            }
        }
        guard hours < 24, minutes < 60, seconds < 60 else { throw .invalidCalendar }
        return Int64(hours * 3600 + minutes * 60 + seconds) * 1_000_000 + micros
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` (or with `T`) as microseconds since the Unix epoch.
    @inline(__always)
    static func timestamp(_ p: UnsafePointer<UInt8>, _ count: Int) throws(CSVFieldFailure) -> Int64 {
        guard count >= 19, p[10] == 32 || p[10] == 84 else { throw .invalid }
        let days = try date(p, 10)
        let micros = try time(p + 11, count - 11)
        return Int64(days) * 86_400_000_000 + micros
    }

    /// `true`/`false` (any case) or `1`/`0`, as 1 or 0.
    @inline(__always)
    static func bool(_ p: UnsafePointer<UInt8>, _ count: Int) throws(CSVFieldFailure) -> UInt8 {
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == count else { return false }
            for i in 0..<count where p[i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        if count == 1 && (p[0] == 48 || p[0] == 49) { return p[0] &- 48 }
        if matches("true") { return 1 }
        if matches("false") { return 0 }
        throw .invalid
    }

    /// A double in Swift's text forms (the form `ValueText` writes). Not a hot path: no source
    /// table has a double column, so this builds a short `String`.
    static func double(_ p: UnsafePointer<UInt8>, _ count: Int) throws(CSVFieldFailure) -> Double {
        guard count > 0, count <= 64 else { throw .invalid }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        guard let value = Double(text) else { throw .invalid }
        return value
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }

    /// Checks that the field is exactly `2 * width` hex digits.
    static func checkHex(_ p: UnsafePointer<UInt8>, _ count: Int, width: Int) throws(CSVFieldFailure) {
        guard count == 2 * width else { throw .invalid }
        for i in 0..<count where hexValue(p[i]) == nil { throw .invalid }
    }

    /// Decodes `2 * width` checked hex digits into `out`.
    static func decodeHex(_ p: UnsafePointer<UInt8>, width: Int, into out: UnsafeMutableRawPointer) {
        for i in 0..<width {
            let byte = (hexValue(p[2 * i])! << 4) | hexValue(p[2 * i + 1])!
            out.storeBytes(of: byte, toByteOffset: i, as: UInt8.self)
        }
    }

    /// Checks that the bytes are well-formed UTF-8 (no overlong forms, no surrogates, at most
    /// U+10FFFF). ASCII runs are checked eight bytes at a time.
    @inline(__always)
    static func checkUTF8(_ p: UnsafePointer<UInt8>, _ count: Int) throws(CSVFieldFailure) {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < count {
            if p[i] < 0x80 { i += 1; continue }
            try checkUTF8Sequence(p, count, at: &i)
        }
    }

    /// Checks one multi-byte sequence starting at `i` and moves past it.
    static func checkUTF8Sequence(_ p: UnsafePointer<UInt8>, _ count: Int, at i: inout Int) throws(CSVFieldFailure) {
        let start = i
        let lead = p[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw .invalidUTF8(at: start)
        }
        guard start + length <= count else { throw .invalidUTF8(at: start) }
        guard p[start + 1] >= low && p[start + 1] <= high else { throw .invalidUTF8(at: start) }
        for k in 2..<max(length, 2) where p[start + k] & 0xC0 != 0x80 { throw .invalidUTF8(at: start) }
        i = start + length
    }
}
