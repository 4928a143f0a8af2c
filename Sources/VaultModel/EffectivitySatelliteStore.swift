// EffectivitySatelliteStore.swift: when each link of a driving key starts and ends.

import VaultColumnar

/// An effectivity satellite (AutomateDV `eff_sat`) on a link whose first hub is the driving key:
/// each version holds the link's `start_date` and `end_date` (9999-12-31 while open). A version is
/// inserted when a link is first seen or its dates change; when a driving key opens a new link,
/// its other open links are closed on the new link's start date (see docs/BUSINESS-VAULT.md).
///
/// ```
///  link_hk | load_date | driving_hk | other_hk | start_date | end_date | record_source
/// ```
/// Row 0 is the ghost record.
public final class EffectivitySatelliteStore: @unchecked Sendable {
    public let definition: EffectivitySatelliteDefinition
    public private(set) var table: Table
    /// Link key -> row of its latest version.
    var latest = KeyIndex()
    /// Driving key bytes -> link keys whose latest version is open.
    var openLinks = [[UInt8]: [[UInt8]]]()
    /// Rows already checked by the audits.
    var auditedRows = SatelliteStore.ghostRows

    /// The end date of an open link: 9999-12-31, in days since 1970.
    public static let openEnd = Int32(CivilDate(year: 9999, month: 12, day: 31).daysSinceEpoch)

    init(definition: EffectivitySatelliteDefinition, schema: Schema, ghost: GhostRecord) {
        self.definition = definition
        table = ghost.row(for: schema, name: definition.name)
    }

    /// One candidate row: its position in the batch and its dates.
    private struct Candidate {
        var row: Int
        /// `nil`: the source sent no start date (stored as NULL).
        var start: Int32?
        var end: Int32
    }

    /// Loads NULL-free link keys with their driving and other hub keys, start dates and end dates
    /// (NULL end: open) and record sources.
    func load(linkKeys: Column, drivingKeys: Column, otherKeys: Column, startDates: Column, endDates: Column,
              recordSources: Column, loadDate: Int64) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = linkKeys.count
        guard linkKeys.count > 0 else { return counts }
        let dateOf = { (c: Column, i: Int, missing: Int32?) -> Int32? in c.isValid(i) ? c.value(at: i, as: Int32.self) : missing }

        // 1. The last row of each link in the batch.
        var lastOf = [Int](), position = [[UInt8]: Int]()
        for i in 0..<linkKeys.count {
            let key = linkKeys.binaryOrText(i)
            if let p = position[key] {
                let earlier = lastOf[p]
                let same = dateOf(startDates, earlier, nil) == dateOf(startDates, i, nil)
                    && dateOf(endDates, earlier, Self.openEnd) == dateOf(endDates, i, Self.openEnd)
                if same { counts.duplicates += 1 } else { counts.superseded += 1 }
                lastOf[p] = i
            } else {
                position[key] = lastOf.count
                lastOf.append(i)
            }
        }
        let kept = lastOf.sorted().map { Candidate(row: $0, start: dateOf(startDates, $0, nil), end: dateOf(endDates, $0, Self.openEnd)!) }

        // 2. Versions that differ from the version in force.
        var inserts = [Candidate]()
        for candidate in kept {
            let key = linkKeys.binaryOrText(candidate.row)
            if let current = latestRow(key) {
                let start = table.columns[4].int32(at: current), end = table.columns[5].value(at: current, as: Int32.self)
                if (start == candidate.start && end == candidate.end) || table.columns[1].value(at: current, as: Int64.self) >= loadDate {
                    counts.unchanged += 1
                    continue
                }
            }
            inserts.append(candidate)
        }

