import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
@testable import VaultModel

/// The audits find broken rules in tables they have not checked yet, on one core or two.
@Suite struct AuditTests {
    /// A small generated vault whose audits passed, loaded on `threads` cores.
    static func vault(threads: Int) throws -> Vault {
        let vault = Vault(strategy: HashStrategy(), threads: threads)
        try VaultSnapshotRoundTripTests.load(vault, batches: 0..<2, generator: RetailGenerator(options: GeneratorOptions(scale: 2, days: 1, seed: 5)))
        #expect(Audits.run(vault, threads: threads).isEmpty)
        return vault
    }

    @Test(arguments: [1, 2])
    func aLinkRowWhoseHubKeyIsMissingFails(threads: Int) throws {
        let vault = try Self.vault(threads: threads)
        let link = vault.links.first { $0.name == "link_sales" }!
        // hub_customer_hk replaced by the product keys: none of them is a customer.
        var columns = link.table.columns
        columns[1] = columns[2]
        link.restore(try Table(name: link.name, schema: link.table.schema, columns: columns))
        link.auditedRows = 0
        let failures = Audits.run(vault, threads: threads)
        #expect(failures.contains { $0.table == "link_sales" && $0.rule == "hub_customer_hk has no row in hub_customer" })
        #expect(!failures.contains { $0.rule.hasPrefix("hub_product_hk") })
    }

    @Test(arguments: [1, 2])
    func aRepeatedHubKeyFails(threads: Int) throws {
        let vault = try Self.vault(threads: threads)
        let hub = vault.hubs.first { $0.name == "hub_store" }!
        let n = Int32(hub.table.count)
        hub.restore(hub.table.gather(Array(0..<n) + [n - 1]))
        hub.auditedRows = Int(n) - 1
        let failures = Audits.run(vault, threads: threads)
        #expect(failures == [AuditFailure(table: "hub_store", rule: "key is not unique", exampleKey: Audits.keyText(hub.table.columns[0], Int(n) - 1))])
    }

    @Test func aSatelliteRowWithoutParentFails() throws {
        let vault = try Self.vault(threads: 2)
        let satellite = vault.satellite("sat_store_details")
        var columns = satellite.table.columns
        columns[0] = vault.hubs.first { $0.name == "hub_promotion" }!.table.columns[0].gather(Array(repeating: 0, count: satellite.table.count))
        satellite.restore(try Table(name: satellite.definition.name, schema: satellite.table.schema, columns: columns))
        satellite.auditedRows = SatelliteStore.ghostRows
        let failures = Audits.run(vault, threads: 2)
        #expect(failures.contains { $0.table == "sat_store_details" && $0.rule == "parent has no row in hub_store" })
    }
}
