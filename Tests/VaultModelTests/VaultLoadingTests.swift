import Testing
import VaultColumnar
import VaultHashing
@testable import VaultModel

@Suite struct VaultLoadingTests {
    static let strategies: [HashStrategy] = [
        HashStrategy(algorithm: .md5, keyFormat: .binary), HashStrategy(algorithm: .sha256, keyFormat: .hex),
        HashStrategy(algorithm: .xxh3, keyFormat: .binary, profile: .datavault4dbt),
    ]

    static func day0() -> SourceTables {
        RetailFixture.batch(0, [
            "customers": [RetailFixture.customer("C001"), RetailFixture.customer("C002")],
            "products": [RetailFixture.product("P001"), RetailFixture.product("P002")],
            "stores": [RetailFixture.store],
            "promotions": [RetailFixture.noPromotion],
            "transactions": [RetailFixture.line("T1", 1, customer: "C001", product: "P001"),
                             RetailFixture.line("T1", 2, customer: "C001", product: "P002"),
                             RetailFixture.line("T2", 1, customer: "C002", product: "P001")],
        ])
    }

    @Test(arguments: strategies)
    func aBatchFillsEveryHubLinkAndSatellite(strategy: HashStrategy) throws {
        let vault = Vault(strategy: strategy)
        let report = try vault.load(Self.day0())
        #expect(vault.table("hub_customer")?.count == 2)
        #expect(vault.table("hub_product")?.count == 2)
        #expect(vault.table("hub_transaction")?.count == 2)
        #expect(vault.table("link_sales")?.count == 3)
        // Every satellite starts with its ghost row.
        #expect(vault.table("sat_sales_metrics")?.count == 1 + 3)
        #expect(vault.table("sat_transaction_details")?.count == 1 + 2)
        #expect(vault.table("sat_transaction_details")?["record_source"].string(at: 0) == vault.ghost.recordSource)
        #expect(report.tables["sat_transaction_details"]?.duplicates == 1)
        #expect(vault.table("link_product_promotion")?.count == 0)
        #expect(report.auditFailures.isEmpty)
    }

