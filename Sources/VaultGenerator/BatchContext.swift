// BatchContext.swift: everything one batch's rows are generated from, shared read-only by threads.

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
    /// concatenates the chunk tables in order.
    func emitTables(count: Int, threads: Int, tables: Int,
                    _ emit: @Sendable (Range<Int>) -> [Table]) -> [Table] {
        let mine = shard.range(of: count)
        // At least two chunks per thread (balance), at most chunkRows entities per chunk (memory).
        let size = min(RetailGenerator.chunkRows, max(1024, (mine.count + 2 * threads - 1) / (2 * threads)))
        let ranges = pieces(of: mine, size: threads == 1 ? RetailGenerator.chunkRows : size)
        let parts = parallelMap(chunks: ranges.count, threads: threads) { emit(ranges[$0]) }
        return (0..<tables).map { t in concatenate(parts.map { $0[t] }) }
    }

    /// Tables of one schema joined in order.
    func concatenate(_ parts: [Table]) -> Table {
        guard var result = parts.first else { preconditionFailure("no parts") }
        guard parts.count > 1 else { return result }
        let rows = parts.reduce(0) { $0 + $1.count }
        result.withColumns { columns in
            for i in columns.indices {
                let stringBytes = parts.reduce(0) { $0 + $1.columns[i].bytes.count }
                columns[i].reserve(rows: rows, stringBytes: stringBytes)
            }
        }
        for part in parts.dropFirst() {
            // Same schema and the same dictionaries by construction (see SourceTemplates).
            try! result.append(part)
        }
        return result
    }
}

extension Column {
    /// Appends a vocabulary word's code, or NULL.
    @inline(__always)
    mutating func append(code: Int, null: Bool) {
        if null { appendNull() } else { append(code: Int32(code)) }
    }

    /// Appends a date (days since 1970), or NULL.
    @inline(__always)
    mutating func append(date: Int, null: Bool = false) {
        if null { appendNull() } else { append(Int32(date)) }
    }

    /// Appends text written by `body` into at most `maximumLength` bytes, or NULL.
    @inline(__always)
    mutating func appendText(_ maximumLength: Int, null: Bool = false, _ body: (inout ByteCursor) -> Void) {
        if null { appendNull(); return }
        appendString(maximumLength: maximumLength) { raw in
            var cursor = ByteCursor(raw)
            body(&cursor)
            return cursor.count
        }
    }
}
