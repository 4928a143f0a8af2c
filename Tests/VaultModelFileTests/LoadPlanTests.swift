// LoadPlanTests.swift: which job of a batch waits for which, and an order that respects it.

import Testing
import VaultModelFile

@Suite struct LoadPlanTests {
    let plan = LoadPlan(BundledModel.retail.model)
    typealias Job = LoadPlan.Job

    @Test func everyTableAndSourceHasItsJobs() {
        #expect(plan.jobs.count == 7 + 5 + 2 * 2 + 8 + 1 + 1 + 2 + 1)
        #expect(plan.jobs.filter { $0.kind == .stage }.map(\.table)
                == ["customers", "customer_phones", "products", "stores", "promotions", "product_promotions", "transactions"])
    }

    @Test func orderPutsEveryJobAfterWhatItWaitsFor() throws {
        let order = try #require(plan.order)
        #expect(Set(order) == Set(plan.jobs))
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for job in plan.jobs {
            for dependency in plan.dependencies(of: job) {
                #expect(position[dependency]! < position[job]!, "\(job) runs before \(dependency)")
            }
        }
    }

    @Test func hubsWaitForTheStagingOfTheirSources() {
        #expect(plan.dependencies(of: Job(.hub, "hub_store")) == [Job(.stage, "stores"), Job(.stage, "transactions")])
        #expect(plan.levels?[Job(.hub, "hub_store")] == 1)
    }

    @Test func linkHubRowsWaitForTheLinkKeysAndItsHubs() {
        #expect(plan.dependencies(of: Job(.linkKeys, "link_product_promotion"))
                == [Job(.stage, "product_promotions"), Job(.stage, "transactions")])
        #expect(plan.dependencies(of: Job(.linkHubRows, "link_product_promotion"))
                == [Job(.linkKeys, "link_product_promotion"), Job(.hub, "hub_product"), Job(.hub, "hub_promotion")])
    }

    @Test func satellitesWaitForTheirParentAndALookupForTheSatelliteItReads() {
        #expect(plan.dependencies(of: Job(.satellite, "sat_customer_details")) == [Job(.stage, "customers"), Job(.hub, "hub_customer")])
        #expect(plan.dependencies(of: Job(.satellite, "sat_sales_metrics")) == [
            Job(.stage, "transactions"), Job(.linkKeys, "link_sales"), Job(.satellite, "sat_product_pricing"), Job(.hub, "hub_product"),
        ])
        #expect(plan.waits[Job(.satellite, "sat_sales_metrics")]?.map(\.reason) == ["staged columns", "parent", "lookup", "lookup keys"])
        #expect(plan.levels?[Job(.satellite, "sat_sales_metrics")] == 3)
        #expect(plan.dependencies(of: Job(.multiActiveSatellite, "sat_customer_phone_ma"))
                == [Job(.stage, "customer_phones"), Job(.hub, "hub_customer")])
        #expect(plan.dependencies(of: Job(.effectivitySatellite, "sat_product_promotion_eff"))
                == [Job(.stage, "product_promotions"), Job(.linkKeys, "link_product_promotion")])
    }

    @Test func businessVaultWaitsForItsHubsLinksAndSatellites() {
        #expect(plan.dependencies(of: Job(.pointInTime, "pit_product"))
                == [Job(.hub, "hub_product"), Job(.satellite, "sat_product_details"), Job(.satellite, "sat_product_pricing")])
        #expect(plan.dependencies(of: Job(.bridge, "bridge_customer_product")) == [Job(.linkHubRows, "link_sales")])
    }

    @Test func orderIsByLevelThenDeclaration() throws {
        let order = try #require(plan.order)
        let levels = try #require(plan.levels)
        #expect(order.map { levels[$0]! } == order.map { levels[$0]! }.sorted())
        #expect(order.prefix(7).allSatisfy { $0.kind == .stage })
        #expect(order.suffix(4).map(\.description) == ["sat_sales_metrics", "pit_customer", "pit_product", "bridge_customer_product"])
    }

    @Test func satellitesLookingEachOtherUpHaveNoOrder() {
        // A model built in code is not checked: the plan itself finds the circle.
        var model = BundledModel.retail.model
        let details = model.satellites.firstIndex { $0.name == "sat_product_details" }!
        let pricing = model.satellites.firstIndex { $0.name == "sat_product_pricing" }!
        model.satellites[details].derivedColumns = [DerivedColumn(
            name: "x", type: .string, expression: .lookup(ModelLookup(satellite: "sat_product_pricing", column: "currency", key: "product_id")))]
        model.satellites[pricing].derivedColumns = [DerivedColumn(
            name: "y", type: .string, expression: .lookup(ModelLookup(satellite: "sat_product_details", column: "brand", key: "product_id")))]
        #expect(LoadPlan(model).order == nil)
        #expect(ModelValidator.check(model).contains { $0.kind == .cycle })
    }
}
