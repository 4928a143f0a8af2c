// PrefixSort.swift: an LSD radix sort of 64-bit digest prefixes on their leading bits.

/// Sorts digest prefixes by their first `bits` bits with a least-significant-digit radix sort,
/// 16 bits per pass: ⌈bits/16⌉ passes over the values and one scratch array of the same size.
///
/// The result holds each value shifted right by `64 − bits` (its first `bits` bits), ascending.
/// Sorted that way, the first `b ≤ bits` bits are in ascending order as well, so one sort serves
/// every narrower width: equal `b`-bit prefixes are adjacent.
///
/// - Complexity: O(n · ⌈bits/16⌉) time, 8n bytes of scratch.
public enum PrefixSort {
    /// The first `bits` (1...64) bits of each prefix, ascending.
    public static func leadingBits(_ prefixes: [UInt64], bits: Int) -> [UInt64] {
        precondition((1...64).contains(bits), "bits must be in 1...64")
        var values = bits == 64 ? prefixes : prefixes.map { $0 >> UInt64(64 - bits) }
        guard values.count > 1 else { return values }
        var scratch = [UInt64](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        var shift: UInt64 = 0
        while shift < UInt64(bits) {
            values.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for i in counts.indices { counts[i] = 0 }
                        for v in source { counts[Int((v >> shift) & 0xFFFF)] += 1 }
                        var total = 0
                        for i in counts.indices { let c = counts[i]; counts[i] = total; total += c }
                        for v in source {
                            let digit = Int((v >> shift) & 0xFFFF)
                            target[counts[digit]] = v
                            counts[digit] += 1
                        }
                    }
                }
            }
            swap(&values, &scratch)
            shift += 16
        }
        return values
    }
}
