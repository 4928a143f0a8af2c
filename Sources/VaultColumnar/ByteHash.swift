// ByteHash.swift: a fast non-cryptographic hash of short byte strings, for in-memory hash tables.

/// Hashes byte strings for the hash tables of this module (dictionary interning, grouping).
///
/// Not for hash keys (those come from `VaultHashing`) and not stable across versions: use it only
/// for in-memory lookups. It mixes 8 bytes at a time with multiply-xorshift steps.
public enum ByteHash {
    /// The 64-bit hash of `count` bytes at `start`.
    @inlinable
    public static func hash(_ start: UnsafeRawPointer, _ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var h = seed ^ (UInt64(truncatingIfNeeded: count) &* 0xFF51_AFD7_ED55_8CCD)
        var i = 0
        while i + 8 <= count {
            h = mix(h ^ start.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(start.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail)
        }
        return finalize(h)
    }

    /// The hash of the bytes of `buffer`.
    @inlinable
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = buffer.baseAddress else { return finalize(0x9E37_79B9_7F4A_7C15) }
        return hash(base, buffer.count)
    }

    @inlinable @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        let m = x.multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return m.high ^ m.low
    }

    /// A strong 64-bit finaliser (SplitMix64's), also useful to hash integers.
    @inlinable @inline(__always)
    public static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
