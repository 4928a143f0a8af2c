// KeyedStore.swift: a hub or link table and the index of its keys.

import VaultRuntime
import VaultColumnar

/// A hub or a link: a table whose first column is a unique hash key, and the index of those keys.
/// Insert-only: keys not seen before are appended with their load date and record source.
///
/// ```
///  hub:   hub_x_hk | x_id               | load_date | record_source
///  link:  link_x_hk | hub_a_hk | hub_b_hk ... | load_date | record_source
/// ```
///
/// What is stored is more compact than the table it stands for (``table`` rebuilds the table):
/// a link holds each hub key as the row of that key in its hub (4 bytes instead of a 16-byte or
/// longer key; the hub's own load of the same batch reports the row), and `load_date` and
/// `record_source` are runs (``LoadStamps``).
///
/// ```
///  stored hub:   hub_x_hk | x_id                     + stamps
///  stored link:  link_x_hk      + hub rows: row in hub_a | row in hub_b ...   + stamps
/// ```
///
/// A link loads in two steps, so that its keys load beside its hubs: ``load(_:loadDate:threads:)``
/// inserts the new keys and remembers which source rows they came from, and
/// ``attachHubRows(_:)``, once the hubs have loaded the batch, appends those rows' hub rows.
///
/// A store is mutated by one thread at a time (the loader gives each table to one task).
public final class KeyedStore: @unchecked Sendable {
    public let name: String
    /// The columns of ``table``.
    public let schema: Schema
    /// The key column, then a hub's business key.
    private(set) var stored: Table
    /// A link's hub rows: one `int32` column per hub.
    private(set) var hubRowColumns: [Column]
    /// A link's rows inserted by the last load whose hub rows are not attached yet: per source
    /// table, the source rows, in insertion order.
    private(set) var pendingHubRows: [(table: String, rows: [Int32])] = []
    /// `load_date` and `record_source` of every row.
    private(set) var stamps = LoadStamps()
    /// A link's hubs, in column order (none for a hub).
    public let hubs: [KeyedStore]
    var index = PartitionedKeyIndex()
    /// Rows already checked by the audits.
    var auditedRows = 0

    /// A hub (`hubs` empty) or a link of `hubs`.
    init(name: String, schema: Schema, hubs: [KeyedStore] = []) {
        precondition(schema.count == 2 + max(1, hubs.count) + 1, "\(name): schema and hubs do not match")
        self.name = name
        self.schema = schema
        self.hubs = hubs
        stored = VaultSchemas.emptyTable(name, Schema(Array(schema.fields.prefix(hubs.isEmpty ? 2 : 1))))
        hubRowColumns = hubs.map { _ in Column(.int32) }
    }

    /// The number of rows.
    public var count: Int { stored.count }

    /// The key column.
    public var keys: Column { stored.columns[0] }

    /// A hub's business keys (cleaned as stored).
    public var businessKeys: Column {
        precondition(hubs.isEmpty, "\(name) is a link")
        return stored.columns[1]
    }

    /// A link's rows of hub `k` (its `k`-th hub key column), one `int32` per link row.
    public func hubRows(_ k: Int) -> Column { hubRowColumns[k] }

    /// The keys at `rows` (an `int32` column of rows of this store), in that order.
    func keys(atRows rows: Column) -> Column {
        var column = Column(stored.columns[0].type, capacity: rows.count)
        rows.withUnsafeValues(as: Int32.self) { try! column.append(gathering: $0, from: stored.columns[0]) }  // same type
        return column
    }

    /// The table: the stored columns with each link's hub keys gathered from its hubs and the
    /// load stamps expanded. Built on every call; loops should read ``keys``, ``hubRows(_:)`` and
    /// the stamps instead.
    public var table: Table {
        var columns = [stored.columns[0]]
        if hubs.isEmpty {
            columns.append(stored.columns[1])
        } else {
            for (k, hub) in hubs.enumerated() { columns.append(hub.keys(atRows: hubRowColumns[k])) }
        }
        columns += [stamps.loadDateColumn(), stamps.recordSourceColumn()]
        return try! Table(name: name, schema: schema, columns: columns)  // types and lengths agree by construction
    }

