// Walkthrough+PointInTime.swift: step 6, how a PIT row is assembled for a snapshot date, ghosts included.

import VaultColumnar
import VaultInspect
import VaultModel

/// The snapshot dates the walkthrough shows and why.
struct ShownSnapshots {
    /// Indexes into the PIT's dates: the first date on which a key of the hub references the
    /// ghost although the hub already held it (when there is one), then the last date.
    var dateIndexes: [Int]
    /// The hub row of that key.
    var ghostRow: Int?
}

/// Why the walkthrough cannot explain a point-in-time table.
public enum WalkthroughError: Error, Equatable, CustomStringConvertible {
    case missingTable(String)
    case noSnapshotDates(String)

    public var description: String {
        switch self {
        case .missingTable(let name): return "the vault has no table \(name)"
        case .noSnapshotDates(let name): return "\(name) has no snapshot date"
        }
    }
}

extension Walkthrough {
    /// The PIT the walkthrough explains.
    static let explainedPointInTime = "pit_customer"

    /// The PIT, its hub and satellites.
    func pointInTimeParts() throws(WalkthroughError) -> (PointInTimeTable, KeyedStore, [SatelliteStore]) {
        let name = Self.explainedPointInTime
        guard let pit = vault.business.pointInTime(name) else { throw .missingTable(name) }
        guard let hub = vault.keyedStore(pit.definition.hub) else { throw .missingTable(pit.definition.hub) }
        let satellites = try pit.definition.satellites.map { name throws(WalkthroughError) in
            guard let store = vault.satelliteStore(name) else { throw .missingTable(name) }
            return store
        }
        guard !pit.dates.isEmpty else { throw .noSnapshotDates(name) }
        return (pit, hub, satellites)
    }

    /// A satellite's name without `sat_` and the hub's entity (`sat_customer_details` -> `details`);
    /// with `prefixOnly`, the prefix itself (`sat_customer_`).
    static func shortName(_ satellite: String, hub: String, prefixOnly: Bool = false) -> String {
        let prefix = "sat_" + hub.dropFirst("hub_".count) + "_"
        if prefixOnly { return prefix }
        return satellite.hasPrefix(prefix) ? String(satellite.dropFirst(prefix.count)) : satellite
    }

    /// The first date with a hub key that is loaded but references the ghost, and the last date.
    func shownSnapshots(_ pit: PointInTimeTable, hub: KeyedStore) -> ShownSnapshots {
        let loaded = hub.table["load_date"]
        for (d, day) in pit.dates.enumerated() {
            for row in 0..<hub.count where BusinessVault.day(of: loaded.value(at: row, as: Int64.self)) <= day {
                if pit.reference(date: d, satellite: 0, hubRow: row) == 0 {
                    return ShownSnapshots(
                        dateIndexes: d == pit.dates.count - 1 ? [d] : [d, pit.dates.count - 1], ghostRow: row)
                }
            }
        }
        return ShownSnapshots(dateIndexes: [pit.dates.count - 1], ghostRow: nil)
    }

