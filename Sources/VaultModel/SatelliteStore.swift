// SatelliteStore.swift: an insert-only satellite and the index of each parent key's latest row.

import VaultColumnar

/// A satellite: versions of a parent's attributes, inserted only when the hashdiff differs from
/// the version in force (AutomateDV semantics). Nothing is updated in place; `load_end_date` is
/// derived from the next version's `load_date` (see ``nextVersionRows()``).
///
/// Row 0 is the ghost record (``GhostRecord``): it is not a version of any key.
///
/// ```
///  parent_hk | load_date | hash_diff | record_source | payload ...
///  latestOf: parent row -> row of its latest version here (-1: none)
/// ```
///
/// The satellite finds its versions by the parent's row, which the parent's load of the same
/// batch reports for every source row: no parent key is hashed or probed again, and the index is
/// 4 bytes per parent row instead of a hash table over the satellite's keys.
public final class SatelliteStore: @unchecked Sendable {
    public let definition: SatelliteDefinition
    public private(set) var table: Table
    /// The hub or link whose keys this satellite describes.
    unowned let parent: KeyedStore
    /// For each parent row, the row of its latest version (-1: none yet); may be shorter than the
    /// parent (rows past its end have no version).
    private(set) var latestOf = [Int32]()
    /// Rows already checked by the audits.
    var auditedRows = SatelliteStore.ghostRows
    /// For each row appended by the last load: the row of the version it follows (-1: first version).
    var previousVersions = [Int32]()

    /// Rows at the start of every satellite that hold ghost records.
    public static let ghostRows = 1

    init(definition: SatelliteDefinition, schema: Schema, ghost: GhostRecord, parent: KeyedStore) {
        self.definition = definition
        self.parent = parent
        table = ghost.row(for: schema, name: definition.name)
    }

    /// The row of the latest version of parent row `parentRow`, or -1 (no version, or no parent).
    @inline(__always)
    func latestRow(ofParent parentRow: Int32) -> Int32 {
        parentRow >= 0 && Int(parentRow) < latestOf.count ? latestOf[Int(parentRow)] : -1
    }

    /// Loads the candidate `rows` of a staged batch (rows whose parent key is not NULL, ascending;
    /// `parentRows` holds each source row's parent row, and `parentKeys`, `hashdiffs` and `payload`
    /// are the staged columns in definition order). Within the batch the last version of a key in
    /// source order is kept; it is inserted when its hashdiff differs from the version in force.
    ///
    /// Runs on up to `threads` cores, each taking the parents of its own blocks of parent rows; new
    /// rows are appended in source order, so the result is the same on any thread count.
    func load(parentRows: SharedArray<Int32>, rows: [Int32], parentKeys: Column, hashdiffs: Column, recordSource: String,
              payload: [Column], loadDate: Int64, threads: Int) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = rows.count
        previousVersions = []
        guard !rows.isEmpty else { return counts }
        let n = rows.count
        if latestOf.count < parent.table.count { latestOf.append(contentsOf: repeatElement(-1, count: parent.table.count - latestOf.count)) }
        // Per candidate: whether it is inserted and the version it follows (-1: a new key).
        let inserted = SharedArray(repeating: false, count: n)
        let previous = SharedArray(repeating: Int32(-1), count: n)
        let jobs = n >= 65_536 ? max(threads, 1) : 1
        let tallies = ResultSlots<LoadCounts>(count: jobs)
        // Per parent row: the candidate holding the batch's latest version so far (-1: none).
        let lastOf = SharedArray<Int32>(repeating: -1, count: latestOf.count)
        rows.withUnsafeBufferPointer { rows in
        hashdiffs.withFixedKeys { diffs in
        table.columns[2].withFixedKeys { tableDiffs in
        table.columns[1].withUnsafeValues(as: Int64.self) { loadDates in
        latestOf.withUnsafeBufferPointer { latest in
            concurrentEach(count: jobs, threads: jobs) { j in
                let batch = BatchVersions(rows: rows, parentRows: parentRows, diffs: diffs, lastOf: lastOf)
                tallies.set(j, batch.compare(job: j, of: jobs, with: latest, tableDiffs: tableDiffs, loadDates: loadDates,
                                             loadDate: loadDate, inserted: inserted, previous: previous))
            }
        }
        }
        }
        }
        }
        for tally in (0..<jobs).map(tallies.get) {
            counts.duplicates += tally.duplicates
            counts.superseded += tally.superseded
            counts.unchanged += tally.unchanged
        }
        var picked = [Int32]()
        for c in 0..<n where inserted[c] {
            picked.append(rows[c])
            previousVersions.append(previous[c])
        }
        counts.inserted = picked.count
        guard !picked.isEmpty else { return counts }

        // Append the new versions and point each parent at its new latest row.
        precondition(table.count + picked.count <= Int(Int32.max), "\(definition.name): more than \(Int32.max) rows")
        var next = Int32(table.count)
        table.appendSatelliteRows(picked, parentKeys: parentKeys, hashdiffs: hashdiffs, recordSource: recordSource,
                                  payload: payload, loadDate: loadDate, threads: threads)
        latestOf.withUnsafeMutableBufferPointer { latest in
            for row in picked {
                latest[Int(parentRows[Int(row)])] = next
                next += 1
            }
        }
        return counts
    }

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + latestOf.count * MemoryLayout<Int32>.stride }

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

    /// Replaces the table (restoring a snapshot; the parent is restored already) and rebuilds the
    /// latest version of each parent row.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        latestOf = [Int32](repeating: -1, count: parent.table.count)
        auditedRows = restored.count
        previousVersions = []
        table.columns[0].withFixedKeys { keys in
            for row in Self.ghostRows..<table.count {
                let p = parent.row(of: keys.key(row), width: keys.width)
                if p >= 0 { latestOf[Int(p)] = Int32(row) }
            }
        }
    }

    /// For each row of the satellite from `start` on, its parent's row (-1: no such parent).
    func parentRows(from start: Int = SatelliteStore.ghostRows) -> SharedArray<Int32> {
        let rows = SharedArray<Int32>(repeating: -1, count: table.count)
        table.columns[0].withFixedKeys { keys in
            for row in start..<table.count { rows[row] = parent.row(of: keys.key(row), width: keys.width) }
        }
        return rows
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