    /// The load date of row `row`.
    public func loadDate(ofRow row: Int) -> Int64 { stamps.loadDate(ofRow: row) }

    /// The record source of row `row`.
    public func recordSource(ofRow row: Int) -> String { stamps.recordSource(ofRow: row) }

    /// Rows loaded on or before calendar day `day`: a prefix, since rows are appended in load-date order.
    public func rowsLoaded(by day: Int32) -> Int { stamps.firstRow(loadedAfter: day, from: 0) }

    /// Loads the candidate rows of each source, in source order: a key not seen before is
    /// appended with its attributes, `loadDate` and its source's record source. The first
    /// occurrence of a key in the batch wins.
    ///
    /// Runs on up to `threads` cores: the candidates are grouped by index partition, each partition
    /// is deduplicated and probed on its own, and the new rows are appended in candidate order, so
    /// the table and index are the same on any thread count.
    ///
    /// Returns the counts and, per source, the table row of each source row's key (found or just
    /// inserted; -1 for rows that are not candidates), so that satellites and derived measures
    /// find a parent by row instead of hashing its key again.
    func load(_ sources: [KeyedSource], loadDate: Int64, threads: Int) -> (counts: LoadCounts, rows: [SharedArray<Int32>]) {
        var counts = LoadCounts()
        let rows = sources.map(\.rows)
        let attributeCount = stored.columns.count - 1
        precondition(sources.allSatisfy { $0.attributes.count == attributeCount }, "\(name): wrong number of attribute columns")
        var resolved = [SharedArray<Int32>]()
        CandidateKeys.with(sources.map(\.keys), rows: rows, threads: threads) { candidates in
            let n = candidates.count
            counts.rowsIn = n
            // Per candidate: its row when the key is in the table, -1 when it is new, or
            // -2 - c when it repeats candidate c of this batch (found by the repeat filter or by
            // its partition).
            let found = SharedArray<Int32>(repeating: -1, count: n)
            for c in 0..<n where candidates.repeats[c] >= 0 { found[c] = -2 - candidates.repeats[c] }
            let duplicates = SharedArray(repeating: 0, count: PartitionedKeyIndex.partitionCount)
            if n > 0 {
                stored.columns[0].withFixedKeys { tableKeys in
                    candidates.forEachPartition(threads: threads) { p, positions, local in
                        let part = self.index.parts[p]
                        for k in positions {
                            let c = candidates.candidate(k)
                            let first = candidates.firstPosition(of: k, in: &local)
                            if first >= 0 {
                                duplicates[p] += 1
                                found[c] = -2 - Int32(candidates.candidate(first))
                                continue
                            }
                            let slot = part.probe(candidates.key(k), hash: candidates.hash(k), in: tableKeys)
                            if slot >= 0 { found[c] = part.row(atSlot: slot) }
                        }
                    }
                }
            }
            counts.duplicates = (0..<duplicates.count).reduce(candidates.repeatCount) { $0 + duplicates[$1] }
            let start = count
            let newRows = appendFresh(found, sources: sources, loadDate: loadDate, threads: threads)
            counts.inserted = count - start
            counts.unchanged = n - counts.duplicates - counts.inserted
            resolved = Self.resolve(found, newRows: newRows, sources: sources)
            guard counts.inserted > 0 else { return }
            index.parts.withUnsafeMutableBufferPointer { parts in
                candidates.forEachPartition(threads: threads) { p, positions in
                    let added = positions.reduce(0) { $0 + (newRows[candidates.candidate($1)] >= 0 ? 1 : 0) }
                    parts[p].reserve(additional: added)
                    for k in positions where newRows[candidates.candidate(k)] >= 0 {
                        parts[p].insert(row: newRows[candidates.candidate(k)], hash: candidates.hash(k))
                    }
                }
            }
        }
        return (counts, resolved)
    }

