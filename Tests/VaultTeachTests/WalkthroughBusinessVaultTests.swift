import Testing
import VaultColumnar
import VaultInspect
import VaultModel
import VaultQuery
@testable import VaultTeach

/// Steps 5 to 7 against independent readings of the same vault.
@Suite struct WalkthroughBusinessVaultTests {
    @Test(arguments: WalkthroughFixture.Case.allCases)
    func endDatesAreTheNextVersionsLoadDates(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let section = try #require(walkthrough.document.section("end-dates"))
        for name in Walkthrough.followedSatellites {
            let grid = try #require(section.grid(name))
            let table = try #require(walkthrough.vault.satelliteStore(name)).table
            #expect(grid.rows.count == table.count)
            // VaultInspect derives end dates on its own (a scan per parent); they must agree.
            let versions = Array(SatelliteStore.ghostRows..<table.count)
            let derived = try #require(LoadEndDates.derive(table, rows: versions))
            let printed = grid.cells("load_end_date")
            #expect(printed[0] == nil)  // the ghost row is no version
            for (k, row) in versions.enumerated() {
                var text = [UInt8]()
                ValueText.appendTimestamp(microseconds: derived[k], to: &text)
                #expect(printed[row] == String(decoding: text, as: UTF8.self), "\(name) row \(row)")
                #expect(grid.cells("load_date")[row] == table["load_date"].text(at: row))
            }
        }
    }

    @Test(arguments: WalkthroughFixture.Case.allCases)
    func explainedPITRowsAreThePITTable(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let vault = walkthrough.vault
        let pit = try #require(vault.business.pointInTime("pit_customer"))
        let table = vault.pointInTimeTable(pit)
        let hub = try #require(vault.keyedStore("hub_customer")).table
        let section = try #require(walkthrough.document.section("pit"))
        #expect(section.grids.count == 2)
        var ghosts = 0
        for day in pit.dates {
            let caption = "pit_customer, snapshot_date \(CivilDate(daysSinceEpoch: Int(day)))"
            guard let grid = section.grid(caption) else { continue }
            for row in grid.rows {
                let hubRow = try #require(
                    (0..<hub.count).first { hub.columns[1].string(at: $0) == grid.cell(row, "customer_id") })
                let pitRow = try #require(
                    (0..<table.count).first {
                        table.columns[0].text(at: $0) == hub.columns[0].text(at: hubRow)
                            && table["snapshot_date"].int32(at: $0) == day
                    })
                for (short, satellite) in [("details", "sat_customer_details"), ("contact", "sat_customer_contact")] {
                    #expect(grid.cell(row, "\(short)_hk") == table["\(satellite)_hk"].text(at: pitRow))
                    #expect(grid.cell(row, "\(short)_load_date") == table["\(satellite)_load_date"].text(at: pitRow))
                }
                if grid.cell(row, "details_load_date") == CellText.timestamp(vault.ghost.loadDate) {
                    ghosts += 1
                    #expect(grid.cell(row, "note")!.hasPrefix("ghost"))
                    #expect(
                        grid.cell(row, "details_hk")
                            == String(repeating: "0", count: 2 * vault.strategy.algorithm.digestLength))
                }
            }
        }
        #expect(ghosts >= 1)  // the late-arriving customer on the first shown date
    }

    @Test(arguments: WalkthroughFixture.Case.allCases)
    func asOfAnswersAreTheQueryResults(_ which: WalkthroughFixture.Case) throws {
        let walkthrough = which.walkthrough
        let section = try #require(walkthrough.document.section("as-of"))
        let pit = try #require(walkthrough.vault.business.pointInTime("pit_customer"))
        var shown = 0
        for day in pit.dates {
            let answer = try VaultQueries.run(
                .salesAsOf, on: walkthrough.vault, options: QueryOptions(asOf: day, limit: 0))
            let caption =
                "sales-as-of \(CivilDate(daysSinceEpoch: Int(day))) (\(answer.count) \(answer.count == 1 ? "line" : "lines"))"
            guard let grid = section.grid(caption) else { continue }
            shown += 1
            #expect(grid == (try TableView(answer).grid(rows: Array(0..<answer.count))))
        }
        #expect(shown == 2)
        // The customer without a version on the first date shows a NULL segment, explained as the ghost.
        #expect(section.sentences.contains { $0.contains("customer_segment`: NULL on") && $0.contains("ghost record") })
    }
}
