// TeachingModelTests.swift: the teaching model declares the vault the walkthrough loads.

import Testing
import VaultColumnar
import VaultModel
import VaultModelFile
import VaultTeach

@Suite struct TeachingModelTests {
    @Test func teachingModelDeclaresTheRetailVaultUnderItsOwnName() {
        var teaching = BundledModel.teaching.model
        let retail = BundledModel.retail.model
        #expect(teaching.name == "teaching")
        #expect(teaching.description != retail.description)
        teaching.name = retail.name
        teaching.description = retail.description
        #expect(teaching == retail)
    }

    @Test func teachingModelConvertsToTheBuiltInDefinitions() throws {
        let definitions = try BundledModel.teaching.model.engineDefinitions()
        #expect(definitions.hubs == RetailVault.hubs)
        #expect(definitions.satellites == RetailVault.satellites)
        #expect(definitions.multiActiveSatellites.map(\.definition) == [RetailVault.phoneSatellite])
        #expect(definitions.effectivitySatellites == [RetailVault.promotionEffectivity])
        #expect(definitions.pointInTimeTables == RetailVault.pointInTimeTables)
        #expect(definitions.bridges == [RetailVault.bridge])
        #expect(definitions.links.map(\.name) == RetailVault.links.map(\.name))
        #expect(definitions.dictionaryColumns == RetailVault.dictionaryColumns)
    }

    @Test func teachingDatasetTablesHaveTheModelsSchemasAndEncodings() {
        let model = BundledModel.teaching.model
        let batches = TeachingDataset.batches()
        #expect(batches.count == 4)
        for batch in batches {
            for (name, table) in batch.tables {
                guard let source = model.source(name) else {
                    Issue.record("batch \(batch.batch): table \(name) is not a source of teaching.yaml")
                    continue
                }
                #expect(table.schema == source.schema)
                let dictionary = Set(table.schema.names.filter { table[$0].isDictionaryEncoded })
                #expect(dictionary == Set(source.dictionary), "batch \(batch.batch), \(name)")
            }
        }
    }

    @Test func teachingBatchesLoadAtTheModelsLoadDates() {
        let model = BundledModel.teaching.model
        for batch in TeachingDataset.batches() {
            #expect(batch.loadDate == model.loadDate.loadDate(batch: batch.batch, baseDate: TeachingDataset.baseDate))
        }
    }
}
