// RetailGenerator.swift: the deterministic retail source feed, one daily batch at a time.

import VaultColumnar

/// Generates the retail source feed: batch 0 is the full extract of every master table plus day 0's
/// sales; batch `k` carries the master rows that are new, changed or re-sent on day `k`, and day
/// `k`'s sales (plus late arrivals).
///
/// Determinism: master state is small and evolves sequentially per batch; every attribute value is
/// a pure function of (seed, entity, attribute group, version) and every transaction a pure function
/// of (seed, transaction index), so the same options give the same tables on any thread count, and
/// shards `0..<N` concatenated give the one-machine tables.
///
/// ```swift
/// let generator = RetailGenerator(options: GeneratorOptions(scale: 0.1, days: 3))
/// for k in 0..<3 { let batch = generator.batch(k, threads: 2); print(batch.rowCount) }
/// ```
///
/// Batches are meant to be produced in order 0, 1, 2, ...; asking for an earlier batch regenerates
/// the state from 0, asking for a later one fast-forwards the (cheap) master state.
public final class RetailGenerator {
    /// The options, validated.
    public let options: GeneratorOptions
    private var state: MasterState
    private var snapshots: [DaySnapshot] = []
    private var customerBoundaries: [Int] = []
    private var storeSampler: AliasTable?
    /// The working memory of the daily product samplers.
    private let aliasConstruction = AliasConstruction()
    private let templates: [Table]

    /// Rows per parallel chunk: big enough to amortise a table, small enough to balance threads.
    static let chunkRows = 65_536
    /// The longest delay of a late-arriving transaction, in batches.
    static let maximumDelay = 3

    /// Creates a generator; `options` must pass `validate()` (a programming error otherwise).
    public init(options: GeneratorOptions) {
        do { try options.validate() } catch { preconditionFailure("invalid generator options: \(error)") }
        self.options = options
        state = MasterState(options: options)
        templates = (0..<SourceSchemas.all.count).map(SourceTemplates.table)
    }

    /// Batch `k` of this generator's shard, generated with `threads` threads (>= 1).
    ///
    /// - Complexity: O(entities) to advance the master state by a day, plus O(rows) to emit.
    public func batch(_ k: Int, threads: Int) -> SourceBatch {
        precondition(k >= 0, "batch index must not be negative")
        if k <= state.day {
            state = MasterState(options: options)
            snapshots = []
            customerBoundaries = []
            storeSampler = nil
        }
        while state.day < k {
            state.advance()
            customerBoundaries.append(state.customerSegmentVersion.count)
            if state.day >= k - Self.maximumDelay { takeSnapshot() }
        }
        let context = BatchContext(options: options, day: k, state: state, snapshots: snapshots,
                                   customerBoundaries: customerBoundaries, templates: templates)
        let t = max(1, threads)
        let (customers, phones) = context.customerTables(threads: t)
        let tables = [
            customers, phones,
            context.productTable(threads: t),
            context.storeTable(threads: t),
            context.promotionTable(threads: t),
            context.assignmentTable(threads: t),
            context.transactionTable(threads: t),
        ]
        return SourceBatch(index: k, businessDate: context.today, tables: tables)
    }

    private func takeSnapshot() {
        if storeSampler?.count != state.storeVersion.count {
            storeSampler = DaySnapshot.storeSampler(seed: options.seed, stores: state.storeVersion.count)
        }
        // Drop the oldest first: its memory can then serve the new one (see PageMemory).
        if snapshots.count > Self.maximumDelay { snapshots.removeFirst() }
        snapshots.append(DaySnapshot(state: state, storeSampler: storeSampler!,
                                     lateThreshold: threshold53(options.dirt.lateTransactions),
                                     construction: aliasConstruction))
    }
}

/// Empty source tables whose dictionaries already hold their whole vocabulary, so that every
/// chunk, thread and shard uses the same codes and tables concatenate without re-coding.
enum SourceTemplates {
    static func table(_ t: Int) -> Table {
        var table = Table(name: SourceSchemas.tableNames[t], schema: SourceSchemas.all[t],
                          dictionaryEncoded: SourceSchemas.dictionaryColumns[t])
        for name in SourceSchemas.dictionaryColumns[t].sorted() {
            let words = vocabulary(of: name)
            var column = table[name]
            for (i, word) in words.enumerated() {
                let code = column.intern(word.description)
                precondition(Int(code) == i, "duplicate word \(word) in the vocabulary of \(name)")
            }
            table[name] = column
        }
        return table
    }

    static func vocabulary(of column: String) -> [StaticString] {
        switch column {
        case "gender": return Vocabulary.genders
        case "customer_segment": return Vocabulary.segments
        case "city": return Vocabulary.cities.map(\.city)
        case "state": return Vocabulary.states
        case "country": return Vocabulary.countries
        case "phone_type": return Vocabulary.phoneTypes
        case "category": return Vocabulary.categories
        case "subcategory": return Vocabulary.subcategories
        case "brand": return Vocabulary.brands
        case "supplier": return Vocabulary.suppliers
        case "currency": return Vocabulary.currencies
        case "store_type": return Vocabulary.storeTypes
        case "promotion_type": return Vocabulary.promotionTypes
        case "payment_method": return Vocabulary.paymentMethods
        default: preconditionFailure("no vocabulary for \(column)")
        }
    }

    /// The code in `Vocabulary.states` of each city's state.
    static let stateOfCity: [Int32] = Vocabulary.cities.map { city in
        Int32(Vocabulary.states.firstIndex { $0.description == city.state.description }!)
    }
}
