// KeyedStore.swift: a hub or link table and the index of its keys.

import VaultColumnar

/// A hub or a link: a table whose first column is a unique hash key, and the index of those keys.
/// Insert-only: keys not seen before are appended with their load date and record source.
///
/// ```
///  hub:   hub_x_hk | x_id               | load_date | record_source
///  link:  link_x_hk | hub_a_hk | hub_b_hk ... | load_date | record_source
/// ```
///
/// A store is mutated by one thread at a time (the loader gives each table to one task).
public final class KeyedStore: @unchecked Sendable {
    public let name: String
    public private(set) var table: Table
    var index = PartitionedKeyIndex()
    /// Rows already checked by the audits.
    var auditedRows = 0

    init(name: String, schema: Schema) {
        self.name = name
        table = VaultSchemas.emptyTable(name, schema)
    }

    /// Whether the table holds `key` (bytes of the key column's width).
    func contains(_ key: UnsafeRawPointer, width: Int) -> Bool { row(of: key, width: width) >= 0 }

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
        let attributeCount = table.columns.count - 3
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
                table.columns[0].withFixedKeys { tableKeys in
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
            let start = table.count
            let newRows = appendFresh(found, sources: sources, loadDate: loadDate, threads: threads)
            counts.inserted = table.count - start
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
        precondition(table.count + found.count <= Int(Int32.max), "\(name): more than \(Int32.max) rows")
        var c = 0, next = Int32(table.count)
        for source in sources {
            var chosen = [Int32]()
            for row in source.rows {
                if found[c] == -1 { chosen.append(row); newRows[c] = next; next += 1 }
                c += 1
            }
            picked.append(chosen)
        }
        let added = Int(next) - table.count
        guard added > 0 else { return newRows }
        table.withColumns { columns in
            let keyed = columns.count - 2
            columns.withUnsafeMutableBufferPointer { columns in
                concurrentEach(count: columns.count, threads: threads) { k in
                    if k == keyed {
                        columns[k].append(repeating: loadDate, count: added)
                        return
                    }
                    if k == keyed + 1 {
                        let codes = sources.map { columns[k].intern($0.recordSource) }
                        for (code, chosen) in zip(codes, picked) where !chosen.isEmpty { columns[k].append(code: code, count: chosen.count) }
                        return
                    }
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

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + index.memoryFootprint }

    /// Replaces the table (restoring a snapshot) and rebuilds the index.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        index = PartitionedKeyIndex(capacity: restored.count)
        auditedRows = restored.count
        table.columns[0].withFixedKeys { keys in
            for row in 0..<table.count { index.upsert(row: Int32(row), keys: keys) }
        }
    }
}

/// One source of a hub's or link's candidate rows.
struct KeyedSource {
    /// The staged key column (binary, or hex text; NULL rows are not among `rows`).
    let keys: Column
    /// The columns stored between the key and `load_date`: the business key of a hub (raw when
    /// `cleansBusinessKeys`), the staged hub keys of a link.
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
        guard table.count > 0 else { return -1 }
        return table.columns[0].withFixedKeys { keys in index.row(of: key, hash: KeyHash.hash(key, width), in: keys) }
    }
}