    @Test func reloadingABatchInsertsNothing() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(Self.day0())
        let before = vault.tables
        let again = try vault.load(Self.day0())
        #expect(vault.tables == before)
        #expect(again.tables.values.allSatisfy { $0.inserted == 0 })
    }

    @Test func aKeyThatChangesBackGetsThreeVersions() throws {
        let vault = Vault(strategy: HashStrategy())
        for (k, segment) in ["REGULAR", "VIP", "REGULAR"].enumerated() {
            try vault.load(RetailFixture.batch(k, ["customers": [RetailFixture.customer("C001", segment: segment)]]))
        }
        let details = try #require(vault.table("sat_customer_details"))
        #expect(details.count == 1 + 3)
        #expect((1...3).map { details["customer_segment"].string(at: $0) } == ["REGULAR", "VIP", "REGULAR"])
        #expect(vault.table("sat_customer_contact")?.count == 1 + 1)
    }

    @Test func withinABatchTheLastVersionWinsAndDuplicatesCollapse() throws {
        let vault = Vault(strategy: HashStrategy())
        let report = try vault.load(RetailFixture.batch(0, ["customers": [
            RetailFixture.customer("C001", segment: "A"), RetailFixture.customer("C001", segment: "B"),
            RetailFixture.customer("C001", segment: "B"), RetailFixture.customer("C002"), RetailFixture.customer("C002"),
        ]]))
        let details = try #require(vault.table("sat_customer_details"))
        #expect(details.count == 1 + 2)
        #expect(details["customer_segment"].string(at: 1) == "B")
        let counts = try #require(report.tables["sat_customer_details"])
        #expect(counts.superseded == 1)
        #expect(counts.duplicates == 2)
        #expect(report.tables["hub_customer"]?.duplicates == 3)
    }

    @Test func nullAndBlankKeysAreRejectedAndCounted() throws {
        let vault = Vault(strategy: HashStrategy())
        var blank = RetailFixture.customer("  ")
        blank["email"] = "blank@example.com"
        let report = try vault.load(RetailFixture.batch(0, [
            "customers": [RetailFixture.customer("C001"), blank],
            "products": [RetailFixture.product("P001")],
            "transactions": [RetailFixture.line("T1", 1, customer: nil, product: "P001")],
        ]))
        #expect(vault.table("hub_customer")?.count == 1)
        #expect(report.tables["hub_customer"]?.rejected == 2)
        #expect(report.tables["link_sales"]?.rejected == 1)
        #expect(report.tables["sat_customer_details"]?.rejected == 1)
        #expect(vault.table("hub_transaction")?.count == 1)
    }

    @Test func anEmptyKeyIsAHubRowUnderDatavault4dbtButNullUnderAutomateDV() throws {
        let batch = RetailFixture.batch(0, [
            "products": [RetailFixture.product("P001")],
            "transactions": [RetailFixture.line("T1", 1, customer: "", product: "P001")],
        ])
        let dv4dbt = Vault(strategy: HashStrategy(profile: .datavault4dbt))
        let report = try dv4dbt.load(batch)
        #expect(dv4dbt.table("hub_customer")?.count == 1)
        #expect(dv4dbt.table("hub_customer")?["customer_id"].string(at: 0) == "")
        #expect(report.tables["link_sales"]?.inserted == 1)
        let automatedv = Vault(strategy: HashStrategy(profile: .automatedv))
        let counts = try automatedv.load(batch)
        #expect(automatedv.table("hub_customer")?.count == 0)
        #expect(counts.tables["link_sales"]?.rejected == 1)
    }

    @Test func dirtyKeysLandOnTheSameHubRow() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(RetailFixture.batch(0, ["customers": [RetailFixture.customer("C001")]]))
        try vault.load(RetailFixture.batch(1, ["customers": [RetailFixture.customer(" c001 ", email: "new@example.com")]]))
        #expect(vault.table("hub_customer")?.count == 1)
        #expect(vault.table("hub_customer")?["customer_id"].string(at: 0) == "C001")
        #expect(vault.table("sat_customer_contact")?.count == 1 + 2)
    }

    @Test func lateArrivingTransactionsAndUnknownCustomersStillLoad() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(Self.day0())
        let report = try vault.load(RetailFixture.batch(1, [
            "transactions": [RetailFixture.line("T0", 1, customer: "C999", product: "P001", date: "2023-12-30")],
        ]))
        #expect(report.tables["hub_customer"]?.inserted == 1)
        #expect(report.tables["link_sales"]?.inserted == 1)
        #expect(vault.table("sat_transaction_details")?.count == 1 + 3)
        #expect(report.auditFailures.isEmpty)
    }

    @Test func salesMetricsDeriveTotalsCostAndProfit() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(Self.day0())
        let metrics = try #require(vault.table("sat_sales_metrics"))
        // 15.00 * 2 - 0.00 + 2.40 = 32.40; cost 10.00 * 2 = 20.00; profit 12.40
        #expect(metrics.row(1).suffix(3) == ["32.40", "20.00", "12.40"])
    }

    @Test func promotionLinesFeedTheProductPromotionLink() throws {
        let vault = Vault(strategy: HashStrategy())
        try vault.load(RetailFixture.batch(0, [
            "transactions": [RetailFixture.line("T1", 1, customer: "C1", product: "P1", promotion: "PROMO007"),
                             RetailFixture.line("T2", 1, customer: "C1", product: "P1", promotion: "PROMO007"),
                             RetailFixture.line("T3", 1, customer: "C1", product: "P2")],
        ]))
        #expect(vault.table("link_product_promotion")?.count == 1)
    }

    @Test func threadCountDoesNotChangeAByte() throws {
        let one = Vault(strategy: HashStrategy(), threads: 1), two = Vault(strategy: HashStrategy(), threads: 2)
        try one.load(Self.day0())
        try two.load(Self.day0())
        #expect(one.tables == two.tables)
    }
}
