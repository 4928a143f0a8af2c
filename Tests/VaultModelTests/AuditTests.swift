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

    /// `table` with every parent key (column 0) replaced by the first key of another hub.
    static func parentKeys(of table: Table, replacedByAKeyOf hub: String, in vault: Vault) throws -> Table {
        var columns = table.columns
        columns[0] = vault.hubs.first { $0.name == hub }!.keys.gather(Array(repeating: 0, count: table.count))
        return try Table(name: table.name, schema: table.schema, columns: columns)
    }

    @Test(arguments: [1, 2])
    func aLinkRowWhoseHubRowIsMissingFails(threads: Int) throws {
        let vault = try Self.vault(threads: threads)
        let link = vault.links.first { $0.name == "link_sales" }!
        // hub_customer loses its second half: the link rows that refer to it point past its end.
        let customers = vault.hubs.first { $0.name == "hub_customer" }!
        let kept = Int32(customers.count / 2)
        try customers.restore(customers.table.gather(Array(0..<kept)))
        link.auditedRows = 0
        let failures = Audits.run(vault, threads: threads)
        let broken = (0..<link.count).first { link.hubRows(0).value(at: $0, as: Int32.self) >= kept }!
        #expect(failures.contains(AuditFailure(table: "link_sales", rule: "hub_customer_hk has no row in hub_customer",
                                              exampleKey: Audits.keyText(link.keys, broken))))
        #expect(!failures.contains { $0.rule.hasPrefix("hub_product_hk") })
    }

    @Test func restoringALinkWhoseHubKeyIsMissingThrows() throws {
        let vault = try Self.vault(threads: 1)
        let link = vault.links.first { $0.name == "link_sales" }!
        let before = link.table
        // hub_customer_hk replaced by the product keys: none of them is a customer.
        var columns = before.columns
        columns[1] = columns[2]
        #expect(throws: VaultError.restoreMismatch("link_sales row 0: hub_customer_hk has no row in hub_customer")) {
            try link.restore(try Table(name: link.name, schema: link.schema, columns: columns))
        }
        #expect(link.table == before)
    }

    @Test(arguments: [1, 2])
    func aRepeatedHubKeyFails(threads: Int) throws {
        let vault = try Self.vault(threads: threads)
        let hub = vault.hubs.first { $0.name == "hub_store" }!
        let n = Int32(hub.table.count)
        try hub.restore(hub.table.gather(Array(0..<n) + [n - 1]))
        hub.auditedRows = Int(n) - 1
        let failures = Audits.run(vault, threads: threads)
        #expect(failures == [AuditFailure(table: "hub_store", rule: "key is not unique", exampleKey: Audits.keyText(hub.table.columns[0], Int(n) - 1))])
    }

    @Test func aSatelliteRowWithoutParentFails() throws {
        let vault = try Self.vault(threads: 2)
        let satellite = vault.satellite("sat_store_details")
        // hub_store loses its last row: that store's versions point past the hub's end.
        let stores = satellite.parent
        try stores.restore(stores.table.gather(Array(0..<Int32(stores.count - 1))))
        satellite.auditedRows = SatelliteStore.ghostRows
        let failures = Audits.run(vault, threads: 2)
        #expect(failures.contains { $0.table == "sat_store_details" && $0.rule == "parent has no row in hub_store" })
    }

    @Test func restoringASatelliteWithoutParentThrows() throws {
        let vault = try Self.vault(threads: 1)
        let satellite = vault.satellite("sat_store_details")
        let before = satellite.table
        #expect(throws: VaultError.restoreMismatch("sat_store_details row 1: hub_store_hk has no row in hub_store")) {
            try satellite.restore(Self.parentKeys(of: before, replacedByAKeyOf: "hub_promotion", in: vault))
        }
        #expect(satellite.table == before)
    }

    @Test func aPhoneGroupWithoutParentFailsAndCannotBeRestored() throws {
        let vault = try Self.vault(threads: 1)
        let phones = vault.phones, customers = phones.parent
        let before = phones.table
        #expect(throws: VaultError.restoreMismatch("sat_customer_phone_ma row 1: hub_customer_hk has no row in hub_customer")) {
            try phones.restore(Self.parentKeys(of: before, replacedByAKeyOf: "hub_store", in: vault))
        }
        #expect(phones.table == before)
        // hub_customer loses its last rows: the phones of those customers point past its end.
        try customers.restore(customers.table.gather(Array(0..<Int32(customers.count / 2))))
        phones.auditedRows = SatelliteStore.ghostRows
        let failures = Audits.run(vault, threads: 1)
        #expect(failures.contains { $0.table == "sat_customer_phone_ma" && $0.rule == "parent has no row in hub_customer" })
    }
}