    /// Step 6: the PIT rows of the shown snapshot dates, each reference explained.
    func pointInTimeStep() throws -> WalkthroughSection {
        let (pit, hub, satellites) = try pointInTimeParts()
        let shown = shownSnapshots(pit, hub: hub)
        let materialised = vault.pointInTimeTable(pit)
        let names = materialised.schema.names
        let ghost = vault.ghost
        let zero = CellText.value(satellites[0].parentKeys, 0)
        let hubTable = hub.table, satelliteTables = satellites.map(\.table)
        var blocks: [WalkthroughBlock] = [
            .paragraph(
                "A point-in-time (PIT) table prepares the as-of join: for every hub key and snapshot date D it stores, "
                    + "per "
                    + "satellite, the hash key and load date of the version in force on D, the latest one loaded on or "
                    + "before D. "
                    + "`\(pit.definition.name)` has a row for each of the \(hub.table.count) `\(hub.name)` keys on "
                    + "each of "
                    + "\(CellText.count(pit.dates.count, "snapshot date")) (\(CellText.day(pit.dates[0])) to "
                    + "\(CellText.day(pit.dates[pit.dates.count - 1]))): \(materialised.count) rows, over "
                    + "\(CellText.list(satellites.map { "`\($0.definition.name)`" }))."),
            .paragraph(
                "The PIT's columns are `\(names[0])`, `snapshot_date` and, per satellite, `<satellite>_hk` and "
                    + "`<satellite>_load_date`; the tables below drop the "
                    + "`\(Self.shortName("", hub: hub.name, prefixOnly: true))` "
                    + "prefix and list one snapshot date each."),
            .paragraph(
                "Where a key has no version on D the PIT points at the satellite's ghost record: hash key "
                    + "`\(CellText.short(zero))` (all zeros), load date `\(CellText.timestamp(ghost.loadDate))`, "
                    + "record source "
                    + "`\(ghost.recordSource)`, NULL attributes. A join on key and load date then always finds a row."),
        ]
        for d in shown.dateIndexes {
            var columns = [GridColumn(hub.table.schema.names[1])]
            for satellite in satellites {
                let short = Self.shortName(satellite.definition.name, hub: hub.name)
                columns += [GridColumn("\(short)_hk", .hashKey), GridColumn("\(short)_load_date")]
            }
            var grid = Grid(columns: columns + [GridColumn("note")])
            for row in 0..<hubTable.count {
                var cells: [String?] = [hubTable.columns[1].string(at: row)]
                var ghosts = [String]()
                for (s, satellite) in satellites.enumerated() {
                    let reference = Int(pit.reference(date: d, satellite: s, hubRow: row))
                    cells += [
                        CellText.value(satelliteTables[s].columns[0], reference),
                        CellText.value(satelliteTables[s]["load_date"], reference),
                    ]
                    if reference < SatelliteStore.ghostRows {
                        ghosts.append(Self.shortName(satellite.definition.name, hub: hub.name))
                    }
                }
                let loadedLater =
                    BusinessVault.day(of: hubTable["load_date"].value(at: row, as: Int64.self)) > pit.dates[d]
                let note =
                    ghosts.isEmpty
                    ? ""
                    : "ghost (\(ghosts.joined(separator: ", "))): "
                        + (loadedLater ? "key loaded later" : "no version yet")
                grid.append(cells + [note])
            }
            blocks.append(.grid("\(pit.definition.name), snapshot_date \(CellText.day(pit.dates[d]))", grid))
        }
        blocks += pointInTimeNotes(pit, hub: hub, satellites: satellites, shown: shown)
        return WalkthroughSection(id: "pit", level: .step, title: "Step 6: a point-in-time table", blocks: blocks)
    }

    /// How the ghost row and one multi-version row of the shown dates were assembled.
    func pointInTimeNotes(
        _ pit: PointInTimeTable, hub: KeyedStore, satellites: [SatelliteStore],
        shown: ShownSnapshots
    ) -> [WalkthroughBlock] {
        var notes = [String]()
        let first = satellites[0], table = first.table, hubTable = hub.table
        let key = { (row: Int) in hubTable.columns[1].string(at: row) ?? "NULL" }
        if let row = shown.ghostRow, let d = shown.dateIndexes.first {
            let source = hubTable["record_source"].string(at: row) ?? "NULL"
            var note =
                "On \(CellText.day(pit.dates[d])), `\(key(row))` is in `\(hub.name)` (loaded "
                + "\(CellText.dayOf(hubTable["load_date"].value(at: row, as: Int64.self))) from `\(source)`) but "
                + "`\(first.definition.name)` "
                + "has no version of it loaded by then, so its row points at the ghost."
            if let last = shown.dateIndexes.last, last != d {
                let reference = Int(pit.reference(date: last, satellite: 0, hubRow: row))
                if reference >= SatelliteStore.ghostRows {
                    note +=
                        " On \(CellText.day(pit.dates[last])) it points at the version loaded "
                        + "\(CellText.dayOf(table["load_date"].value(at: reference, as: Int64.self)))."
                }
            }
            notes.append(note)
        }
        if let last = shown.dateIndexes.last {
            let day = pit.dates[last]
            for row in 0..<hub.count {
                guard let hubKey = CellText.keyBytes(hub.keys, row) else { continue }
                let versions = CellText.rows(of: hubKey, in: table.columns[0], SatelliteStore.ghostRows..<table.count)
                guard versions.count > 1 else { continue }
                let reference = Int(pit.reference(date: last, satellite: 0, hubRow: row))
                let dates = versions.map { CellText.dayOf(table["load_date"].value(at: $0, as: Int64.self)) }
                let byThen = versions.filter {
                    BusinessVault.day(of: table["load_date"].value(at: $0, as: Int64.self)) <= day
                }
                guard byThen.last == reference else { continue }
                notes.append(
                    "`\(key(row))` has `\(first.definition.name)` versions loaded \(CellText.list(dates)); on "
                        + "\(CellText.day(day)) the latest of those loaded on or before that date is the one of "
                        + "\(CellText.dayOf(table["load_date"].value(at: reference, as: Int64.self))), and its hash "
                        + "key and load "
                        + "date are what the PIT row stores.")
                break
            }
        }
        return notes.isEmpty ? [] : [.list(notes)]
    }
}