    /// Per source, the table row of every source row: `found` rows, rows just appended
    /// (`newRows`), and for a repeated key the row of an earlier candidate with that key.
    private static func resolve(_ found: SharedArray<Int32>, newRows: SharedArray<Int32>, sources: [KeyedSource]) -> [SharedArray<Int32>] {
        var c = 0
        return sources.map { source in
            let rows = SharedArray<Int32>(repeating: -1, count: source.keys.count)
            for row in source.rows {
                var value = found[c]
                if value == -1 { value = newRows[c] } else if value <= -2 { value = found[Int(-2 - value)] }
                found[c] = value
                rows[Int(row)] = value
                c += 1
            }
            return rows
        }
    }

    /// Appends the candidates that `found` marks new (-1; numbered across `sources` in order) to the table,
    /// one column per job; returns each candidate's new row (-1 when not appended).
    private func appendFresh(_ found: SharedArray<Int32>, sources: [KeyedSource], loadDate: Int64, threads: Int) -> SharedArray<Int32> {
        let newRows = SharedArray<Int32>(repeating: -1, count: found.count)
        var picked = [[Int32]]()
        precondition(count + found.count <= Int(Int32.max), "\(name): more than \(Int32.max) rows")
        var c = 0, next = Int32(count)
        for source in sources {
            var chosen = [Int32]()
            for row in source.rows {
                if found[c] == -1 { chosen.append(row); newRows[c] = next; next += 1 }
                c += 1
            }
            picked.append(chosen)
        }
        let added = Int(next) - count
        guard added > 0 else { return newRows }
        if !hubs.isEmpty { pendingHubRows += zip(sources, picked).map { ($0.table, $1) } }
        let codes = sources.map { stamps.intern($0.recordSource) }
        for (code, chosen) in zip(codes, picked) { stamps.append(loadDate: loadDate, code: code, count: chosen.count) }
        stored.withColumns { columns in
            columns.withUnsafeMutableBufferPointer { columns in
                concurrentEach(count: columns.count, threads: threads) { k in
                    for (source, chosen) in zip(sources, picked) where !chosen.isEmpty {
                        if k > 0 && source.cleansBusinessKeys {
                            // Only the new keys are cleaned: most candidate rows repeat known keys.
                            let cleaned = BusinessKeyText.clean(source.attributes[k - 1], rows: chosen)
                            Array(0..<Int32(chosen.count)).withUnsafeBufferPointer { try! columns[k].append(gathering: $0, from: cleaned) }
                            continue
                        }
                        let from = k == 0 ? source.keys : source.attributes[k - 1]
                        chosen.withUnsafeBufferPointer { try! columns[k].append(gathering: $0, from: from) }  // same types by construction
                    }
                }
            }
        }
        return newRows
    }

    /// Bytes of the stored columns, the stamps and the index: what the store really holds.
    public var memoryFootprint: Int {
        hubRowColumns.reduce(stored.memoryFootprint + stamps.memoryFootprint + index.memoryFootprint) { $0 + $1.memoryFootprint }
    }

    /// Appends the hub rows of the link rows the last load inserted: `hubRows(hub, table)` is,
    /// by source row of `table`, the row of each row's key in `hub` (what the hub's load of the
    /// same batch reported).
    func attachHubRows(_ hubRows: (_ hub: String, _ table: String) -> SharedArray<Int32>) {
        for (k, hub) in hubs.enumerated() {
            for (table, rows) in pendingHubRows {
                let sourceRows = hubRows(hub.name, table)
                hubRowColumns[k].appendValues(rowCount: rows.count, as: Int32.self) { out in
                    for (i, row) in rows.enumerated() {
                        let hubRow = sourceRows[Int(row)]
                        precondition(hubRow >= 0 && Int(hubRow) < hub.count, "\(name): source row \(row) of \(table) has no row in \(hub.name)")
                        out[i] = hubRow
                    }
                }
            }
        }
        pendingHubRows = []
    }

