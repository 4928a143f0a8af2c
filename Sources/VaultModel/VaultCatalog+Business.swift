// VaultCatalog+Business.swift: roles, keys and comments of the multi-active and effectivity
// satellites, the point-in-time tables and the bridge.

import VaultColumnar
import VaultHashing

/// What the descriptions of one strategy share: the key text and the ghost record's values.
struct DescriptionContext {
    /// `MD5 digest (16 bytes), automatedv profile` and the like.
    let keyText: String
    /// One sentence on the ghost row every satellite starts with.
    let ghostText: String
    /// The ghost row's load date as `YYYY-MM-DD HH:MM:SS`.
    let ghostLoadDate: String

    init(strategy: HashStrategy) {
        keyText = VaultCatalog.keyText(strategy)
        let ghost = GhostRecord(strategy: strategy)
        ghostLoadDate = ghost.loadDateText
        ghostText = "The first row is the ghost record (zero keys and hash_diff, load_date \(ghostLoadDate), "
            + "record_source \(ghost.recordSource), NULL payload) that point-in-time tables reference "
            + "where no version is in force."
    }
}

extension VaultCatalog {
    /// The description of a multi-active or effectivity satellite, point-in-time table or bridge;
    /// `nil` for any other table.
    static func describeBusiness(_ table: Table, _ context: DescriptionContext) -> VaultTableDescription? {
        let phones = RetailVault.phoneSatellite, effectivity = RetailVault.promotionEffectivity
        let hashed = Set(table.schema.names.filter { $0.hasSuffix("_hk") || $0 == "hash_diff" })
        switch table.name {
        case phones.name:
            var columns = [
                phones.parentKeyColumn: "hash key of the parent \(phones.parent)",
                "load_date": loadDateComment + "; the group of rows with this load_date is in force until the "
                    + "key's next load_date",
                "hash_diff": "hash of phone_type and phone_number (change detection): \(context.keyText)",
                "record_source": recordSourceComment,
            ]
            for field in phones.payload { columns[field.name] = "from \(phones.source).\(field.name)" }
            columns[RetailVault.phoneChildKey] = "child-dependent key (mobile, home, work), from "
                + "\(phones.source).\(RetailVault.phoneChildKey); NULL only in the ghost record"
            return VaultTableDescription(
                name: table.name, kind: .multiActiveSatellite, schema: table.schema,
                primaryKey: [phones.parentKeyColumn, "load_date", RetailVault.phoneChildKey],
                comment: "Multi-active satellite of \(phones.parent) from \(phones.source): per key a group of "
                    + "rows in force at once, one per \(RetailVault.phoneChildKey); the whole group is inserted "
                    + "again when any member or the member count changes. " + context.ghostText,
                columnComments: columns, hashColumns: hashed)
        case effectivity.name:
            let columns = [
                "\(effectivity.link)_hk": "hash key of the parent \(effectivity.link)",
                "load_date": loadDateComment + "; the version is in force until the link's next load_date",
                "\(effectivity.drivingHub)_hk": "hash key of \(effectivity.drivingHub), the driving key",
                "\(effectivity.otherHub)_hk": "hash key of \(effectivity.otherHub)",
                "start_date": "from \(effectivity.source).start_date",
                "end_date": "from \(effectivity.source).end_date; 9999-12-31 while open; the start_date of "
                    + "the driving key's new link when that link ended this one",
                "record_source": recordSourceComment,
            ]
            return VaultTableDescription(
                name: table.name, kind: .effectivitySatellite, schema: table.schema,
                primaryKey: ["\(effectivity.link)_hk", "load_date"],
                comment: "Effectivity satellite of \(effectivity.link) from \(effectivity.source): when each "
                    + "link starts and ends; a new version when its dates change, and a closing version for "
                    + "the other open links of a driving key (\(effectivity.drivingHub)) that opens a link. "
                    + context.ghostText,
                columnComments: columns, hashColumns: hashed)
        default:
            if let pit = RetailVault.pointInTimeTables.first(where: { $0.name == table.name }) {
                return describe(pit, table, context, hashed)
            }
            if RetailVault.bridge.name == table.name { return describe(RetailVault.bridge, table, hashed) }
            return nil
        }
    }

    static let snapshotDateComment = "snapshot date (--pit-from to --pit-to every --pit-grain; by default "
        + "every loaded business date)"

    static func describe(_ pit: PointInTimeDefinition, _ table: Table, _ context: DescriptionContext,
                         _ hashed: Set<String>) -> VaultTableDescription {
        var columns = ["\(pit.hub)_hk": "hash key of \(pit.hub)", "snapshot_date": snapshotDateComment]
        for satellite in pit.satellites {
            columns["\(satellite)_hk"] = "parent key of the \(satellite) version in force on snapshot_date "
                + "(the ghost record's zero key when none is)"
            columns["\(satellite)_load_date"] = "load_date of that version (\(context.ghostLoadDate) for the ghost)"
        }
        return VaultTableDescription(
            name: table.name, kind: .pointInTime, schema: table.schema, primaryKey: ["\(pit.hub)_hk", "snapshot_date"],
            comment: "Point-in-time table over \(pit.hub): per hub key and snapshot date, the version of "
                + "\(pit.satellites.joined(separator: " and ")) in force (the latest loaded on or before the date).",
            columnComments: columns, hashColumns: hashed)
    }

    static func describe(_ bridge: BridgeDefinition, _ table: Table, _ hashed: Set<String>) -> VaultTableDescription {
        let linkKey = "\(bridge.link)_hk"
        return VaultTableDescription(
            name: table.name, kind: .bridge, schema: table.schema,
            primaryKey: ["\(bridge.fromHub)_hk", "snapshot_date", linkKey],
            comment: "Bridge from \(bridge.fromHub) through \(bridge.link) to \(bridge.toHub): per snapshot date, "
                + "every \(bridge.link) row loaded on or before it.",
            columnComments: [
                "\(bridge.fromHub)_hk": "hash key of \(bridge.fromHub)", "snapshot_date": snapshotDateComment,
                linkKey: "hash key of the \(bridge.link) row", "\(bridge.toHub)_hk": "hash key of \(bridge.toHub)",
            ], hashColumns: hashed)
    }
}

extension GhostRecord {
    /// The load date as `YYYY-MM-DD HH:MM:SS` (UTC): `1900-01-01 00:00:00` under automatedv.
    public var loadDateText: String {
        let day = BusinessVault.day(of: loadDate)
        let seconds = Int((loadDate - Int64(day) * Self.microsPerDay) / 1_000_000)
        let clock = [seconds / 3600, seconds / 60 % 60, seconds % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }
        return "\(CivilDate(daysSinceEpoch: Int(day))) " + clock.joined(separator: ":")
    }
}
