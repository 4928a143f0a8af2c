// SatelliteStore.swift: an insert-only satellite and the index of each parent key's latest row.

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
    /// The columns of ``table``.
    public let schema: Schema
    /// The parent row (`int32`; -1 for the ghost rows), the hashdiff, then the payload.
    private(set) var stored: Table
    /// `load_date` and `record_source` of every row.
    private(set) var stamps = LoadStamps()
    /// The parent key of the ghost rows (they have no parent row).
    private let ghostKeys: Column
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
        self.schema = schema
        self.parent = parent
        let table = ghost.row(for: schema, name: definition.name)
        ghostKeys = table.columns[0]
        stored = Self.storedTable(definition.name, schema: schema, parentRows: Column(int32: SharedArray(repeating: -1, count: table.count)),
                                  from: table)
        stamps = try! LoadStamps(loadDates: table.columns[1], recordSources: table.columns[3], table: definition.name)  // the ghost's own
    }

    /// The stored columns of `table`'s rows, with their parent rows.
    private static func storedTable(_ name: String, schema: Schema, parentRows: Column, from table: Table) -> Table {
        let fields = [Field("parent_row", .int32, nullable: false)] + [schema.fields[2]] + schema.fields[4...]
        return try! Table(name: name, schema: Schema(fields), columns: [parentRows, table.columns[2]] + table.columns[4...])  // same lengths
    }

    /// The number of rows, ghost rows included.
    public var count: Int { stored.count }

    /// Each row's parent row (`int32`; -1 for the ghost rows).
    public var parentRowColumn: Column { stored.columns[0] }

    /// The hashdiffs.
    public var hashdiffs: Column { stored.columns[1] }

    /// The payload column called `name`.
    public func payload(_ name: String) -> Column {
        guard let k = definition.payload.firstIndex(where: { $0.name == name }) else { preconditionFailure("\(definition.name) has no payload column \(name)") }
        return stored.columns[2 + k]
    }

    /// The load date of row `row`.
    public func loadDate(ofRow row: Int) -> Int64 { stamps.loadDate(ofRow: row) }

    /// Rows (ghost rows included) loaded before `limit` (microseconds): a prefix, since versions
    /// are appended in load-date order.
    public func rowsLoaded(before limit: Int64) -> Int { stamps.firstRow(loadedOnOrAfter: limit, from: Self.ghostRows) }

    /// The parent keys of every row: the ghost's key, then the keys at the parent rows.
    public var parentKeys: Column {
        var keys = ghostKeys
        keys.reserve(rows: count - Self.ghostRows)
        stored.columns[0].withUnsafeValues(as: Int32.self) { rows in
            try! keys.append(gathering: UnsafeBufferPointer(rebasing: rows[Self.ghostRows...]), from: parent.keys)  // same type
        }
        return keys
    }

    /// The table: parent keys gathered from the parent, the stamps expanded, the stored columns.
    /// Built on every call; loops should read the stored columns and stamps instead.
    public var table: Table {
        let columns = [parentKeys, stamps.loadDateColumn(), stored.columns[1], stamps.recordSourceColumn()] + stored.columns[2...]
        return try! Table(name: definition.name, schema: schema, columns: Array(columns))  // types and lengths agree by construction
    }

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
        stored.columns[1].withFixedKeys { tableDiffs in
        latestOf.withUnsafeBufferPointer { latest in
            let stamps = self.stamps
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
        precondition(count + picked.count <= Int(Int32.max), "\(definition.name): more than \(Int32.max) rows")
        var next = Int32(count)
        stamps.append(loadDate: loadDate, code: stamps.intern(recordSource), count: picked.count)
        stored.appendVersions(picked, parentRows: parentRows, hashdiffs: hashdiffs, payload: payload, threads: threads)
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
        stored.memoryFootprint + stamps.memoryFootprint + ghostKeys.memoryFootprint + latestOf.count * MemoryLayout<Int32>.stride
    }

    /// For each row, the row of the same key's next version (its `load_end_date` is that row's
    /// `load_date`), or -1 for a key's current version and for the ghost row. One backward sweep
    /// over the parent rows.
    public func nextVersionRows() -> [Int32] {
        var next = [Int32](repeating: -1, count: count)
        var later = [Int32](repeating: -1, count: parent.count)
        stored.columns[0].withUnsafeValues(as: Int32.self) { parents in
            for row in stride(from: count - 1, through: Self.ghostRows, by: -1) {
                let p = Int(parents[row])
                next[row] = later[p]
                later[p] = Int32(row)
            }
        }
        return next
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
    /// latest version of each parent row. Throws when the table does not fit: another schema, a
    /// NULL stamp, or a version whose parent key the parent does not hold.
    func restore(_ restored: Table) throws {
        let name = definition.name
        guard restored.schema == schema else { throw VaultError.restoreMismatch("\(name) has another schema than this vault's") }
        guard restored.count >= Self.ghostRows else { throw VaultError.restoreMismatch("\(name) has no ghost record") }
        let versionKeys = restored.columns[0].gather(Array(Int32(Self.ghostRows)..<Int32(restored.count)))
        var parentRows = Column(.int32, capacity: restored.count)
        for _ in 0..<Self.ghostRows { parentRows.append(Int32(-1)) }
        try parentRows.append(contentsOf: parent.rows(ofKeys: versionKeys, in: name, firstRow: Self.ghostRows))
        let restoredStamps = try LoadStamps(loadDates: restored.columns[1], recordSources: restored.columns[3], table: name)
        stored = Self.storedTable(name, schema: schema, parentRows: parentRows, from: restored)
        stamps = restoredStamps
        latestOf = [Int32](repeating: -1, count: parent.count)
        auditedRows = restored.count
        previousVersions = []
        parentRows.withUnsafeValues(as: Int32.self) { parents in
            for row in Self.ghostRows..<parents.count { latestOf[Int(parents[row])] = Int32(row) }
        }
    }

    /// Each row's parent row (-1 for the ghost rows), as the loads take it.
    func parentRows() -> SharedArray<Int32> {
        let rows = SharedArray<Int32>(repeating: -1, count: count)
        stored.columns[0].withUnsafeValues(as: Int32.self) { parents in
            for row in 0..<parents.count { rows[row] = parents[row] }
        }
        return rows
    }
}

extension Table {
    /// Appends rows `inserts` of the staged columns to a satellite's stored columns
    /// (`parent row, hash_diff, payload...`): each column gathered straight into the table, one
    /// column per job.
    mutating func appendVersions(_ inserts: [Int32], parentRows: SharedArray<Int32>, hashdiffs: Column, payload: [Column], threads: Int = 1) {
        withColumns { columns in
            columns.withUnsafeMutableBufferPointer { columns in
                inserts.withUnsafeBufferPointer { inserts in
                    concurrentEach(count: columns.count, threads: inserts.count >= 4096 ? threads : 1) { k in
                        if k == 0 {
                            columns[k].appendValues(rowCount: inserts.count, as: Int32.self) { out in
                                for (i, row) in inserts.enumerated() { out[i] = parentRows[Int(row)] }
                            }
                            return
                        }
                        try! columns[k].append(gathering: inserts, from: k == 1 ? hashdiffs : payload[k - 2])  // same types by construction
                    }
                }
            }
        }
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
