import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultModel
@testable import VaultQuery

/// A small generated vault shared by the query tests.
enum QueryFixture {
    static let days = 6
    static let vault: Vault = {
        let options = GeneratorOptions(scale: 0.5, days: days, seed: 5, baseDate: CivilDate(year: 2024, month: 1, day: 1))
        let generator = RetailGenerator(options: options)
        let vault = Vault(strategy: HashStrategy())
        for k in 0..<days {
            let batch = generator.batch(k, threads: 1)
            try! vault.load(SourceTables(batch: k, loadDate: Int64(batch.businessDate) * 86_400_000_000, tables: batch.tables))
        }
        return vault
    }()

    static func day(_ iso: String) -> Int32 { Int32(CivilDate(iso: iso)!.daysSinceEpoch) }

    static func sumOfCents(_ column: Column) -> Int64 {
        (0..<column.count).reduce(0) { $0 + (column.int64(at: $1) ?? 0) }
    }
}

@Suite struct QueryTests {
    let vault = QueryFixture.vault

    @Test func salesBySegmentAddsUpToTheMetricsSatellite() throws {
        let result = try VaultQueries.run(.salesBySegment, on: vault, options: QueryOptions(limit: 0))
        let metrics = try #require(vault.table("sat_sales_metrics"))
        #expect(QueryFixture.sumOfCents(result["revenue"]) == QueryFixture.sumOfCents(metrics["total_amount"]))
        #expect(QueryFixture.sumOfCents(result["lines"]) == Int64(vault.table("link_sales")!.count))
        let revenue = (0..<result.count).map { result["revenue"].int64(at: $0)! }
        #expect(revenue == revenue.sorted(by: >))
    }

    @Test func asOfADateLeavesOutLaterRows() throws {
        let first = try VaultQueries.run(.salesAsOf, on: vault, options: QueryOptions(asOf: QueryFixture.day("2024-01-01"), limit: 0))
        let link = try #require(vault.table("link_sales"))
        let loadedDay0 = Vault.rowsLoaded(by: QueryFixture.day("2024-01-01"), in: link)
        #expect(first.count > 0 && first.count <= loadedDay0)
        #expect((0..<first.count).allSatisfy { first["transaction_date"].text(at: $0)! <= "2024-01-01" })
        let all = try VaultQueries.run(.salesContext, on: vault, options: QueryOptions(limit: 0))
        #expect(all.count == link.count)
        let dates = (0..<all.count).compactMap { all["transaction_date"].text(at: $0) }
        #expect(dates == dates.sorted(by: >))
    }

    @Test func theCustomerViewAsOfADateShowsTheVersionThenInForce() throws {
        // A customer whose details changed after the first batch.
        let details = try #require(vault.satelliteStore("sat_customer_details"))
        let next = details.nextVersionRows()
        let changed = try #require((SatelliteStore.ghostRows..<details.table.count).first { next[$0] >= 0 })
        let hub = try #require(vault.keyedStore("hub_customer"))
        let parents = details.parentRowColumn
        let hubRow = parents.value(at: changed, as: Int32.self)
        let id = try #require(hub.table.columns[1].string(at: Int(hubRow)))
        let firstDay = BusinessVault.day(of: details.table["load_date"].value(at: changed, as: Int64.self))
        let then = try VaultQueries.run(.currentCustomers, on: vault, options: QueryOptions(asOf: firstDay, limit: 0))
        let now = try VaultQueries.run(.currentCustomers, on: vault, options: QueryOptions(limit: 0))
        func segment(_ t: Table) -> String? {
            (0..<t.count).first { t["customer_id"].string(at: $0) == id }.flatMap { t["customer_segment"].string(at: $0) }
        }
        #expect(segment(then) == details.table["customer_segment"].string(at: changed))
        let latest = (SatelliteStore.ghostRows..<details.count).last { parents.value(at: $0, as: Int32.self) == hubRow }!
        #expect(segment(now) == details.table["customer_segment"].string(at: latest))
        let history = try VaultQueries.run(.customerHistory, on: vault, options: QueryOptions(key: " \(id.lowercased()) ", limit: 0))
        #expect((0..<history.count).filter { history["satellite"].string(at: $0) == "details" }.count >= 2)
        #expect(history["load_end_date"].isValid(history.count - 1) || history.count > 0)
    }

    @Test func topProductsRanksWithinEachCategory() throws {
        let result = try VaultQueries.run(.topProducts, on: vault, options: QueryOptions(limit: 3))
        #expect(result.count > 0)
        var seen = [String?: Int64]()
        for r in 0..<result.count {
            let category = result["category"].string(at: r), rank = result["rank"].int64(at: r)!
            #expect(rank == (seen[category] ?? 0) + 1 && rank <= 3)
            seen[category] = rank
        }
    }

    @Test func badRequestsAreClearErrors() throws {
        #expect(throws: QueryError.self) { try VaultQueries.run(.customerHistory, on: vault, options: QueryOptions()) }
        #expect(throws: QueryError.unknownKey("C9999999", hub: "hub_customer")) {
            try VaultQueries.run(.customerHistory, on: vault, options: QueryOptions(key: "C9999999"))
        }
        #expect(throws: QueryError.self) {
            try VaultQueries.run(.salesAsOf, on: vault, options: QueryOptions(asOf: QueryFixture.day("2030-01-01")))
        }
        #expect(throws: QueryError.emptyVault) {
            try VaultQueries.run(.salesContext, on: Vault(strategy: HashStrategy()), options: QueryOptions())
        }
    }

    @Test func averagesRoundHalfAwayFromZero() {
        #expect(QueryContext.roundedQuotient(5, 2) == 3)
        #expect(QueryContext.roundedQuotient(-5, 2) == -3)
        #expect(QueryContext.roundedQuotient(7, 3) == 2)
        #expect(QueryContext.roundedQuotient(-7, 3) == -2)
    }
}
