// RLEHybrid.swift: Parquet's RLE / bit-packing hybrid (definition levels, dictionary indices).

/// The RLE / bit-packing hybrid encoding of small unsigned integers of `bitWidth` bits.
///
/// ```
///  encoded   := run*
///  run       := rle-run | bit-packed-run
///  rle-run   := varint(count << 1)        value in ceil(bitWidth / 8) bytes, little endian
///  bit-packed-run := varint(groups << 1 | 1)  groups x 8 values, bitWidth bits each,
///                   packed from the least significant bit of the first byte
/// ```
///
/// The encoder writes an RLE run for every repetition of at least 8 equal values (and for a
/// final run of equal values of any length), and bit-packs the rest in groups of 8; the last
/// group is padded with zeros, which readers ignore because they know the value count. The
/// output depends only on the input, so pages are deterministic.
public enum RLEHybrid {
    /// Appends the encoding of `count` values, value `i` being `value(i)` (< 2^bitWidth).
    ///
    /// - Complexity: O(count).
    @inlinable
    public static func encode(count: Int, bitWidth: Int, into out: inout [UInt8], value: (Int) -> UInt32) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) out of 0...32")
        var i = 0
        while i < count {
            let v = value(i)
            var run = 1
            while i + run < count && value(i + run) == v { run += 1 }
            if run >= 8 || i + run == count {
                appendRLERun(value: v, count: run, bitWidth: bitWidth, into: &out)
                i += run
                continue
            }
            // Bit-pack groups of 8 until a group starts a run of 8 equal values.
            let start = i
            var groups = 0
            repeat {
                i += 8
                groups += 1
            } while i < count && !startsRun(at: i, count: count, value: value)
            appendVarint(UInt64(groups) << 1 | 1, into: &out)
            var accumulator: UInt64 = 0
            var bits = 0
            for j in start..<start + groups * 8 {
                let v = j < count ? value(j) : 0
                assert(bitWidth == 32 || v >> UInt32(bitWidth) == 0, "value \(v) wider than \(bitWidth) bits")
                accumulator |= UInt64(v) << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator >>= 8
                    bits -= 8
                }
            }
            i = min(i, count)
        }
    }

    /// Whether values `i..<i+8` exist and are equal.
    @inlinable
    static func startsRun(at i: Int, count: Int, value: (Int) -> UInt32) -> Bool {
        guard i + 8 <= count else { return false }
        let v = value(i)
        for k in 1..<8 where value(i + k) != v { return false }
        return true
    }

    @inlinable
    static func appendRLERun(value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        appendVarint(UInt64(count) << 1, into: &out)
        var v = value
        for _ in 0..<(bitWidth + 7) / 8 {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    @inlinable
    static func appendVarint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The number of bits needed for values up to `maximum` (at least 1, as most writers do).
    public static func bitWidth(forMaximum maximum: Int) -> Int {
        max(1, Int.bitWidth - maximum.leadingZeroBitCount)
    }

    /// Decodes `count` values from `bytes`; throws when the runs end early or are malformed.
    /// Returns the values and the number of bytes consumed.
    public static func decode(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int) throws(ParquetError) -> (values: [UInt32], consumed: Int) {
        guard (0...32).contains(bitWidth) else { throw .malformedMetadata("RLE bit width \(bitWidth) out of 0...32") }
        var values: [UInt32] = []
        values.reserveCapacity(count)
        var position = 0
        func fail(_ reason: String) -> ParquetError { .malformedMetadata("RLE/bit-packed data at byte \(position): \(reason)") }
        while values.count < count {
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count else { throw fail("ends after \(values.count) of \(count) values") }
                let b = bytes[position]
                position += 1
                guard shift < 64 else { throw fail("run header longer than 10 bytes") }
                header |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            if header & 1 == 0 {
                let run = Int(clamping: header >> 1)
                let width = (bitWidth + 7) / 8
                guard run > 0 else { throw fail("empty RLE run") }
                guard bytes.count - position >= width else { throw fail("RLE value cut short") }
                var v: UInt32 = 0
                for k in 0..<width { v |= UInt32(bytes[position + k]) << UInt32(8 * k) }
                position += width
                values.append(contentsOf: repeatElement(v, count: min(run, count - values.count)))
            } else {
                let groups = Int(clamping: header >> 1)
                guard groups <= (bytes.count - position) / max(bitWidth, 1) + 1 else { throw fail("bit-packed run longer than the data") }
                let byteCount = groups * bitWidth
                guard bytes.count - position >= byteCount else { throw fail("bit-packed run cut short") }
                var accumulator: UInt64 = 0
                var bits = 0
                var cursor = position
                let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
                for _ in 0..<groups * 8 {
                    while bits < bitWidth {
                        accumulator |= UInt64(bytes[cursor]) << UInt64(bits)
                        cursor += 1
                        bits += 8
                    }
                    if values.count < count { values.append(UInt32(accumulator & mask)) }
                    accumulator >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                position += byteCount
            }
        }
        return (values, position)
    }
}