        // 3. Driving-key end dating: a newly opened link closes the driving key's other open links.
        let batchLinks = Set(kept.map { linkKeys.binaryOrText($0.row) })
        var closings = [(link: [UInt8], start: Int32?, end: Int32, row: Int)]()
        for candidate in inserts where candidate.end == Self.openEnd {
            let driver = drivingKeys.binaryOrText(candidate.row)
            for link in openLinks[driver] ?? [] where !batchLinks.contains(link) && !closings.contains(where: { $0.link == link }) {
                let current = latestRow(link)!
                // A link opened without a start date is closed on the new link's start (or today's load date).
                let end = candidate.start ?? BusinessVault.day(of: loadDate)
                closings.append((link, table.columns[4].int32(at: current), end, current))
            }
        }
        counts.inserted = inserts.count + closings.count
        guard counts.inserted > 0 else { return counts }

        // 4. Append: the batch's versions, then the closings.
        var rows = VaultSchemas.emptyTable(table.name, table.schema)
        let picked = inserts.map { Int32($0.row) }
        let closed = table.gather(closings.map { Int32($0.row) })
        rows.withColumns { columns in
            columns[0] = linkKeys.gather(picked)
            columns[2] = drivingKeys.gather(picked)
            columns[3] = otherKeys.gather(picked)
            columns[6] = recordSources.gather(picked)
            for k in [0, 2, 3, 6] { try! columns[k].append(contentsOf: closed.columns[k]) }
            columns[1] = Column.constant(timestamp: loadDate, count: inserts.count + closings.count)
            var starts = Column(.date, capacity: columns[1].count), ends = Column(.date, capacity: columns[1].count)
            for c in inserts { starts.append(optionalDate: c.start); ends.append(c.end) }
            for c in closings { starts.append(optionalDate: c.start); ends.append(c.end) }
            columns[4] = starts
            columns[5] = ends
        }
        let base = table.count
        try! table.append(rows)  // same schema by construction
        index(rows: base..<table.count)
        return counts
    }

    /// The row of the latest version of `link`, if any.
    func latestRow(_ link: [UInt8]) -> Int? {
        guard table.count > SatelliteStore.ghostRows else { return nil }
        return table.columns[0].withFixedKeys { keys in
            link.withUnsafeBytes { bytes in
                let slot = latest.probe(bytes.baseAddress!, hash: KeyHash.hash(bytes), in: keys)
                return slot >= 0 ? Int(latest.row(atSlot: slot)) : nil
            }
        }
    }

    /// Points the indexes at `rows`, in order (later rows are later versions).
    private func index(rows: Range<Int>) {
        table.columns[0].withFixedKeys { keys in
            latest.reserve(additional: rows.count)
            for row in rows {
                let slot = latest.probe(keys.key(row), hash: keys.hash(row), in: keys)
                if slot >= 0 { latest.update(slot: slot, row: Int32(row)) } else { latest.insert(row: Int32(row), keys: keys) }
            }
        }
        for row in rows {
            let link = table.columns[0].binaryOrText(row), driver = table.columns[2].binaryOrText(row)
            var open = openLinks[driver] ?? []
            open.removeAll { $0 == link }
            if table.columns[5].value(at: row, as: Int32.self) == Self.openEnd { open.append(link) }
            openLinks[driver] = open.isEmpty ? nil : open
        }
    }

    /// Bytes of the table and its indexes (the open-link map estimated at its key bytes).
    public var memoryFootprint: Int {
        table.memoryFootprint + latest.memoryFootprint
            + openLinks.reduce(0) { $0 + $1.key.count + $1.value.reduce(0) { $0 + $1.count } }
    }

    /// Replaces the table (restoring a snapshot) and rebuilds the indexes.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        latest = KeyIndex(capacity: restored.count)
        openLinks = [:]
        auditedRows = restored.count
        index(rows: SatelliteStore.ghostRows..<table.count)
    }
}

extension Column {
    /// Appends a date (days since 1970), or NULL for `nil`.
    mutating func append(optionalDate day: Int32?) {
        if let day { append(day) } else { appendNull() }
    }

    /// The bytes of row `i` (a key in binary or hex form) as an array, for hashing in dictionaries.
    func binaryOrText(_ i: Int) -> [UInt8] { withBytes(at: i) { Array($0) } }
}
