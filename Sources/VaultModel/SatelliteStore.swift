// SatelliteStore.swift: an insert-only satellite and the index of each parent key's latest row.

import VaultColumnar

/// A satellite: versions of a parent's attributes, inserted only when the hashdiff differs from
/// the version in force (AutomateDV semantics). Nothing is updated in place; `load_end_date` is
/// derived from the next version's `load_date` (see ``nextVersionRows()``).
///
/// Row 0 is the ghost record (``GhostRecord``): it is not a version of any key and not indexed.
///
/// ```
///  parent_hk | load_date | hash_diff | record_source | payload ...
///  index: parent key -> row of its latest version
/// ```
public final class SatelliteStore: @unchecked Sendable {
    public let definition: SatelliteDefinition
    public private(set) var table: Table
    var latest = PartitionedKeyIndex()
    /// Rows already checked by the audits.
    var auditedRows = SatelliteStore.ghostRows
    /// For each row appended by the last load: the row of the version it follows (-1: first version).
    var previousVersions = [Int32]()

    /// Rows at the start of every satellite that hold ghost records.
    public static let ghostRows = 1

    init(definition: SatelliteDefinition, schema: Schema, ghost: GhostRecord) {
        self.definition = definition
        table = ghost.row(for: schema, name: definition.name)
    }

    /// For each row of `keys` (a key column, NULLs allowed), the row of that key's latest version,
    /// or -1 when the key is NULL or has no version yet. One pass, no per-row allocation.
    func latestRows(of keys: Column) -> [Int32] {
        var rows = [Int32](repeating: -1, count: keys.count)
        guard table.count > 0 else { return rows }
        table.columns[0].withFixedKeys { tableKeys in
            keys.withReader { reader in
                for i in 0..<reader.count where reader.isValid(i) {
                    let key = reader.bytes(i)
                    guard key.count == tableKeys.width else { continue }
                    rows[i] = latest.row(of: key.baseAddress!, hash: ByteHash.hash(key), in: tableKeys)
                }
            }
        }
        return rows
    }

