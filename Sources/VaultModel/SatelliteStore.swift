// SatelliteStore.swift: an insert-only satellite and the index of each parent key's latest row.

import VaultRuntime
import VaultColumnar

/// A satellite: versions of a parent's attributes, inserted only when the hashdiff differs from
/// the version in force (AutomateDV semantics). Nothing is updated in place; `load_end_date` is
/// derived from the next version's `load_date` (see ``nextVersionRows()``).
///
/// Row 0 is the ghost record (``GhostRecord``): it is not a version of any key.
///
/// ```
///  table:    parent_hk | load_date | hash_diff | record_source | payload ...
///  stored:   parent row | hash_diff | payload ...     + stamps (load_date, record_source runs)
///  latestOf: parent row -> row of its latest version here (-1: none)
/// ```
///
/// The satellite finds its versions by the parent's row, which the parent's load of the same
/// batch reports for every source row: no parent key is hashed or probed again, and the index is
/// 4 bytes per parent row instead of a hash table over the satellite's keys. It stores that row
/// instead of the parent key too (4 bytes instead of 16 or more), and its load stamps as runs
/// (``LoadStamps``); ``table`` gathers the keys and expands the stamps.
public final class SatelliteStore: @unchecked Sendable {
    public let definition: SatelliteDefinition
    /// The parent rows, hashdiffs, payload and load stamps.
    private(set) var rows: SatelliteRows
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
        rows = SatelliteRows(name: definition.name, schema: schema, ghost: ghost)
    }

    /// The columns of ``table``.
    public var schema: Schema { rows.schema }

    /// The number of rows, ghost rows included.
    public var count: Int { rows.count }

    /// Each row's parent row (`int32`; -1 for the ghost rows).
    public var parentRowColumn: Column { rows.parentRows }

    /// The hashdiffs.
    public var hashdiffs: Column { rows.hashdiffs }

    /// The payload column called `name`.
    public func payload(_ name: String) -> Column { rows.payload(name) }

    /// The load date of row `row`.
    public func loadDate(ofRow row: Int) -> Int64 { rows.stamps.loadDate(ofRow: row) }

    /// Rows (ghost rows included) loaded on or before calendar day `day`: a prefix, since versions
    /// are appended in load-date order.
    public func rowsLoaded(by day: Int32) -> Int { rows.stamps.firstRow(loadedAfter: day, from: Self.ghostRows) }

    /// The parent keys of every row: the ghost's key, then the keys at the parent rows.
    public var parentKeys: Column { rows.parentKeys(in: parent) }

    /// The table: parent keys gathered from the parent, the stamps expanded, the stored columns.
    /// Built on every call; loops should read the stored columns and stamps instead.
    public var table: Table { rows.table(parent: parent) }

    /// The row of the latest version of parent row `parentRow`, or -1 (no version, or no parent).
    @inline(__always)
    func latestRow(ofParent parentRow: Int32) -> Int32 {
        parentRow >= 0 && Int(parentRow) < latestOf.count ? latestOf[Int(parentRow)] : -1
    }

    /// Loads the candidate `rows` of a staged batch (rows whose parent key is not NULL, ascending;
    /// `parentRows` holds each source row's parent row, and `hashdiffs` and `payload` are the
    /// staged columns in definition order). Within the batch the last version of a key in
    /// source order is kept; it is inserted when its hashdiff differs from the version in force.
    ///
    /// Runs on up to `threads` cores, each taking the parents of its own blocks of parent rows; new
    /// rows are appended in source order, so the result is the same on any thread count.
    func load(parentRows: SharedArray<Int32>, rows: [Int32], hashdiffs: Column, recordSource: String,
              payload: [Column], loadDate: Int64, threads: Int) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = rows.count
        previousVersions = []
        guard !rows.isEmpty else { return counts }
        let n = rows.count
        if latestOf.count < parent.count { latestOf.append(contentsOf: repeatElement(-1, count: parent.count - latestOf.count)) }
        // Per candidate: whether it is inserted and the version it follows (-1: a new key).
        let inserted = SharedArray(repeating: false, count: n)
        let previous = SharedArray(repeating: Int32(-1), count: n)
        let jobs = n >= 65_536 ? max(threads, 1) : 1
        let tallies = ResultSlots<LoadCounts>(count: jobs)
        // Per parent row: the candidate holding the batch's latest version so far (-1: none).
        let lastOf = SharedArray<Int32>(repeating: -1, count: latestOf.count)
        rows.withUnsafeBufferPointer { rows in
        hashdiffs.withFixedKeys { diffs in
        self.rows.hashdiffs.withFixedKeys { tableDiffs in
        latestOf.withUnsafeBufferPointer { latest in
            let stamps = self.rows.stamps
            concurrentEach(count: jobs, threads: jobs) { j in
                let batch = BatchVersions(rows: rows, parentRows: parentRows, diffs: diffs, lastOf: lastOf)
                tallies.set(j, batch.compare(job: j, of: jobs, with: latest, tableDiffs: tableDiffs, stamps: stamps,
                                             loadDate: loadDate, inserted: inserted, previous: previous))
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
        var next = Int32(count)
        self.rows.append(picked, parentRows: parentRows, hashdiffs: hashdiffs, payload: payload, recordSource: recordSource,
                         loadDate: loadDate, threads: threads)
        latestOf.withUnsafeMutableBufferPointer { latest in
            for row in picked {
                latest[Int(parentRows[Int(row)])] = next
                next += 1
            }
        }
        return counts
    }

    /// Bytes of the stored columns, the stamps and the index: what the satellite really holds.
    public var memoryFootprint: Int {
        rows.memoryFootprint + latestOf.count * MemoryLayout<Int32>.stride
    }

    /// For each row, the row of the same key's next version (its `load_end_date` is that row's
    /// `load_date`), or -1 for a key's current version and for the ghost row. One backward sweep
    /// over the parent rows.
    public func nextVersionRows() -> [Int32] {
        var next = [Int32](repeating: -1, count: count)
        var later = [Int32](repeating: -1, count: parent.count)
        rows.parentRows.withUnsafeValues(as: Int32.self) { parents in
            for row in stride(from: count - 1, through: Self.ghostRows, by: -1) {
                let p = Int(parents[row])
                next[row] = later[p]
                later[p] = Int32(row)
            }
        }
        return next
    }

    /// Replaces the table (restoring a snapshot; the parent is restored already) and rebuilds the
    /// latest version of each parent row. Throws when the table does not fit: another schema, a
    /// NULL stamp, or a version whose parent key the parent does not hold.
    func restore(_ restored: Table) throws {
        try rows.restore(restored, parent: parent)
        latestOf = [Int32](repeating: -1, count: parent.count)
        auditedRows = restored.count
        previousVersions = []
        rows.parentRows.withUnsafeValues(as: Int32.self) { parents in
            for row in Self.ghostRows..<parents.count { latestOf[Int(parents[row])] = Int32(row) }
        }
    }

    /// Each row's parent row (-1 for the ghost rows), as the loads take it.
    func parentRows() -> SharedArray<Int32> {
        let result = SharedArray<Int32>(repeating: -1, count: count)
        rows.parentRows.withUnsafeValues(as: Int32.self) { parents in
            for row in 0..<parents.count { result[row] = parents[row] }
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
