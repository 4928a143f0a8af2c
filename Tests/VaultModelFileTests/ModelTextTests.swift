// ModelTextTests.swift: what `vaultsim model check` and `show` print.

import Testing
import VaultModelFile

@Suite struct ModelTextTests {
    @Test func summaryCountsEveryKindOfTable() {
        #expect(ModelText.summary(BundledModel.retail.model, file: "retail.yaml")
                == "retail.yaml: OK, 5 hubs, 2 links, 8 satellites, 1 multi-active satellite, 1 effectivity satellite, "
                + "2 point-in-time tables, 1 bridge (7 sources)")
    }

    @Test func tablesShowRulesSourcesAndDerivedColumns() {
        let text = ModelText.tables(BundledModel.retail.model)
        #expect(text.contains("record source: record_source = RETAIL.{TABLE} (customers: RETAIL.CUSTOMERS)"))
        #expect(text.contains("    from transactions: product_id, promotion_id where promotion_id <> 'PROMO000'"))
        #expect(text.contains("    cost decimal(10,2) = lookup(sat_product_pricing.unit_cost, product_id) * quantity"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test func planListsEachJobWithWhatItWaitsFor() {
        let text = ModelText.plan(LoadPlan(BundledModel.retail.model))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "load plan: 29 jobs, each after the jobs it waits for (jobs of one level may run at once)")
        #expect(lines.contains { $0.contains("sat_sales_metrics") && $0.hasSuffix("sat_product_pricing (lookup), hub_product (lookup keys)") })
        #expect(lines.contains { $0.hasSuffix("bridge_customer_product            link_sales (hub rows)") })
    }
}
