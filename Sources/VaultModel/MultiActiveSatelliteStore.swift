// MultiActiveSatelliteStore.swift: a satellite whose key has a group of rows in force at once.

import VaultColumnar

/// A multi-active satellite (AutomateDV `ma_sat`): a parent key has several rows in force at once,
/// one per child-dependent key (a customer's mobile, home and work phones). Change detection works
/// on the whole group: when any member differs, or the member count does, the batch's whole group
/// is inserted with the batch's load date (see docs/BUSINESS-VAULT.md).
///
/// A group's rows are contiguous in the table. Like a plain satellite, it stores each row's parent
/// row instead of the parent key and its load stamps as runs (``SatelliteRows``), and keeps, per
/// parent row, the first row of that parent's latest group. Row 0 is the ghost record.
public final class MultiActiveSatelliteStore: @unchecked Sendable {
    public let definition: SatelliteDefinition
    /// The parent rows, hashdiffs, payload and load stamps.
    private(set) var rows: SatelliteRows
    /// The hub whose keys this satellite describes.
    unowned let parent: KeyedStore
    /// For each parent row, the first row of its latest group (-1: none yet); may be shorter than
    /// the parent.
    private(set) var latestOf = [Int32]()
    /// Rows already checked by the audits.
    var auditedRows = SatelliteStore.ghostRows

    init(definition: SatelliteDefinition, schema: Schema, ghost: GhostRecord, parent: KeyedStore) {
        self.definition = definition
        self.parent = parent
        rows = SatelliteRows(name: definition.name, schema: schema, ghost: ghost)
    }

    /// The number of rows, ghost rows included.
    public var count: Int { rows.count }

    /// Each row's parent row (`int32`; -1 for the ghost rows).
    public var parentRowColumn: Column { rows.parentRows }

    /// The table: parent keys gathered from the parent, the stamps expanded, the stored columns.
    /// Built on every call.
    public var table: Table { rows.table(parent: parent) }

    /// The rows of the group starting at `start`: the following rows with the same parent row and
    /// load date.
    func groupRows(startingAt start: Int) -> Range<Int> {
        let date = rows.stamps.loadDate(ofRow: start)
        var end = start + 1
        rows.parentRows.withUnsafeValues(as: Int32.self) { parents in
            while end < parents.count && parents[end] == parents[start] && rows.stamps.loadDate(ofRow: end) == date { end += 1 }
        }
        return start..<end
    }

    /// Loads a batch's rows: `parentRows` holds each row's parent row (none NULL), with their
    /// hashdiffs, child-dependent keys, record source and payload columns (in definition order).
    func load(parentRows: SharedArray<Int32>, hashdiffs: Column, childKeys: Column, recordSource: String, payload: [Column],
              loadDate: Int64) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = parentRows.count
        guard parentRows.count > 0 else { return counts }
        let groups = batchGroups(parentRows: parentRows, hashdiffs: hashdiffs, childKeys: childKeys, counts: &counts)
        if latestOf.count < parent.count { latestOf.append(contentsOf: repeatElement(-1, count: parent.count - latestOf.count)) }

        // Compare each group with the group in force.
        var inserts = [Int32]()
        var starts = [(parent: Int, offset: Int32)]()
        hashdiffs.withFixedKeys { diffs in
            rows.hashdiffs.withFixedKeys { tableDiffs in
                for members in groups {
                    let p = Int(parentRows[Int(members[0])])
                    if latestOf[p] >= 0 {
                        let current = groupRows(startingAt: Int(latestOf[p]))
                        let same = current.count == members.count && members.allSatisfy { m in
                            current.contains { memcmp(tableDiffs.key($0), diffs.key(Int(m)), diffs.width) == 0 }
                        }
                        if same || rows.stamps.loadDate(ofRow: current.lowerBound) >= loadDate {
                            counts.unchanged += members.count
                            continue
                        }
                    }
                    starts.append((p, Int32(inserts.count)))
                    inserts += members
                }
            }
        }
        counts.inserted = inserts.count
        guard !inserts.isEmpty else { return counts }

        let base = Int32(count)
        rows.append(inserts, parentRows: parentRows, hashdiffs: hashdiffs, payload: payload, recordSource: recordSource, loadDate: loadDate)
        for (p, offset) in starts { latestOf[p] = base + offset }
        return counts
    }

    /// The batch's groups in order of each parent's first row; within a group one row per child
    /// key: the last in source order (earlier identical rows count as duplicates, different ones
    /// as superseded).
    private func batchGroups(parentRows: SharedArray<Int32>, hashdiffs: Column, childKeys: Column, counts: inout LoadCounts) -> [[Int32]] {
        var groups = [[Int32]]()
        var groupOf = [Int32: Int]()
        hashdiffs.withFixedKeys { diffs in
            childKeys.withReader { child in
                for i in 0..<parentRows.count {
                    let p = parentRows[i]
                    guard let g = groupOf[p] else {
                        groupOf[p] = groups.count
                        groups.append([Int32(i)])
                        continue
                    }
                    if let j = groups[g].firstIndex(where: { child.bytes(Int($0)).elementsEqual(child.bytes(i)) }) {
                        let earlier = Int(groups[g][j])
                        if memcmp(diffs.key(earlier), diffs.key(i), diffs.width) == 0 { counts.duplicates += 1 } else { counts.superseded += 1 }
                        groups[g].remove(at: j)
                    }
                    groups[g].append(Int32(i))
                }
            }
        }
        return groups
    }

    /// Bytes of the stored rows and the latest groups.
    public var memoryFootprint: Int { rows.memoryFootprint + latestOf.count * MemoryLayout<Int32>.stride }

    /// Replaces the table (restoring a snapshot; the parent is restored already) and rebuilds the
    /// latest group of each parent row. Throws as ``SatelliteRows/restore(_:parent:)`` does.
    func restore(_ restored: Table) throws {
        try rows.restore(restored, parent: parent)
        latestOf = [Int32](repeating: -1, count: parent.count)
        auditedRows = restored.count
        var row = SatelliteStore.ghostRows
        while row < count {
            let group = groupRows(startingAt: row)
            latestOf[Int(rows.parentRows.value(at: row, as: Int32.self))] = Int32(row)
            row = group.upperBound
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
