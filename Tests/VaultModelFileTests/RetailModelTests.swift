// RetailModelTests.swift: the bundled retail model describes exactly the vault the loader builds.

import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultModel
import VaultModelFile

@Suite struct RetailModelTests {
    let model = BundledModel.retail.model
    let definitions: EngineDefinitions

    init() throws {
        definitions = try BundledModel.retail.model.engineDefinitions()
    }

    @Test func hubsEqualTheBuiltInHubsInLoadOrder() {
        #expect(definitions.hubs == RetailVault.hubs)
    }

    @Test func linksEqualTheBuiltInLinksWithTheirSourcesAndFilters() {
        // Every property, the sources' tables, columns and filters included.
        #expect(definitions.links == RetailVault.links)
    }

    @Test func satellitesEqualTheBuiltInSatellitesWithPayloadTypes() {
        #expect(definitions.satellites == RetailVault.satellites)
    }

    @Test func multiActiveSatelliteEqualsThePhoneSatelliteAndItsChildKey() {
        #expect(definitions.multiActiveSatellites.map(\.definition) == [RetailVault.phoneSatellite])
        #expect(definitions.multiActiveSatellites.map(\.childKey) == [RetailVault.phoneChildKey])
    }

    @Test func effectivitySatelliteEqualsThePromotionEffectivity() {
        #expect(definitions.effectivitySatellites == [RetailVault.promotionEffectivity])
    }

    @Test func businessVaultEqualsTheBuiltInPointInTimeTablesAndBridge() {
        #expect(definitions.pointInTimeTables == RetailVault.pointInTimeTables)
        #expect(definitions.bridges == [RetailVault.bridge])
    }

    @Test func recordSourceRuleGivesTheBuiltInRecordSources() {
        for table in SourceSchemas.tableNames + ["x", "mixed_Case", "sales lines", ""] {
            #expect(definitions.recordSource(of: table) == RetailVault.recordSource(of: table))
        }
    }

    @Test func linkFilterLeavesOutTheNoPromotionCode() {
        let filters = definitions.links.flatMap { $0.sources.compactMap(\.excluding) }
        #expect(filters == [LinkSourceFilter(column: "promotion_id", value: RetailVault.noPromotion)])
    }

    @Test func dictionaryColumnsEqualTheBuiltInSet() {
        #expect(definitions.dictionaryColumns == RetailVault.dictionaryColumns)
    }

    @Test func sourcesEqualTheGeneratorsSchemasAndEncodings() {
        #expect(definitions.sources.map(\.name) == SourceSchemas.tableNames)
        #expect(definitions.sources.map(\.schema) == SourceSchemas.all)
        #expect(definitions.sources.map(\.dictionaryColumns) == SourceSchemas.dictionaryColumns)
    }

    @Test func defaultHashingIsTheCommandsDefaultStrategy() {
        #expect(definitions.strategy == HashStrategy())
    }

    @Test func loadDateRuleGivesTheLoadersLoadDates() {
        let base = CivilDate(year: 2024, month: 1, day: 1)
        for batch in [0, 1, 6, 365] {
            #expect(model.loadDate.loadDate(batch: batch, baseDate: base) == SourceTables.loadDate(batch: batch, baseDate: base))
        }
        #expect(model.loadDate.srcLdts == "load_date")
        #expect(model.recordSource.srcSource == "record_source")
    }

    @Test func storedColumnNamesMatchTheVaultSchemas() {
        // Every hashdiff column is hash_diff, as VaultSchemas names it.
        #expect(Set(model.satellites.map(\.srcHashdiff) + model.multiActiveSatellites.map(\.srcHashdiff)) == ["hash_diff"])
        let schemas = VaultSchemas(strategy: HashStrategy())
        for satellite in RetailVault.satellites {
            #expect(schemas.satellite(satellite).names.contains(model.satellite(satellite.name)!.srcHashdiff))
        }
    }

    @Test func salesMetricsDerivesTheThreeMeasuresAsTheLoaderDoes() throws {
        let metrics = try #require(model.satellite("sat_sales_metrics"))
        #expect(metrics.derivedColumns.map(\.name) == ["total_amount", "cost", "profit"])
        #expect(metrics.derivedColumns.map(\.expression.description) == [
            "unit_price * quantity - discount_amount + tax_amount",
            "lookup(sat_product_pricing.unit_cost, product_id) * quantity",
            "total_amount - cost",
        ])
        #expect(metrics.lookedUpSatellites == ["sat_product_pricing"])
    }
}
