// Deduplicator.swift: the first occurrence of each key within a batch.

import VaultColumnar

/// Batch-local deduplication of a key column, the loader's way: candidates grouped by index
/// partition and each partition deduplicated on its own (``CandidateKeys``).
enum Deduplicator {
    /// Row numbers of the first occurrence of each distinct key of `keys` (a NULL-free key
    /// column), ascending.
    static func firstOccurrences(_ keys: Column, threads: Int = 1) -> [Int32] {
        CandidateKeys.with([keys], rows: [Array(0..<Int32(keys.count))], threads: threads) { candidates in
            let first = SharedArray(repeating: false, count: candidates.count)
            candidates.forEachPartition(threads: threads) { _, positions, local in
                for k in positions where !candidates.isRepeat(k, in: &local) { first[candidates.candidate(k)] = true }
            }
            return (0..<Int32(candidates.count)).filter { first[Int($0)] }
        }
    }
}
