import Testing
import VaultColumnar
import VaultHashing
import VaultInspect
import VaultModel
@testable import VaultTeach

/// Steps 2 to 4 against the vault's own tables and batch log, for every strategy.
@Suite struct WalkthroughLoadingTests {
    @Test(arguments: WalkthroughFixture.Case.allCases)
    func hubRowsSaidInsertedAreTheHubTablesGrowth(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let log = walkthrough.vault.batchLog.table
        for k in 0..<WalkthroughFixture.batchCount {
            let grid = try #require(walkthrough.document.section("batch-\(k)/keys")?.grid("hub keys of batch \(k)"))
            for hub in walkthrough.vault.hubs {
                let said = grid.rows(where: "hub") { $0 == hub.name }.filter { grid.cell($0, "result") == "inserted" }
                let grown = hub.table.rows(loadedAt: WalkthroughFixture.loadDate(k))
                #expect(said.count == grown.count, "\(hub.name), batch \(k)")
                #expect(Int64(said.count) == log.logCount("rows_inserted", table: hub.name, batch: k))
                // The keys said inserted are exactly the keys the hub gained.
                #expect(
                    Set(said.map { grid.cell($0, "hash key") }) == Set(grown.map { hub.table.columns[0].text(at: $0) }))
                // Keys said known were in the hub before the batch.
                for row in grid.rows(where: "hub", { $0 == hub.name })
                where grid.cell(row, "result")!.hasPrefix("known since") {
                    let at = (0..<hub.table.count).first {
                        hub.table.columns[0].text(at: $0) == grid.cell(row, "hash key")
                    }
                    let loaded = try #require(at.map { hub.table["load_date"].value(at: $0, as: Int64.self) })
                    #expect(loaded < WalkthroughFixture.loadDate(k))
                }
            }
        }
    }

    @Test(arguments: WalkthroughFixture.Case.allCases)
    func linkRowsSaidInsertedAreTheLinkTablesGrowth(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let log = walkthrough.vault.batchLog.table
        for k in 0..<WalkthroughFixture.batchCount {
            let grid = try #require(walkthrough.document.section("batch-\(k)/keys")?.grid("link keys of batch \(k)"))
            for link in walkthrough.vault.links {
                let rows = grid.rows(where: "link") { $0 == link.name }
                let said = rows.filter { grid.cell($0, "result") == "inserted" }
                #expect(
                    said.count == link.table.rows(loadedAt: WalkthroughFixture.loadDate(k)).count,
                    "\(link.name), batch \(k)")
                let rejected = rows.filter { grid.cell($0, "result")!.hasPrefix("rejected") }
                #expect(Int64(rejected.count) == log.logCount("rows_rejected", table: link.name, batch: k))
            }
        }
    }

    @Test(arguments: WalkthroughFixture.Case.allCases)
    func printedHashesAreTheHubKeysAndTheHashCommandsDigests(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let strategy = walkthrough.options.strategy
        let hasher = BatchHasher(strategy: strategy)
        for k in 0..<WalkthroughFixture.batchCount {
            let grid = try #require(
                walkthrough.document.section("batch-\(k)/staging")?.grid("business keys of batch \(k)"))
            for row in grid.rows {
                let hubName = grid.cell(row, "hub")!
                let hub = try #require(walkthrough.vault.keyedStore(hubName))
                let sent = grid.cell(row, "sent").map { $0.hasPrefix("'") ? String($0.dropFirst().dropLast()) : $0 }
                var column = Column(.string)
                column.append(optionalString: sent)
                let expected = hasher.hash([HashInput("key", column)], kind: .key).column.text(at: 0)
                guard let printed = grid.cell(row, "hash key (\(strategy.algorithm.rawValue))") else {
                    #expect(sent == nil)
                    continue
                }
                #expect(printed == expected)
                #expect(printed.count == 2 * strategy.algorithm.digestLength)
                // The hub holds this key, for the sent value trimmed and upper-cased.
                let hubRow = try #require((0..<hub.table.count).first { hub.table.columns[0].text(at: $0) == printed })
                let trimmed = sent!.split(separator: " ").joined(separator: " ").uppercased()
                #expect(hub.table.columns[1].string(at: hubRow) == trimmed)
            }
        }
    }

    @Test func md5KeysMatchTheKnownAnswer() throws {
        let grid = try #require(
            WalkthroughFixture.md5.document.section("batch-0/staging")?.grid("business keys of batch 0"))
        let c001 = try #require(grid.rows(where: "sent") { $0 == "C001" }.first)
        #expect(grid.cell(c001, "hash key (md5)") == "928C6512B3A8A0DC74A93EE63E77842A")  // md5("C001")
        let dirty = try #require(
            WalkthroughFixture.md5.document.section("batch-1/staging")?.grid("business keys of batch 1"))
        let spelled = try #require(dirty.rows(where: "sent") { $0 == "' c001 '" }.first)
        #expect(dirty.cell(spelled, "standardised") == "C001")
        #expect(dirty.cell(spelled, "hash key (md5)") == "928C6512B3A8A0DC74A93EE63E77842A")
    }

    @Test(arguments: WalkthroughFixture.Case.allCases)
    func satelliteOutcomesMatchTheSatelliteTablesAndTheBatchLog(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let log = walkthrough.vault.batchLog.table
        for k in 0..<WalkthroughFixture.batchCount {
            let section = try #require(walkthrough.document.section("batch-\(k)/satellites"))
            for name in Walkthrough.followedSatellites {
                guard let grid = section.grid(name) else {
                    #expect(log.logCount("rows_in", table: name, batch: k) == 0)
                    continue
                }
                let table = try #require(walkthrough.vault.satelliteStore(name)).table
                let loaded = table.rows(loadedAt: WalkthroughFixture.loadDate(k))
                let inserted = grid.rows(where: "result") { $0!.hasPrefix("inserted") }
                let skipped = grid.rows(where: "result") { $0!.hasPrefix("skipped") }
                #expect(inserted.count == loaded.count, "\(name), batch \(k)")
                #expect(Int64(skipped.count) == log.logCount("rows_unchanged", table: name, batch: k))
                // A printed new hashdiff of an inserted row is the stored one; a skipped row's equals the one in force.
                #expect(
                    Set(inserted.map { grid.cell($0, "new hashdiff") })
                        == Set(loaded.map { table["hash_diff"].text(at: $0) }))
                for row in skipped { #expect(grid.cell(row, "new hashdiff") == grid.cell(row, "hashdiff in force")) }
            }
        }
    }

    @Test(arguments: WalkthroughFixture.Case.allCases)
    func groupAndEffectivityInsertsMatchTheirTables(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let log = walkthrough.vault.batchLog.table
        for k in 0..<WalkthroughFixture.batchCount {
            let section = try #require(walkthrough.document.section("batch-\(k)/satellites"))
            let phones = walkthrough.vault.phones.table.rows(loadedAt: WalkthroughFixture.loadDate(k))
            let phoneRows =
                section.grid(RetailVault.phoneSatellite.name)?.rows(where: "result") { $0!.hasPrefix("group inserted") }
                ?? []
            #expect(phoneRows.count == phones.count, "phones, batch \(k)")
            let effectivity = walkthrough.vault.promotionEffectivity.table.rows(
                loadedAt: WalkthroughFixture.loadDate(k))
            let effRows =
                section.grid(RetailVault.promotionEffectivity.name)?.rows(where: "result") { $0!.hasPrefix("inserted") }
                ?? []
            #expect(effRows.count == effectivity.count, "effectivity, batch \(k)")
            #expect(
                Int64(effRows.count)
                    == log.logCount("rows_inserted", table: RetailVault.promotionEffectivity.name, batch: k))
        }
    }
}
