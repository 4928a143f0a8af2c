// MultiActiveSatelliteStore.swift: a satellite whose key has a group of rows in force at once.

import VaultColumnar

/// A multi-active satellite (AutomateDV `ma_sat`): a parent key has several rows in force at once,
/// one per child-dependent key (a customer's mobile, home and work phones). Change detection works
/// on the whole group: when any member differs, or the member count does, the batch's whole group
/// is inserted with the batch's load date (see docs/BUSINESS-VAULT.md).
///
/// A group's rows are contiguous in the table; the index points at the first row of each key's
/// latest group. Row 0 is the ghost record.
public final class MultiActiveSatelliteStore: @unchecked Sendable {
    public let definition: SatelliteDefinition
    public private(set) var table: Table
    /// Parent key -> first row of the key's latest group.
    var latest = KeyIndex()
    /// Rows already checked by the audits.
    var auditedRows = SatelliteStore.ghostRows

    init(definition: SatelliteDefinition, schema: Schema, ghost: GhostRecord) {
        self.definition = definition
        table = ghost.row(for: schema, name: definition.name)
    }

    /// The rows of the group starting at `start`: the following rows with the same key and load date.
    func groupRows(startingAt start: Int) -> Range<Int> {
        var end = start + 1
        let keys = table.columns[0], dates = table.columns[1]
        let date = dates.value(at: start, as: Int64.self)
        keys.withFixedKeys { k in
            while end < table.count && dates.value(at: end, as: Int64.self) == date
                && memcmp(k.key(end), k.key(start), k.width) == 0 { end += 1 }
        }
        return start..<end
    }

    /// Loads NULL-free parent keys with their hashdiffs, child-dependent keys, record sources and
    /// payload columns (in definition order).
    func load(parentKeys: Column, hashdiffs: Column, childKeys: Column, recordSource: String, payload: [Column],
              loadDate: Int64) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = parentKeys.count
        guard parentKeys.count > 0 else { return counts }
        let groups = batchGroups(parentKeys: parentKeys, hashdiffs: hashdiffs, childKeys: childKeys, counts: &counts)

        // Compare each group with the group in force.
        var inserts = [Int32]()
        var starts = [(slot: Int, row: Int32)]()  // slot -1: a new key
        table.columns[0].withFixedKeys { tableKeys in latest.reserve(additional: groups.count) }
        table.columns[0].withFixedKeys { tableKeys in
            parentKeys.withFixedKeys { keys in
                hashdiffs.withFixedKeys { diffs in
                    table.columns[2].withFixedKeys { tableDiffs in
                        let dates = table.columns[1]
                        for members in groups {
                            let first = Int(members[0])
                            let slot = latest.probe(keys.key(first), hash: keys.hash(first), in: tableKeys)
                            if slot >= 0 {
                                let current = groupRows(startingAt: Int(latest.row(atSlot: slot)))
                                let same = current.count == members.count && members.allSatisfy { m in
                                    current.contains { memcmp(tableDiffs.key($0), diffs.key(Int(m)), diffs.width) == 0 }
                                }
                                if same || dates.value(at: current.lowerBound, as: Int64.self) >= loadDate {
                                    counts.unchanged += members.count
                                    continue
                                }
                            }
                            starts.append((slot, Int32(inserts.count)))
                            inserts += members
                        }
                    }
                }
            }
        }
        counts.inserted = inserts.count
        guard !inserts.isEmpty else { return counts }

        let base = table.count
        table.appendSatelliteRows(inserts, parentKeys: parentKeys, hashdiffs: hashdiffs, recordSource: recordSource,
                                  payload: payload, loadDate: loadDate)
        table.columns[0].withFixedKeys { tableKeys in
            for (slot, offset) in starts {
                let row = Int32(base) + offset
                if slot >= 0 { latest.update(slot: slot, row: row) } else { latest.insert(row: row, keys: tableKeys) }
            }
        }
        return counts
    }

    /// The batch's groups in order of each key's first row; within a group one row per child key:
    /// the last in source order (earlier identical rows count as duplicates, different ones as superseded).
    private func batchGroups(parentKeys: Column, hashdiffs: Column, childKeys: Column, counts: inout LoadCounts) -> [[Int32]] {
        var groups = [[Int32]]()
        parentKeys.withFixedKeys { keys in
            hashdiffs.withFixedKeys { diffs in
                childKeys.withReader { child in
                    var local = KeyIndex(capacity: keys.count)
                    var groupOfFirst = [Int32](repeating: -1, count: keys.count)
                    for i in 0..<keys.count {
                        let slot = local.probe(keys.key(i), hash: keys.hash(i), in: keys)
                        guard slot >= 0 else {
                            local.insert(row: Int32(i), keys: keys)
                            groupOfFirst[i] = Int32(groups.count)
                            groups.append([Int32(i)])
                            continue
                        }
                        let g = Int(groupOfFirst[Int(local.row(atSlot: slot))])
                        if let j = groups[g].firstIndex(where: { child.bytes(Int($0)).elementsEqual(child.bytes(i)) }) {
                            let earlier = Int(groups[g][j])
                            if memcmp(diffs.key(earlier), diffs.key(i), diffs.width) == 0 { counts.duplicates += 1 } else { counts.superseded += 1 }
                            groups[g].remove(at: j)
                        }
                        groups[g].append(Int32(i))
                    }
                }
            }
        }
        return groups
    }

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + latest.memoryFootprint }

    /// Replaces the table (restoring a snapshot) and rebuilds the index of latest groups.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        latest = KeyIndex(capacity: restored.count)
        auditedRows = restored.count
        var row = SatelliteStore.ghostRows
        table.columns[0].withFixedKeys { keys in
            while row < table.count {
                let group = groupRows(startingAt: row)
                let slot = latest.probe(keys.key(row), hash: keys.hash(row), in: keys)
                if slot >= 0 { latest.update(slot: slot, row: Int32(row)) } else { latest.insert(row: Int32(row), keys: keys) }
                row = group.upperBound
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
