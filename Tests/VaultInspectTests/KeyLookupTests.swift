import Foundation
import Testing
import VaultColumnar
import VaultHashing
import VaultInspect
import VaultModel

@Suite struct KeyLookupTests {
    static let strategies = [HashStrategy(algorithm: .md5, keyFormat: .binary),
                             HashStrategy(algorithm: .sha256, keyFormat: .hex, profile: .datavault4dbt)]

    @Test(arguments: strategies)
    func aDirtyKeyFindsTheHubRowAndEverySatelliteVersion(strategy: HashStrategy) throws {
        let vault = try InspectFixture.vault(strategy)
        let tables = InspectFixture.tables(vault)
        let (text, hashKey) = try #require(InspectFixture.customerWithVersions(vault, atLeast: 2))
        let key = try BusinessKey("  " + text.lowercased() + " ", entity: nil, strategy: strategy)
        #expect(key.text == text)
        #expect(key.hashKey == hashKey)  // hashed here as staging hashed it
        let lookup = KeyLookup(key: key, vault: tables)

        let hub = try tables.table(named: "hub_customer")
        #expect(try lookup.rows(in: hub).map { hub["customer_id"].string(at: $0) } == [text])

        let details = vault.satellites.first { $0.definition.name == "sat_customer_details" }!.table
        let versions = InspectFixture.rows(details, "hub_customer_hk", in: [hashKey])
        #expect(versions.count >= 2)
        #expect(try lookup.rows(in: details) == versions)

        let links = try tables.table(named: "link_sales")
        let linkRows = InspectFixture.rows(links, "hub_customer_hk", in: [hashKey])
        #expect(try lookup.rows(in: links) == linkRows)
        let linkKeys = Set(linkRows.map { InspectFixture.bytes(links["link_sales_hk"], $0) })
        let metrics = try tables.table(named: "sat_sales_metrics")
        #expect(try lookup.rows(in: metrics) == InspectFixture.rows(metrics, "link_sales_hk", in: linkKeys))
    }

    @Test func satelliteVersionsEndWhenTheNextOneStarts() throws {
        let vault = try InspectFixture.vault(HashStrategy())
        let (text, hashKey) = try #require(InspectFixture.customerWithVersions(vault, atLeast: 2))
        let details = try InspectFixture.tables(vault).table(named: "sat_customer_details")
        let versions = InspectFixture.rows(details, "hub_customer_hk", in: [hashKey])
        let dates = versions.map { details["load_date"].value(at: $0, as: Int64.self) }
        let grid = try TableView(details).grid(rows: versions, columns: ["load_date", "load_end_date", "customer_segment"])
        let ends = grid.rows.map { $0[1]! }
        #expect(Array(ends.dropLast()) == grid.rows.dropFirst().map { $0[0]! })
        #expect(ends.last == "9999-12-31 23:59:59.999")
        #expect(dates == dates.sorted())
        _ = text
    }

    @Test func theHistoryHoldsExactlyTheVersionsTheSatelliteStoreHolds() throws {
        let vault = try InspectFixture.vault(HashStrategy(algorithm: .sha1))
        let tables = InspectFixture.tables(vault)
        let (text, hashKey) = try #require(InspectFixture.customerWithVersions(vault, atLeast: 2))
        let grid = KeyHistory.grid(KeyLookup(key: try BusinessKey(text, entity: "customer", strategy: vault.strategy), vault: tables))
        for store in vault.satellites where store.definition.parent == "hub_customer" {
            let rows = InspectFixture.rows(store.table, "hub_customer_hk", in: [hashKey])
            let expected = rows.map { store.table["load_date"].text(at: $0) }
            let shown = grid.rows.filter { $0[2] == store.definition.name }.map { $0[0] }
            #expect(shown == expected, "\(store.definition.name)")
        }
        #expect(grid.rows.filter { $0[2] == "hub_customer" }.count == 1)
        #expect(grid.rows.map { $0[0]! } == grid.rows.map { $0[0]! }.sorted())  // load-date order
        let linkRows = InspectFixture.rows(try tables.table(named: "link_sales"), "hub_customer_hk", in: [hashKey])
        #expect(grid.rows.filter { $0[2] == "link_sales" }.count == linkRows.count)
        #expect(grid.rows.filter { $0[2] == "sat_sales_metrics" }.count == linkRows.count)  // one metrics version per line
        #expect(grid.rows.first { $0[2] == "hub_customer" }?[4] == "customer_id=\(text)")
    }

    @Test func unknownTablesColumnsAndEntitiesAreErrorsListingTheValidNames() throws {
        let vault = try InspectFixture.vault(HashStrategy())
        let tables = InspectFixture.tables(vault)
        #expect(throws: InspectError.unknownTable("hub_cust", valid: tables.tables.map(\.name))) { try tables.table(named: "hub_cust") }
        let error = InspectError.unknownTable("x", valid: ["hub_customer", "etl_batch_log"])
        #expect(error.description == "no table named 'x'; the tables are: hub_customer, etl_batch_log")
        let hub = try tables.table(named: "hub_store")
        #expect(throws: InspectError.unknownColumn("colour", table: "hub_store", valid: hub.schema.names)) {
            try TableView(hub).grid(rows: [0], columns: ["store_id", "colour"])
        }
        #expect(throws: InspectError.entityNotInferred(key: "X12", valid: BusinessKey.entities)) {
            try BusinessKey("X12", entity: nil, strategy: vault.strategy)
        }
        #expect(throws: InspectError.unknownEntity("shop", valid: BusinessKey.entities)) {
            try BusinessKey("S0001", entity: "shop", strategy: vault.strategy)
        }
        let key = try BusinessKey("S0001", entity: nil, strategy: vault.strategy)
        #expect(throws: InspectError.tableDoesNotNameKey(table: "hub_customer", entity: "store")) {
            try KeyLookup(key: key, vault: tables).rows(in: try tables.table(named: "hub_customer"))
        }
    }

    @Test func aTableViewShowsKeysAsHexAndSatellitesWithAnEndDate() throws {
        let vault = try InspectFixture.vault(HashStrategy())
        let details = try InspectFixture.tables(vault).table(named: "sat_product_pricing")
        let view = TableView(details)
        #expect(view.columnNames.prefix(3) == ["hub_product_hk", "load_date", "load_end_date"])
        let grid = try view.grid(rows: [0, 1])
        #expect(grid.columns[0].kind == .hashKey && grid.columns[3].kind == .hashKey)
        #expect(grid.columns.first { $0.name == "unit_price" }?.kind == .number)
        #expect(grid.rows[0][0] == InspectFixture.bytes(details[column: 0], 0).map { String(format: "%02X", $0) }.joined())
        #expect(TableView(try InspectFixture.tables(vault).table(named: "link_sales")).columnNames.contains("load_end_date") == false)
    }
}
