import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
@testable import VaultModel

@Suite struct MultiActiveSatelliteTests {
    static func phones(_ id: String, _ numbers: [(String, String)]) -> [[String: String]] {
        numbers.map { ["customer_id": id, "phone_type": $0.0, "phone_number": $0.1] }
    }

    @Test func aGroupThatChangesOneMemberIsInsertedWhole() throws {
        let vault = Vault(strategy: HashStrategy())
        let day0 = Self.phones("C001", [("mobile", "555-1"), ("home", "555-2"), ("work", "555-3")]) + Self.phones("C002", [("mobile", "555-9")])
        try vault.load(RetailFixture.batch(0, ["customer_phones": day0]))
        #expect(vault.phones.table.count == 1 + 4)
        // Day 1: C001 re-sent unchanged (in another order), C002 changes its only phone.
        let day1 = Self.phones("C001", [("work", "555-3"), ("mobile", "555-1"), ("home", "555-2")]) + Self.phones("C002", [("mobile", "555-8")])
        let r1 = try vault.load(RetailFixture.batch(1, ["customer_phones": day1]))
        #expect(r1.tables["sat_customer_phone_ma"]?.inserted == 1)
        #expect(r1.tables["sat_customer_phone_ma"]?.unchanged == 3)
        // Day 2: C001 changes its home number only: all three phones are inserted again.
        let day2 = Self.phones("C001", [("mobile", "555-1"), ("home", "555-7"), ("work", "555-3")])
        let r2 = try vault.load(RetailFixture.batch(2, ["customer_phones": day2]))
        #expect(r2.tables["sat_customer_phone_ma"]?.inserted == 3)
        let table = vault.phones.table
        let day2Rows = (0..<table.count).filter { table["load_date"].value(at: $0, as: Int64.self) == r2.loadDate }
        #expect(day2Rows.map { table["phone_number"].string(at: $0)! } == ["555-1", "555-7", "555-3"])
        // Day 3: C001 drops its work phone: a smaller group is a change too.
        let r3 = try vault.load(RetailFixture.batch(3, ["customer_phones": Self.phones("C001", [("mobile", "555-1"), ("home", "555-7")])]))
        #expect(r3.tables["sat_customer_phone_ma"]?.inserted == 2)
        #expect(r3.auditFailures.isEmpty)
    }

    @Test func aRepeatedChildKeyKeepsTheLastRow() throws {
        let vault = Vault(strategy: HashStrategy(algorithm: .sha256, keyFormat: .hex))
        let rows = Self.phones("C001", [("mobile", "555-1"), ("mobile", "555-2"), ("home", "555-3"), ("home", "555-3")])
        let report = try vault.load(RetailFixture.batch(0, ["customer_phones": rows]))
        let counts = try #require(report.tables["sat_customer_phone_ma"])
        #expect(counts.inserted == 2 && counts.superseded == 1 && counts.duplicates == 1)
        #expect((1...2).map { vault.phones.table["phone_number"].string(at: $0)! } == ["555-2", "555-3"])
    }

    @Test func restoringRebuildsTheLatestGroups() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(RetailFixture.batch(0, ["customer_phones": Self.phones("C001", [("mobile", "1"), ("home", "2")])]))
        let copy = Vault(strategy: HashStrategy())
        try copy.restore(vault.tables)
        let again = try copy.load(RetailFixture.batch(1, ["customer_phones": Self.phones("C001", [("home", "2"), ("mobile", "1")])]))
        #expect(again.tables["sat_customer_phone_ma"]?.inserted == 0)
    }
}

@Suite struct EffectivitySatelliteTests {
    static func assignment(_ product: String, _ promotion: String, start: String, end: String? = nil) -> [String: String] {
        var row = ["product_id": product, "promotion_id": promotion, "start_date": start]
        if let end { row["end_date"] = end }
        return row
    }

    static func versions(_ vault: Vault) -> [String] {
        let t = vault.promotionEffectivity.table
        return (SatelliteStore.ghostRows..<t.count).map { r in
            "\(t["start_date"].text(at: r)!)..\(t["end_date"].text(at: r)!)"
        }
    }

