// ByteCursor.swift: writing ids, digits and words straight into a column's string bytes.

import VaultColumnar

/// A write position inside a buffer handed out by `Column.appendString(maximumLength:_:)`.
///
/// The caller reserves enough room (`maximumLength`); writes are unchecked in release builds
/// and asserted in debug builds.
struct ByteCursor {
    let base: UnsafeMutableRawPointer
    let limit: Int
    var count = 0

    @inline(__always)
    init(_ buffer: UnsafeMutableRawBufferPointer) {
        base = buffer.baseAddress!
        limit = buffer.count
    }

    @inline(__always)
    init(base: UnsafeMutableRawPointer, limit: Int) {
        self.base = base
        self.limit = limit
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        assert(count < limit, "ByteCursor overflow")
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    mutating func word(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        assert(count + n <= limit, "ByteCursor overflow")
        if n <= 16 {
            // Short words (key prefixes, names): a byte loop beats a call to memmove.
            let source = s.utf8Start
            for i in 0..<n { base.storeBytes(of: source[i], toByteOffset: count + i, as: UInt8.self) }
        } else {
            (base + count).copyMemory(from: s.utf8Start, byteCount: n)
        }
        count += n
    }

    /// Writes `value` as exactly `width` zero-padded digits (more when it does not fit).
    ///
    /// Fast path (a value that fits, `width` <= 16, 8 bytes of room, 16 past 8 digits): the digits are made eight
    /// at a time in a register (``eightDigits(_:)``) and stored with one or two unaligned 8-byte
    /// writes; bytes stored past the digits stay inside the room and are overwritten by what
    /// follows or are not counted.
    @inline(__always)
    mutating func digits(_ value: Int, width: Int) {
        if width <= 16 && count + (width <= 8 ? 8 : 16) <= limit && value >= 0 && value < pow10(width) {
            let v = UInt64(value)
            if width <= 8 {
                let text = Self.eightDigits(v) >> UInt64(8 * (8 - width))
                (base + count).storeBytes(of: text.littleEndian, as: UInt64.self)
            } else {
                let high = Self.eightDigits(v / 100_000_000) >> UInt64(8 * (16 - width))
                (base + count).storeBytes(of: high.littleEndian, as: UInt64.self)
                (base + count + width - 8).storeBytes(of: Self.eightDigits(v % 100_000_000).littleEndian, as: UInt64.self)
            }
            count += width
            return
        }
        slowDigits(value, width: width)
    }

    /// The eight ASCII digits of `n` (< 10^8, zero-padded) as a little-endian word: the first
    /// digit in the lowest byte. SWAR: split into two 4-digit lanes, then 2-digit, then 1-digit
    /// lanes, with multiply-shift divisions exact in these ranges (x / 100 = x·10486 >> 20 for
    /// x < 43,699; x / 10 = x·103 >> 10 for x < 179), no lane overflowing into the next.
    @inline(__always)
    static func eightDigits(_ n: UInt64) -> UInt64 {
        assert(n < 100_000_000)
        var v = (n / 10_000) | (n % 10_000) << 32
        let hundreds = ((v &* 10486) >> 20) & 0x0000_007F_0000_007F
        v = hundreds | (v &- hundreds &* 100) << 16
        let tens = ((v &* 103) >> 10) & 0x000F_000F_000F_000F
        v = tens | (v &- tens &* 10) << 8
        return v &+ 0x3030_3030_3030_3030
    }

    /// ``digits(_:width:)`` a byte at a time: values wider than `width`, or little room.
    @inline(never)
    mutating func slowDigits(_ value: Int, width: Int) {
        var n = width
        let limitValue = pow10(width)
        if value >= limitValue {
            var v = value / limitValue
            while v > 0 { n += 1; v /= 10 }
        }
        var rest = value
        var k = n
        assert(count + n <= limit, "ByteCursor overflow")
        // Two digits per step from a 200-byte table in read-only data.
        let pairs = ByteCursor.digitPairs.utf8Start
        while k >= 2 {
            let pair = rest % 100
            rest /= 100
            k -= 2
            base.storeBytes(of: pairs[2 * pair], toByteOffset: count + k, as: UInt8.self)
            base.storeBytes(of: pairs[2 * pair + 1], toByteOffset: count + k + 1, as: UInt8.self)
        }
        if k == 1 { base.storeBytes(of: UInt8(truncatingIfNeeded: rest % 10) &+ 48, toByteOffset: count, as: UInt8.self) }
        count += n
    }

    static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes `value` in decimal without padding. Fast path (0 <= value < 10^8, 8 bytes of room):
    /// the digits made in a register (``eightDigits(_:)``), their number counted without branches
    /// (a loop per digit mispredicts its exit once a number), one 8-byte store.
    @inline(__always)
    mutating func number(_ value: Int) {
        if value >= 0 && value < 100_000_000 && count + 8 <= limit {
            var n = 1
            var power = 10
            for _ in 1..<8 {
                n &+= value >= power ? 1 : 0
                power &*= 10
            }
            let text = Self.eightDigits(UInt64(value)) >> UInt64(8 * (8 - n))
            (base + count).storeBytes(of: text.littleEndian, as: UInt64.self)
            count += n
            return
        }
        count += ValueText.writeInteger(Int64(value), to: base + count)
    }

    /// Writes a business key: `prefix` and `number` zero-padded to `width` digits, spelled
    /// according to `noise` (0: clean; see ``KeyNoise``). The clean spelling is inlined; the
    /// noisy one (about one key in a hundred) is a call.
    @inline(__always)
    mutating func key(_ prefix: StaticString, _ number: Int, width: Int, noise: UInt64 = 0) {
        if noise == 0 {
            word(prefix)
            digits(number, width: width)
        } else {
            noisyKey(prefix, number, width: width, noise: noise)
        }
    }

    @inline(never)
    mutating func noisyKey(_ prefix: StaticString, _ number: Int, width: Int, noise: UInt64) {
        let form = KeyNoise(rawValue: noise)
        if form.leadingSpace { byte(32) }
        let start = count
        word(prefix)
        if form.lowercase {
            for i in start..<count {
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                if b >= 65 && b <= 90 { base.storeBytes(of: b | 0x20, toByteOffset: i, as: UInt8.self) }
            }
        }
        digits(number, width: width)
        if form.trailingSpace { byte(32) }
    }
}

/// 10^n for n in 0...18.
@inline(__always)
func pow10(_ n: Int) -> Int {
    var p = 1
    for _ in 0..<n { p &*= 10 }
    return p
}

/// The spelling of a noisy business key: a non-zero value picks one of seven forms.
struct KeyNoise {
    var rawValue: UInt64
    var leadingSpace: Bool { rawValue & 1 != 0 }
    var trailingSpace: Bool { rawValue & 2 != 0 }
    var lowercase: Bool { rawValue & 4 != 0 }

    /// A noise form (1...7) from random bits, or 0 when `bits` (16 random bits) are above `threshold`.
    @inline(__always)
    static func draw(_ bits: UInt64, threshold: UInt64) -> UInt64 {
        (bits & 0xFFFF) < threshold ? 1 + (bits >> 16) % 7 : 0
    }
}
