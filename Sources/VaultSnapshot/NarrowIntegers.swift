// NarrowIntegers.swift: the `narrow` payload (frame of reference + byte width) and narrow dictionary codes.

/// Integers stored as their distance from the chunk's minimum, in as few bytes as that range
/// needs, split into byte planes (all low bytes, then all second bytes, ...).
///
/// ```
///  +0  width u8          bytes per value, 0 ..< the type's width (0: every value equals base)
///  +1  reserved 7 bytes  = 0
///  +8  base i64          the chunk's minimum (sign-extended for 32-bit types)
///  +16 width planes of count bytes: plane j holds byte j (little endian) of every v &- base
/// ```
///
/// Money, quantities and times use a few bytes of an Int64. Narrowing drops the bytes that are
/// always zero; the planes put bytes of like magnitude together, so zstd meets long stretches of
/// near-random low bytes it skips quickly and short-alphabet high bytes it entropy-codes well:
/// 5-8x faster than zstd over the plain values, for files no larger.
enum NarrowIntegers {
    static let headerSize = 16

    /// The width `values` would be narrowed to, and their minimum; nil when narrowing saves
    /// nothing (the range needs the type's full width, or there are no values).
    static func plan<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeRawBufferPointer, as: T.Type) -> (width: Int, base: T)? {
        let size = MemoryLayout<T>.size
        let n = values.count / size
        guard n > 0 else { return nil }
        var low = T.max, high = T.min
        for i in 0..<n {
            let v = T(littleEndian: values.loadUnaligned(fromByteOffset: i * size, as: T.self))
            low = Swift.min(low, v)
            high = Swift.max(high, v)
        }
        let range = UInt64(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: high &- low))
        let width = (64 - range.leadingZeroBitCount + 7) / 8
        return width < size ? (width, low) : nil
    }

    /// Appends the header and the byte planes of the narrowed values (`plan` gave `width` and `base`).
    static func append<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeRawBufferPointer, as: T.Type, width: Int,
                                                             base: T, to out: inout [UInt8]) {
        let size = MemoryLayout<T>.size
        let n = values.count / size
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: headerSize + n * width))
        out.withUnsafeMutableBytes { dst in
            dst[start] = UInt8(width)
            dst.storeBytes(of: Int64(base).littleEndian, toByteOffset: start + 8, as: Int64.self)
            // One pass per plane: each loop is a simple stream the compiler vectorises.
            for j in 0..<width {
                let plane = dst.baseAddress! + start + headerSize + j * n
                let shift = UInt64(8 * j)
                for i in 0..<n {
                    let v = T(littleEndian: values.loadUnaligned(fromByteOffset: i * size, as: T.self))
                    let u = UInt64(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: v &- base))
                    plane.storeBytes(of: UInt8(truncatingIfNeeded: u >> shift), toByteOffset: i, as: UInt8.self)
                }
            }
        }
    }

    /// Reads the header of a narrow payload `p` (from byte `at`, `count` values, of a type
    /// `typeWidth` bytes wide); nil when the header or the length is wrong.
    static func header(_ p: UnsafeRawBufferPointer, at: Int, count: Int, typeWidth: Int) -> (width: Int, base: Int64)? {
        guard p.count >= at + headerSize else { return nil }
        let width = Int(p[at])
        for i in 1..<8 where p[at + i] != 0 { return nil }
        guard width < typeWidth, p.count == at + headerSize + count * width else { return nil }
        return (width, Int64(littleEndian: p.loadUnaligned(fromByteOffset: at + 8, as: Int64.self)))
    }

    /// Writes `count` values of type `T` into `out` from `width` byte planes of `count` bytes at `planes`.
    static func widen<T: FixedWidthInteger>(_ planes: UnsafeRawBufferPointer, width: Int, base: Int64, count: Int,
                                            as: T.Type, into out: UnsafeMutableRawPointer) {
        let b = T(truncatingIfNeeded: base)
        let size = MemoryLayout<T>.size
        precondition(planes.count == width * count, "narrow planes must hold width x count bytes")
        guard width > 0 else {
            for i in 0..<count { out.storeBytes(of: b.littleEndian, toByteOffset: i * size, as: T.self) }
            return
        }
        // One pass per plane keeps every loop a simple, vectorisable stream.
        let src = planes.baseAddress!
        for i in 0..<count {
            out.storeBytes(of: (b &+ T(truncatingIfNeeded: src.load(fromByteOffset: i, as: UInt8.self))).littleEndian,
                           toByteOffset: i * size, as: T.self)
        }
        for j in 1..<width {
            let plane = src + j * count
            let shift = T(8 * j)
            for i in 0..<count {
                let v = T(littleEndian: out.loadUnaligned(fromByteOffset: i * size, as: T.self))
                    &+ (T(truncatingIfNeeded: plane.load(fromByteOffset: i, as: UInt8.self)) << shift)
                out.storeBytes(of: v.littleEndian, toByteOffset: i * size, as: T.self)
            }
        }
    }

    /// The bytes per dictionary code for a dictionary of `k` entries (1, 2 or 4).
    static func codeWidth(entries k: Int) -> Int { k <= 1 << 8 ? 1 : k <= 1 << 16 ? 2 : 4 }

    /// Appends Int32 `codes` (all below `k`) as `codeWidth(entries: k)`-byte little-endian integers.
    static func appendCodes(_ codes: UnsafeBufferPointer<Int32>, entries k: Int, to out: inout [UInt8]) {
        let width = codeWidth(entries: k)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: codes.count * width))
        out.withUnsafeMutableBytes { dst in
            let base = dst.baseAddress! + start
            switch width {
            case 1: for (i, c) in codes.enumerated() { base.storeBytes(of: UInt8(truncatingIfNeeded: c), toByteOffset: i, as: UInt8.self) }
            case 2: for (i, c) in codes.enumerated() { base.storeBytes(of: UInt16(truncatingIfNeeded: c).littleEndian, toByteOffset: 2 * i, as: UInt16.self) }
            default: for (i, c) in codes.enumerated() { base.storeBytes(of: UInt32(truncatingIfNeeded: c).littleEndian, toByteOffset: 4 * i, as: UInt32.self) }
            }
        }
    }

    /// Code `i` of `width`-byte codes starting at byte `at` of `p`.
    @inline(__always)
    static func code(_ p: UnsafeRawBufferPointer, at: Int, width: Int, _ i: Int) -> Int {
        switch width {
        case 1: return Int(p[at + i])
        case 2: return Int(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: at + 2 * i, as: UInt16.self)))
        default: return Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: at + 4 * i, as: UInt32.self)))
        }
    }
}
