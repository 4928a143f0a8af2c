// BatchContext.swift: everything one batch's rows are generated from, shared read-only by threads.

import VaultRuntime
import VaultColumnar

/// An immutable view of the generator for batch `day`: the master state after the day's changes,
/// the snapshots of the last days, the table templates and the dirt thresholds. Row emitters are
/// methods of this type (one file per table family) and only read it, so chunks can run on any
/// thread.
struct BatchContext: Sendable {
    let seed: UInt64
    let day: Int
    let today: Int
    let baseDay: Int
    let shard: Shard
    let state: MasterState
    let snapshots: [DaySnapshot]
    let customerBoundaries: [Int]
    let templates: [Table]
    let catalog: Catalog
    /// Dirt thresholds on 16 random bits.
    let keyNoise16: UInt64
    let null16: UInt64
    let blank16: UInt64
    /// Dirt thresholds on 53 random bits.
    let late53: UInt64
    let early53: UInt64

    init(options: GeneratorOptions, day: Int, state: MasterState, snapshots: [DaySnapshot],
         customerBoundaries: [Int], templates: [Table]) {
        seed = options.seed
        self.day = day
        baseDay = options.baseDate.daysSinceEpoch
        today = baseDay + day
        shard = options.shard
        self.state = state
        self.snapshots = snapshots
        self.customerBoundaries = customerBoundaries
        self.templates = templates
        catalog = state.catalog
        keyNoise16 = threshold16(options.dirt.keyNoise)
        null16 = threshold16(options.dirt.nullAttributes)
        blank16 = threshold16(options.dirt.blankKeys)
        late53 = threshold53(options.dirt.lateTransactions)
        early53 = threshold53(options.dirt.earlyCustomers)
    }

    /// The key-noise form (0 = clean) of the business key of entity `id` in table `table` today.
    @inline(__always)
    func keyNoise(_ id: Int, table: Int) -> UInt64 {
        guard keyNoise16 != 0 else { return 0 }
        return KeyNoise.draw(counterHash(seed, .keyNoise, id, day &* 16 &+ table), threshold: keyNoise16)
    }

    /// Whether field `j` (0...3) of the random word `nulls` says NULL.
    @inline(__always)
    func isNull(_ nulls: UInt64, _ j: Int) -> Bool {
        (nulls >> UInt64(16 * j)) & 0xFFFF < null16
    }

    /// The day customer `id` was first sent.
    func creationDay(ofCustomer id: Int) -> Int {
        var lo = 0, hi = customerBoundaries.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if customerBoundaries[mid] > id { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Runs `emit` over this shard's part of `0..<count` in chunks on `threads` threads, and
    /// concatenates the chunk tables in order. One thread emits the whole range as one chunk, so
    /// its rows land in their final buffers with no join at all.
    func emitTables(count: Int, threads: Int, tables: Int,
                    _ emit: @Sendable (Range<Int>) -> [Table]) -> [Table] {
        let mine = shard.range(of: count)
        if threads == 1 { return emit(mine) }
        // At least two chunks per thread (balance), at most chunkRows entities per chunk (memory).
        let size = min(RetailGenerator.chunkRows, max(1024, (mine.count + 2 * threads - 1) / (2 * threads)))
        let parts = pieces(of: mine, size: size)
        let tablesOfParts = parallelMap(chunks: parts.count, threads: threads) { emit(parts[$0]) }
        // Force-try: same schema and the same dictionaries by construction (see SourceTemplates).
        return (0..<tables).map { t in try! Table(concatenating: tablesOfParts.map { $0[t] }) }
    }
}