    @Test func aPromotionThatEndsAndRestartsGetsThreeVersions() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(RetailFixture.batch(0, ["product_promotions": [Self.assignment("P1", "PROMO001", start: "2024-01-01")]]))
        // A re-send changes nothing.
        let resent = try vault.load(RetailFixture.batch(1, ["product_promotions": [Self.assignment("P1", "PROMO001", start: "2024-01-01")]]))
        #expect(resent.tables["sat_product_promotion_eff"]?.unchanged == 1)
        try vault.load(RetailFixture.batch(2, ["product_promotions": [Self.assignment("P1", "PROMO001", start: "2024-01-01", end: "2024-01-03")]]))
        try vault.load(RetailFixture.batch(4, ["product_promotions": [Self.assignment("P1", "PROMO001", start: "2024-01-05")]]))
        #expect(Self.versions(vault) == ["2024-01-01..9999-12-31", "2024-01-01..2024-01-03", "2024-01-05..9999-12-31"])
        #expect(vault.link("link_product_promotion").table.count == 1)
    }

    @Test func aNewOpenLinkEndsTheDrivingKeysOtherOpenLink() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(RetailFixture.batch(0, ["product_promotions": [Self.assignment("P1", "PROMO001", start: "2024-01-01"),
                                                                      Self.assignment("P2", "PROMO001", start: "2024-01-01")]]))
        // P1 moves to PROMO002 without a closing row for PROMO001: the driving key ends it.
        let report = try vault.load(RetailFixture.batch(3, ["product_promotions": [Self.assignment("P1", "PROMO002", start: "2024-01-04")]]))
        #expect(report.tables["sat_product_promotion_eff"]?.inserted == 2)
        #expect(Self.versions(vault) == ["2024-01-01..9999-12-31", "2024-01-01..9999-12-31",
                                         "2024-01-04..9999-12-31", "2024-01-01..2024-01-04"])
        // P2's link stays open: it has another driving key.
        let t = vault.promotionEffectivity.table
        #expect(t["hub_product_hk"].binary(at: 4) == t["hub_product_hk"].binary(at: 1))
        #expect(report.auditFailures.isEmpty)
    }
}

@Suite struct PointInTimeTests {
    /// The references of `pit` on `date` for `customer`, as (satellite row) per satellite.
    static func references(_ vault: Vault, _ pitName: String, _ hub: String, _ key: String, _ date: String) throws -> [Int32] {
        let pit = try #require(vault.business.pointInTime(pitName))
        let d = try #require(pit.dateIndex(of: Int32(CivilDate(iso: date)!.daysSinceEpoch)))
        let row = try #require(vault.hubRow(businessKey: key, hub: hub))
        return pit.definition.satellites.indices.map { pit.reference(date: d, satellite: $0, hubRow: row) }
    }

    @Test func aKeyWithoutAVersionYetGetsTheGhostAndAChangeCountsOnItsOwnDate() throws {
        let vault = Vault(strategy: HashStrategy())
        vault.business.calendar = SnapshotCalendar(from: Int32(CivilDate(iso: "2023-12-31")!.daysSinceEpoch), to: Int32(CivilDate(iso: "2024-01-05")!.daysSinceEpoch))
        try vault.load(RetailFixture.batch(0, ["customers": [RetailFixture.customer("C001")],
                                               "transactions": [RetailFixture.line("T1", 1, customer: "C002", product: "P1")]]))
        try vault.load(RetailFixture.batch(2, ["customers": [RetailFixture.customer("C001", segment: "VIP"), RetailFixture.customer("C002")]]))
        // Before any load, and for C002 until its own row arrives on 2024-01-03: the ghost.
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C001", "2023-12-31") == [0, 0])
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C002", "2024-01-02") == [0, 0])
        // C001: version 1 from 2024-01-01; the change loaded on 2024-01-03 is in force that very day.
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C001", "2024-01-02") == [1, 1])
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C001", "2024-01-03") == [2, 1])
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C002", "2024-01-05") == [3, 2])
        // Materialised, the ghost reference is the zero key with the ghost load date.
        let rows = vault.pointInTimeTable(vault.business.pointInTime("pit_customer")!)
        #expect(rows.count == 2 * 6)
        let zero = [UInt8](repeating: 0, count: 16)
        #expect(rows["sat_customer_details_hk"].binary(at: 0) == zero)
        #expect(rows["sat_customer_details_load_date"].value(at: 0, as: Int64.self) == vault.ghost.loadDate)
    }

