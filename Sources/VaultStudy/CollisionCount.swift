// CollisionCount.swift: counting keys whose truncated digests are equal.

/// How many distinct keys share their truncated digest, at one width.
public struct CollisionCount: Hashable, Sendable {
    /// The width in bits the digests were truncated to.
    public var bits: Int
    /// The number of keys counted.
    public var keys: Int
    /// Pairs of distinct keys with equal truncated digests: a value shared by `r` keys adds
    /// `r(r−1)/2`. This is the quantity the birthday bound's expected-pairs formula predicts.
    public var collidingPairs: Int
    /// Keys whose truncated digest is shared with at least one other key.
    public var keysInCollisions: Int
    /// The most keys sharing one truncated digest (1 when there is no collision).
    public var largestGroup: Int

    /// Counts collisions at every width of `widths` (each ≤ `sortedBits`) from the output of
    /// ``PrefixSort/leadingBits(_:bits:)`` with `bits: sortedBits`.
    ///
    /// - Complexity: O(n) per width; no allocation.
    public static func count(sortedLeadingBits sorted: [UInt64], sortedBits: Int, widths: [Int]) -> [CollisionCount] {
        widths.map { bits in
            precondition(bits >= 1 && bits <= sortedBits, "width \(bits) outside 1...\(sortedBits)")
            let shift = UInt64(sortedBits - bits)
            var result = CollisionCount(bits: bits, keys: sorted.count, collidingPairs: 0, keysInCollisions: 0,
                                        largestGroup: sorted.isEmpty ? 0 : 1)
            sorted.withUnsafeBufferPointer { values in
                var start = 0
                while start < values.count {
                    let value = values[start] >> shift
                    var end = start + 1
                    while end < values.count && values[end] >> shift == value { end += 1 }
                    let run = end - start
                    if run > 1 {
                        result.collidingPairs += run * (run - 1) / 2
                        result.keysInCollisions += run
                        result.largestGroup = max(result.largestGroup, run)
                    }
                    start = end
                }
            }
            return result
        }
    }
}
