// BusinessVault.swift: the point-in-time tables and the bridge, kept up to date batch by batch.

import VaultColumnar

/// The business vault: `pit_customer`, `pit_product` and `bridge_customer_product` over the
/// snapshot dates of ``calendar``. The loader refreshes it after every batch (the `pit` stage);
/// a refresh touches only new snapshot dates and the keys with new versions.
public final class BusinessVault: @unchecked Sendable {
    /// The snapshot dates; changing the range rebuilds the tables at the next refresh.
    public var calendar = SnapshotCalendar()
    public let pointInTimeTables: [PointInTimeTable]
    public let bridge: BridgeTable

    init() {
        pointInTimeTables = RetailVault.pointInTimeTables.map { PointInTimeTable(definition: $0) }
        bridge = BridgeTable(definition: RetailVault.bridge)
    }

    /// The point-in-time table called `name`.
    public func pointInTime(_ name: String) -> PointInTimeTable? { pointInTimeTables.first { $0.definition.name == name } }

    /// The snapshot dates for the vault's loaded range (empty before the first batch).
    func dates(_ vault: Vault) -> [Int32] {
        guard vault.latestLoadDate != .min else { return [] }
        return calendar.dates(firstLoaded: Self.day(of: vault.firstLoadDate), lastLoaded: Self.day(of: vault.latestLoadDate))
    }

    /// Brings every table up to date with the vault.
    func refresh(_ vault: Vault) {
        let dates = dates(vault)
        for pit in pointInTimeTables {
            let hub = vault.hub(pit.definition.hub)
            pit.refresh(dates: dates, hub: hub, satellites: pit.definition.satellites.map { vault.satellite($0) }, threads: vault.threads)
        }
        bridge.refresh(dates: dates, link: vault.links.first { $0.name == bridge.definition.link }!)
    }

    /// Forgets every table and builds them again from the satellites (one sweep each).
    func rebuild(_ vault: Vault) {
        for pit in pointInTimeTables { pit.reset() }
        refresh(vault)
    }

    /// Bytes held by the tables' compact forms.
    public var memoryFootprint: Int { pointInTimeTables.reduce(bridge.memoryFootprint) { $0 + $1.memoryFootprint } }

    /// The calendar day of a timestamp (microseconds since 1970, UTC).
    public static func day(of timestamp: Int64) -> Int32 {
        Int32((timestamp >= 0 ? timestamp : timestamp - GhostRecord.microsPerDay + 1) / GhostRecord.microsPerDay)
    }
}