    /// Brute force: for every hub row and date, the latest version loaded on or before the date.
    static func expectedReference(_ vault: Vault, sat: Table, hubKeys: Column, hubRow: Int, day: Int32) -> Int32 {
        var best: Int32 = 0
        hubKeys.withBytes(at: hubRow) { key in
            for r in SatelliteStore.ghostRows..<sat.count where sat.columns[0].withBytes(at: r, { $0.elementsEqual(key) })
                && BusinessVault.day(of: sat["load_date"].value(at: r, as: Int64.self)) <= day { best = Int32(r) }
        }
        return best
    }

    @Test(arguments: [SnapshotGrain.day, .week, .month])
    func incrementalRefreshesEqualAFullBuildAndBruteForce(grain: SnapshotGrain) throws {
        let options = GeneratorOptions(scale: 0.05, days: 6, seed: 11, baseDate: CivilDate(year: 2024, month: 1, day: 1))
        let generator = RetailGenerator(options: options)
        let vault = Vault(strategy: HashStrategy())
        // Dates beyond the last load exercise the refresh of existing future dates.
        vault.business.calendar = SnapshotCalendar(from: Int32(CivilDate(iso: "2023-12-30")!.daysSinceEpoch),
                                                   to: Int32(CivilDate(iso: "2024-03-10")!.daysSinceEpoch), grain: grain)
        for k in 0..<options.days {
            let batch = generator.batch(k, threads: 1)
            try vault.load(SourceTables(batch: k, loadDate: Int64(batch.businessDate) * 86_400_000_000, tables: batch.tables))
        }
        let incremental = vault.businessTables()
        vault.rebuildBusinessVault()
        #expect(vault.businessTables() == incremental)
        for pit in vault.business.pointInTimeTables {
            let hubKeys = vault.keyedStore(pit.definition.hub)!.table.columns[0]
            for (s, name) in pit.definition.satellites.enumerated() {
                let sat = vault.table(name)!
                for d in stride(from: 0, to: pit.dates.count, by: max(1, pit.dates.count / 5)) {
                    for h in stride(from: 0, to: hubKeys.count, by: 7) {
                        #expect(pit.reference(date: d, satellite: s, hubRow: h)
                                == Self.expectedReference(vault, sat: sat, hubKeys: hubKeys, hubRow: h, day: pit.dates[d]))
                    }
                }
            }
        }
    }

    @Test func theBridgeHoldsTheLinkRowsLoadedByEachDate() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(VaultLoadingTests.day0())
        try vault.load(RetailFixture.batch(1, ["transactions": [RetailFixture.line("T9", 1, customer: "C001", product: "P002")]]))
        let bridge = vault.bridgeTable()
        #expect(vault.business.bridge.linkRows == [3, 4])
        #expect(bridge.count == 3 + 4)
        let link = vault.link("link_sales").table
        #expect(bridge["link_sales_hk"].binary(at: 6) == link.columns[0].binary(at: 3))
        #expect(bridge["hub_customer_hk"].binary(at: 6) == link["hub_customer_hk"].binary(at: 3))
    }

    @Test func aSnapshotDateRangeInTheFutureIsBuiltAndRefreshed() throws {
        let vault = Vault(strategy: HashStrategy())
        let jan = { (d: Int) in Int32(CivilDate(year: 2024, month: 1, day: d).daysSinceEpoch) }
        vault.business.calendar = SnapshotCalendar(from: jan(1), to: jan(10))
        try vault.load(RetailFixture.batch(0, ["customers": [RetailFixture.customer("C001")]]))
        try vault.load(RetailFixture.batch(5, ["customers": [RetailFixture.customer("C001", segment: "VIP"), RetailFixture.customer("C002")]]))
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C001", "2024-01-05") == [1, 1])
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C001", "2024-01-10") == [2, 1])
        #expect(try Self.references(vault, "pit_customer", "hub_customer", "C002", "2024-01-06") == [3, 2])
    }
}

extension Vault {
    func link(_ name: String) -> KeyedStore { links.first { $0.name == name }! }
}
