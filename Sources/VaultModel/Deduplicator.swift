// Deduplicator.swift: first or last occurrence of each key within a batch.

import VaultColumnar

/// Batch-local deduplication of key columns, with a ``KeyIndex`` over the batch itself.
enum Deduplicator {
    /// Row numbers of the first occurrence of each distinct key, ascending.
    static func firstOccurrences(_ keys: Column) -> [Int32] {
        keys.withFixedKeys { view in
            var index = KeyIndex(capacity: view.count)
            var firsts = [Int32]()
            firsts.reserveCapacity(view.count)
            for i in 0..<view.count where index.probe(view.key(i), hash: view.hash(i), in: view) < 0 {
                index.insert(row: Int32(i), keys: view)
                firsts.append(Int32(i))
            }
            return firsts
        }
    }
}