    /// Loads the candidate `rows` of a staged batch (rows whose parent key is not NULL, ascending;
    /// `parentKeys`, `hashdiffs` and `payload` are the staged columns in definition order). Within
    /// the batch the last version of a key in source order is kept; it is inserted when its
    /// hashdiff differs from the version in force.
    ///
    /// Runs on up to `threads` cores, partition by partition of the index (see
    /// ``PartitionedKeyIndex``); new rows are appended in source order, so the result is the same
    /// on any thread count.
    func load(parentKeys: Column, rows: [Int32], hashdiffs: Column, recordSource: String, payload: [Column],
              loadDate: Int64, threads: Int) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = rows.count
        previousVersions = []
        guard !rows.isEmpty else { return counts }
        let n = rows.count
        // Per candidate: whether it is inserted, the version it follows (-1: a new key) and the
        // index slot to point at it (-1: insert the key).
        let inserted = SharedArray(repeating: false, count: n)
        let previous = SharedArray(repeating: Int32(-1), count: n)
        let slots = SharedArray(repeating: Int32(-1), count: n)
        let tallies = ResultSlots<LoadCounts>(count: PartitionedKeyIndex.partitionCount)
        CandidateKeys.with([parentKeys], rows: [rows], threads: threads) { candidates in
            table.columns[0].withFixedKeys { tableKeys in
            table.columns[2].withFixedKeys { tableDiffs in
            hashdiffs.withFixedKeys { diffs in
            table.columns[1].withUnsafeValues(as: Int64.self) { loadDates in
            latest.parts.withUnsafeMutableBufferPointer { parts in
                candidates.forEachPartitionGroup(threads: threads) { group in
                    var scratch = PartitionScratch(capacity: candidates.largestPartition(in: group))
                    for p in group {
                        tallies.set(p, Self.compare(candidates.positions(of: p), of: candidates, rows: rows, diffs: diffs,
                                                    with: &parts[p], scratch: &scratch, tableKeys: tableKeys,
                                                    tableDiffs: tableDiffs, loadDates: loadDates, loadDate: loadDate,
                                                    inserted: inserted, previous: previous, slots: slots))
                    }
                }
            }
            }
            }
            }
            }
            for tally in (0..<PartitionedKeyIndex.partitionCount).map(tallies.get) {
                counts.duplicates += tally.duplicates
                counts.superseded += tally.superseded
                counts.unchanged += tally.unchanged
            }
            var picked = [Int32]()
            let newRows = SharedArray<Int32>(repeating: -1, count: n)
            for c in 0..<n where inserted[c] {
                newRows[c] = Int32(table.count + picked.count)
                picked.append(rows[c])
                previousVersions.append(previous[c])
            }
            counts.inserted = picked.count
            guard !picked.isEmpty else { return }

            // 3. Append the new versions and point the index at them.
            precondition(table.count + picked.count <= Int(Int32.max), "\(definition.name): more than \(Int32.max) rows")
            table.appendSatelliteRows(picked, parentKeys: parentKeys, hashdiffs: hashdiffs, recordSource: recordSource,
                                      payload: payload, loadDate: loadDate, threads: threads)
            latest.parts.withUnsafeMutableBufferPointer { parts in
                candidates.forEachPartition(threads: threads) { p, positions in
                    for k in positions {
                        let c = candidates.candidate(k)
                        guard newRows[c] >= 0 else { continue }
                        if slots[c] >= 0 {
                            parts[p].update(slot: Int(slots[c]), row: newRows[c])
                        } else {
                            parts[p].insert(row: newRows[c], hash: candidates.hash(k))
                        }
                    }
                }
            }
        }
        return counts
    }

    /// Steps 1 and 2 of a load for the candidates of one partition (`positions` of `candidates`):
    /// the last version of each key in the batch (earlier identical versions are duplicates,
    /// earlier different ones superseded), then compared with the version in force in `index`.
    /// Marks the candidates to insert, with the version they follow and the index slot to update.
    private static func compare(_ positions: Range<Int>, of candidates: CandidateKeys, rows: [Int32], diffs: FixedKeys,
                                with index: inout KeyIndex, scratch: inout PartitionScratch, tableKeys: FixedKeys,
                                tableDiffs: FixedKeys, loadDates: UnsafeBufferPointer<Int64>, loadDate: Int64,
                                inserted: SharedArray<Bool>, previous: SharedArray<Int32>, slots: SharedArray<Int32>) -> LoadCounts {
        var tally = LoadCounts()
        // The batch-local index holds each key's first position; `lastOf[first]` its latest so far.
        scratch.local.removeAll(keepingCapacityFor: positions.count)
        scratch.firsts.removeAll(keepingCapacity: true)
        let lastOf = scratch.lastOf
        let base = positions.lowerBound
        for k in positions {
            let hash = candidates.hash(k)
            let slot = scratch.local.probe(candidates.key(k), hash: hash, in: candidates)
            if slot < 0 {
                scratch.local.insert(row: Int32(k), hash: hash)
                scratch.firsts.append(Int32(k))
                lastOf[k - base] = Int32(k)
            } else {
                let first = Int(scratch.local.row(atSlot: slot)), before = Int(lastOf[first - base])
                let same = memcmp(diffs.key(Int(rows[candidates.candidate(before)])), diffs.key(Int(rows[candidates.candidate(k)])), diffs.width) == 0
                if same { tally.duplicates += 1 } else { tally.superseded += 1 }
                lastOf[first - base] = Int32(k)
            }
        }
        index.reserve(additional: scratch.firsts.count)
        for first in scratch.firsts {
            let k = Int(lastOf[Int(first) - base]), c = candidates.candidate(k)
            let slot = index.probe(candidates.key(k), hash: candidates.hash(k), in: tableKeys)
            if slot >= 0 {
                let current = index.row(atSlot: slot)
                if memcmp(tableDiffs.key(Int(current)), diffs.key(Int(rows[c])), diffs.width) == 0 || loadDates[Int(current)] >= loadDate {
                    tally.unchanged += 1
                    continue
                }
                previous[c] = current
                slots[c] = Int32(slot)
            }
            inserted[c] = true
        }
        return tally
    }

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + latest.memoryFootprint }

    /// For each row, the row of the same key's next version (its `load_end_date` is that row's
    /// `load_date`), or -1 for a key's current version and for the ghost row. One backward sweep.
    public func nextVersionRows() -> [Int32] {
        Self.nextVersionRows(keys: table.columns[0], from: Self.ghostRows)
    }

    /// For each row of `keys` from `start` on, the next row with the same key (-1: none).
    static func nextVersionRows(keys column: Column, from start: Int) -> [Int32] {
        var next = [Int32](repeating: -1, count: column.count)
        guard column.count > start else { return next }
        column.withFixedKeys { keys in
            var seen = KeyIndex(capacity: column.count - start)
            for row in stride(from: column.count - 1, through: start, by: -1) {
                let slot = seen.probe(keys.key(row), hash: keys.hash(row), in: keys)
                if slot >= 0 {
                    next[row] = seen.row(atSlot: slot)
                    seen.update(slot: slot, row: Int32(row))
                } else {
                    seen.insert(row: Int32(row), keys: keys)
                }
            }
        }
        return next
    }

    /// Replaces the table (restoring a snapshot) and rebuilds the latest-version index.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        latest = PartitionedKeyIndex(capacity: restored.count)
        auditedRows = restored.count
        previousVersions = []
        table.columns[0].withFixedKeys { keys in
            for row in Self.ghostRows..<table.count { latest.upsert(row: Int32(row), keys: keys) }
        }
    }
}

/// The working memory of one job comparing a batch's partitions with a satellite, reused from one
/// partition to the next: the batch-local index, the first position of each key, and each first
/// position's latest version.
struct PartitionScratch {
    var local: KeyIndex
    var firsts: [Int32]
    let lastOf: SharedArray<Int32>

    /// Room for partitions of up to `capacity` candidates.
    init(capacity: Int) {
        local = KeyIndex(capacity: capacity, minimumSlots: 16)
        firsts = []
        firsts.reserveCapacity(capacity)
        lastOf = SharedArray(repeating: -1, count: capacity)
    }
}

extension Table {
    /// Appends rows `inserts` of the staged columns to a satellite table
    /// (`parent key, load_date, hash_diff, record_source, payload...`), all with `loadDate` and
    /// `recordSource`: each column gathered straight into the table, one column per job.
    mutating func appendSatelliteRows(_ inserts: [Int32], parentKeys: Column, hashdiffs: Column, recordSource: String,
                                      payload: [Column], loadDate: Int64, threads: Int = 1) {
        withColumns { columns in
            columns.withUnsafeMutableBufferPointer { columns in
                inserts.withUnsafeBufferPointer { inserts in
                    concurrentEach(count: columns.count, threads: inserts.count >= 4096 ? threads : 1) { k in
                        switch k {
                        case 1: columns[k].append(repeating: loadDate, count: inserts.count)
                        case 3: columns[k].append(code: columns[k].intern(recordSource), count: inserts.count)
                        default:
                            let from = k == 0 ? parentKeys : k == 2 ? hashdiffs : payload[k - 4]
                            try! columns[k].append(gathering: inserts, from: from)  // same types by construction
                        }
                    }
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
