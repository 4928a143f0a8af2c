// RepeatFilter.swift: candidates whose key repeats a recent earlier candidate, found in one cheap pass.

import VaultColumnar

/// Finds most of a batch's repeated keys before they are hashed, copied and partitioned.
///
/// A sales batch offers each hub its key once per line: a store's key thousands of times, a
/// transaction's once per line of the transaction, a popular product's again and again. One
/// sequential pass keeps, in a small direct-mapped cache (``slots`` entries chosen by the key's
/// first 8 bytes, which are digest bytes or hex digits of them), the last candidate seen with a
/// key; a candidate whose key equals the cached one is a repeat of that earlier candidate.
///
/// Misses are not errors: a key evicted from the cache is found again by the partitioned
/// deduplication. Every repeat found here is a true repeat of an earlier candidate that is itself
/// kept, so the result of a load does not change; only its cost does. Keys that hardly repeat (a
/// link's, a sales line's) stop the pass after ``sample`` candidates.
enum RepeatFilter {
    /// Cache entries (a power of two): 4,096 keys of candidates, 16 KiB of candidate numbers.
    static let slots = 4096
    /// Candidates looked at before the filter gives up on keys that repeat less than once in 16.
    static let sample = 65_536

    /// For each candidate key at `pointers` (`width` bytes each), the earlier kept candidate with
    /// the same key, or -1; and how many repeats there are.
    static func repeats(_ pointers: SharedArray<UnsafeRawPointer?>, width: Int) -> (earlier: SharedArray<Int32>, count: Int) {
        let n = pointers.count
        let earlier = SharedArray<Int32>(repeating: -1, count: n)
        guard width >= 8 && n >= 2 else { return (earlier, 0) }
        var cache = [Int32](repeating: -1, count: slots)
        var found = 0
        cache.withUnsafeMutableBufferPointer { cache in
            for c in 0..<n {
                // Keys that hardly repeat (a link's): after a sample, leave them all to the partitions.
                if c == sample && found * 16 < sample { break }
                let key = pointers[c]!
                let slot = Int(truncatingIfNeeded: (key.loadUnaligned(as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15) >> 52)
                let cached = Int(cache[slot])
                if cached >= 0 && CandidateKeys.equal(pointers[cached]!, key, width: width) {
                    earlier[c] = Int32(cached)
                    found += 1
                } else {
                    cache[slot] = Int32(c)
                }
            }
        }
        return (earlier, found)
    }
}