    /// Replaces the table (restoring a snapshot; a link's hubs are restored already) and rebuilds
    /// the index. Throws when the table does not fit: another schema, a NULL key or stamp, or a
    /// link's hub key that its hub does not hold.
    func restore(_ restored: Table) throws {
        guard restored.schema == schema else { throw VaultError.restoreMismatch("\(name) has another schema than this vault's") }
        let n = restored.count, hubCount = max(1, hubs.count)
        let columns = Array(restored.columns.prefix(hubs.isEmpty ? 2 : 1))
        let hubRows = try hubs.enumerated().map { k, hub in
            var rows = Column(.int32, capacity: n)
            try hub.appendRows(ofKeys: restored.columns[1 + k], to: &rows, in: name)
            return rows
        }
        if let row = (0..<n).first(where: { !restored.columns[0].isValid($0) }) {
            throw VaultError.restoreMismatch("\(name) row \(row): the key is NULL")
        }
        let restoredStamps = try LoadStamps(loadDates: restored.columns[1 + hubCount], recordSources: restored.columns[2 + hubCount], table: name)
        stored = try Table(name: name, schema: stored.schema, columns: columns)
        hubRowColumns = hubRows
        pendingHubRows = []
        stamps = restoredStamps
        index = PartitionedKeyIndex(capacity: n)
        auditedRows = n
        stored.columns[0].withFixedKeys { keys in
            for row in 0..<n { index.upsert(row: Int32(row), keys: keys) }
        }
    }

    /// Appends to `rows` (an `int32` column) the row of each key of `keys` from row `start` on;
    /// throws naming `table` and the row when a key is NULL or not held here.
    func appendRows(ofKeys keys: Column, from start: Int = 0, to rows: inout Column, in table: String) throws {
        if keys.nullCount > 0, let row = (start..<keys.count).first(where: { !keys.isValid($0) }) {
            throw VaultError.restoreMismatch("\(table) row \(row): \(name)_hk is NULL")
        }
        try keys.withFixedKeys { keys in
            for i in start..<keys.count {
                let row = self.row(of: keys.key(i), width: keys.width)
                guard row >= 0 else {
                    throw VaultError.restoreMismatch("\(table) row \(i): \(name)_hk has no row in \(name)")
                }
                rows.append(row)
            }
        }
    }
}

/// One source of a hub's or link's candidate rows.
struct KeyedSource {
    /// The source table.
    let table: String
    /// The staged key column (binary, or hex text; NULL rows are not among `rows`).
    let keys: Column
    /// The columns stored after the key: the business key of a hub (raw when
    /// `cleansBusinessKeys`); none for a link (its hub rows come later, ``KeyedStore/attachHubRows(_:)``).
    let attributes: [Column]
    /// The rows that may load (keys not NULL), ascending.
    let rows: [Int32]
    /// The record source of this source's rows.
    let recordSource: String
    /// Whether `attributes` are raw business keys, cleaned (``BusinessKeyText``) as they are stored.
    var cleansBusinessKeys = false
}

extension Column {
    /// A timestamp column of `count` copies of `value`.
    static func constant(timestamp value: Int64, count: Int) -> Column {
        var column = Column(.timestamp, capacity: count)
        column.append(repeating: value, count: count)
        return column
    }
}

extension KeyedStore {
    /// The row holding `key` (bytes of the key column's width), or -1.
    func row(of key: UnsafeRawPointer, width: Int) -> Int32 {
        guard count > 0 else { return -1 }
        return stored.columns[0].withFixedKeys { keys in index.row(of: key, hash: KeyHash.hash(key, width), in: keys) }
    }
}
