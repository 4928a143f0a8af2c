// DBTProjectTests.swift: the dbt project's SQL, configuration and seeds, and how it is written.

import Foundation
import Testing
import VaultColumnar
import VaultExport
import VaultFixtures
import VaultGenerator
import VaultHashing
import VaultModel

@Suite struct DBTProjectTests {
    static let strategy = HashStrategy(algorithm: .md5, keyFormat: .binary, profile: .automatedv)

    static func sources() -> [(name: String, schema: Schema)] {
        SourceSchemas.tableNames.enumerated().map { (name: $1, schema: SourceSchemas.all[$0]) }
    }

    static func project(_ strategy: HashStrategy = strategy) throws -> DBTProject {
        let models = DBTModels(hashing: try DBTHashSQL(strategy: strategy), sources: sources())
        return DBTProject(models: models, catalog: VaultCatalog(strategy: strategy), baseDate: "2024-01-01",
                          command: "vaultsim export-dbt DIR --test")
    }

    /// A generated feed loaded into a vault.
    static func loaded(days: Int = 3) throws -> (batches: [DBTProjectWriter.Batch], vault: Vault) {
        let options = GeneratorOptions(scale: 0.05, days: days, seed: 3)
        let generator = RetailGenerator(options: options)
        let vault = Vault(strategy: strategy)
        var batches = [DBTProjectWriter.Batch]()
        for k in 0..<days {
            let batch = generator.batch(k, threads: 1)
            batches.append((batch.index, batch.tables))
            try vault.load(SourceTables(batch: k, loadDate: SourceTables.loadDate(batch: k, baseDate: options.baseDate),
                                        tables: batch.tables))
        }
        return (batches, vault)
    }

    @Test func keysAndHashdiffsAreTheAutomateDVExpressions() throws {
        let sql = try DBTHashSQL(strategy: Self.strategy)
        let std = { (c: String) in "NULLIF(upper(trim(CAST(\(c) AS VARCHAR), ' ')), '')" }
        #expect(sql.key(["customer_id"]) == "upper(md5(\(std("customer_id"))))")
        let value = { (c: String) in "        coalesce(\(std(c)), '^^')" }
        #expect(sql.key(["a", "b"])
                == "upper(md5(NULLIF(concat_ws('||',\n\(value("a")),\n\(value("b"))), '^^||^^')))")
        // Hashdiff columns sorted by name, case-insensitively (AutomateDV's Jinja sort), no all-NULL rule.
        #expect(sql.hashdiff(["b_name", "A_id"]) == "upper(md5(concat_ws('||',\n\(value("A_id")),\n\(value("b_name")))))")
        let lower = try DBTHashSQL(strategy: HashStrategy(algorithm: .sha256, keyFormat: .hex, profile: .automatedv, hexCase: .lower))
        #expect(lower.key(["x"]) == "sha256(\(std("x")))")
        let binaryLower = try DBTHashSQL(strategy: HashStrategy(algorithm: .sha1, keyFormat: .binary, hexCase: .lower))
        #expect(binaryLower.key(["x"]) == "upper(sha1(\(std("x"))))", "binary keys are exported as uppercase hex")
    }

    @Test func strategiesDuckDBCannotReproduceAreRefused() {
        #expect(throws: FixtureError.self) { try DBTHashSQL(strategy: HashStrategy(algorithm: .xxh3)) }
        #expect(throws: FixtureError.self) { try DBTHashSQL(strategy: HashStrategy(profile: .datavault4dbt)) }
    }

    @Test func everyVaultTableHasAModelASeedAndATest() throws {
        let project = try Self.project()
        let files = Dictionary(uniqueKeysWithValues: project.textFiles().map { ($0.path, $0.text) })
        let yaml = try #require(files["dbt_project.yml"])
        let catalog = VaultCatalog(strategy: Self.strategy)
        let tables = catalog.tables.filter { $0.kind != .batchLog }
        #expect(project.vaultTables.map(\.name) == tables.map(\.name))
        #expect(tables.count == 20)
        for table in tables {
            let folder = [.pointInTime, .bridge].contains(table.kind) ? "business_vault" : "raw_vault"
            let model = try #require(files["models/\(folder)/\(table.name).sql"], "no model for \(table.name)")
            let schema = try #require(files["models/\(folder)/schema.yml"])
            #expect(yaml.contains("      expected_\(table.name):\n        +column_types:\n"))
            #expect(schema.contains("  - name: \(table.name)\n"))
            #expect(schema.contains("expected: expected_\(table.name)\n"))
            // The model selects the vault's columns in the vault's order: in the ghost record of a
            // satellite (the first rows of records_to_insert), else in the final SELECT.
            let selectList = try #require(model.components(separatedBy: "ghost AS (").dropFirst().first
                                          ?? model.components(separatedBy: "\nSELECT ").last)
            var position = selectList.startIndex
            for column in table.schema.names {
                let found = try #require(selectList.range(of: column, range: position..<selectList.endIndex),
                                         "\(table.name): \(column) missing or out of order")
                position = found.upperBound
            }
            let satellite = [.satellite, .multiActiveSatellite, .effectivitySatellite].contains(table.kind)
            #expect(model.contains("records_to_insert AS (\n    SELECT * FROM ghost\n    UNION ALL\n") == satellite,
                    "\(table.name): ghost record")
        }
        for source in SourceSchemas.tableNames {
            let staging = try #require(files["models/staging/stg_\(source).sql"])
            #expect(staging.contains("FROM {{ ref('raw_\(source)') }}"))
            #expect(yaml.contains("      raw_\(source):\n        +column_types:\n          batch: INTEGER\n          line: INTEGER\n"))
        }
        let raw = try #require(files["models/raw_vault/schema.yml"])
        #expect(raw.contains("      - name: hub_customer_hk\n        data_tests: [unique, not_null]"))
        let business = try #require(files["models/business_vault/schema.yml"])
        #expect(business.contains("  - name: as_of_dates\n"))
        #expect(files["models/business_vault/as_of_dates.sql"] != nil)
        #expect(yaml.contains("    business_vault:\n      +materialized: table\n"))
        #expect(files["profiles.yml"]?.contains("path: vaultsim.duckdb") == true)
        #expect(yaml.contains("base_date: '2024-01-01'"))
    }

    @Test func ghostRecordIsTheVaultsOwnFirstRow() throws {
        for strategy in [Self.strategy, HashStrategy(algorithm: .sha256, keyFormat: .hex, profile: .automatedv)] {
            let ghost = DBTGhostRecord(strategy: strategy)
            let vault = Vault(strategy: strategy)
            for table in vault.tables where table.name.hasPrefix("sat_") {
                let row = table.row(0)
                let sql = ghost.select(table.schema)
                #expect(sql.hasPrefix("SELECT "))
                for (field, value) in zip(table.schema.fields, row) {
                    switch value {
                    case nil: #expect(sql.contains("CAST(NULL AS "), "\(table.name).\(field.name)")
                    case let text? where field.name == "load_date":
                        #expect(text == ghost.loadDate + ".000")
                        #expect(sql.contains("TIMESTAMP '1900-01-01 00:00:00' AS load_date"))
                    case let text?:
                        #expect(sql.contains("'\(text)' AS \(field.name)"), "\(table.name).\(field.name)")
                    }
                }
                #expect(row[table.schema.names.firstIndex(of: "record_source")!] == "AUTOMATE_DV_SYSTEM")
            }
        }
    }

    @Test func businessVaultModelsFollowTheRules() throws {
        let models = try Self.project().models
        let phones = models.multiActiveSatellite(RetailVault.phoneSatellite, childKey: "phone_type")
        #expect(phones.contains("PARTITION BY pk, batch, phone_type ORDER BY line DESC"))
        #expect(phones.contains("len(c.hashdiffs) <> len(c.previous_hashdiffs)"))
        #expect(phones.contains("NOT list_has_all(c.previous_hashdiffs, c.hashdiffs)"))
        let effectivity = models.effectivitySatellite(RetailVault.promotionEffectivity)
        #expect(effectivity.contains("WITH RECURSIVE kept AS ("))
        #expect(effectivity.contains("coalesce(CAST(end_date AS DATE), DATE '9999-12-31')"))
        #expect(effectivity.contains("arg_min(new_start, new_line) FILTER (WHERE changed AND new_end = DATE '9999-12-31')"))
        #expect(effectivity.contains("hk_product_id AS driving_hk, hk_promotion_id AS other_hk"))
        let pit = models.pointInTime(RetailVault.pointInTimeTables[0])
        #expect(pit.contains("lead(load_date) OVER (PARTITION BY hub_customer_hk ORDER BY load_date)"))
        #expect(pit.contains("coalesce(s1.load_date, TIMESTAMP '1900-01-01 00:00:00') AS sat_customer_contact_load_date"))
        #expect(pit.contains("CROSS JOIN as_of a"))
        let bridge = models.bridge(RetailVault.bridge)
        #expect(bridge.contains("JOIN {{ ref('as_of_dates') }} a ON l.load_date <= CAST(a.as_of_date AS TIMESTAMP)"))
        #expect(models.asOfDatesModel().contains("UNION\n    SELECT batch FROM {{ ref('stg_transactions') }}"))
    }

    @Test func stagingComputesEveryKeyItsSourceFeeds() throws {
        let project = try Self.project()
        let transactions = project.models.staging("transactions", schema: SourceSchemas.transactions)
        for column in ["customer_id", "product_id", "store_id", "transaction_id", "promotion_id"] {
            #expect(transactions.contains(" AS hk_\(column),"))
            #expect(transactions.contains(" AS bk_\(column),"))
        }
        #expect(transactions.contains(" AS lk_link_sales,"))
        #expect(transactions.contains(" AS lk_link_product_promotion,"))
        #expect(transactions.contains(" AS hd_sat_transaction_details\n"))
        #expect(!transactions.contains("hd_sat_sales_metrics"), "sales metrics hash derived amounts in their model")
        let phones = project.models.staging("customer_phones", schema: SourceSchemas.customerPhones)
        #expect(phones.contains(" AS hk_customer_id,") && !phones.contains(" AS lk_"))
        #expect(phones.contains(" AS hd_sat_customer_phone_ma\n"))
    }

    @Test func sourceSeedsNumberLinesPerBatch() throws {
        let (batches, _) = try Self.loaded()
        let seed = try DBTProjectWriter.sourceSeed("transactions", schema: SourceSchemas.transactions, batches: batches)
        let tables = batches.map { $0.tables.first { $0.name == "transactions" }! }
        let counts = tables.map(\.count)
        #expect(counts.allSatisfy { $0 > 0 })
        #expect(seed.count == counts.reduce(0, +))
        #expect(seed.schema.names == ["batch", "line"] + SourceSchemas.transactions.names)
        #expect(seed.row(0)[0...1] == ["0", "1"])
        #expect(seed.row(counts[0] - 1)[0...1] == ["0", "\(counts[0])"])
        #expect(seed.row(counts[0])[0...1] == ["1", "1"])
        // The source columns are the batch's rows, unchanged.
        #expect(Array(seed.row(counts[0] + 1)[2...]) == tables[1].row(1))
    }

    @Test func writerPublishesTheWholeFolderWithVaultTablesAsSeeds() throws {
        let (batches, vault) = try Self.loaded()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dbt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/project"
        try DBTProjectWriter(project: try Self.project()).write(to: target, batches: batches, vault: vault)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["project"], "no staging folder left")
        for table in vault.allTables() {
            let seed = try Data(contentsOf: URL(fileURLWithPath: "\(target)/seeds/expected/expected_\(table.name).csv"))
            #expect(Array(seed) == CSVWriter().bytes(of: table), "\(table.name) seed differs from the CSV export")
        }
        let raw = try String(contentsOfFile: "\(target)/seeds/source/raw_transactions.csv", encoding: .utf8)
        #expect(raw.hasPrefix("batch,line,transaction_id,line_item_number,"))
        #expect(FileManager.default.fileExists(atPath: "\(target)/README.md"))
        // A second export replaces the project vaultsim wrote, and leaves nothing beside it.
        try DBTProjectWriter(project: try Self.project()).write(to: target, batches: batches, vault: vault)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["project"])
        // A folder holding anything else is refused and kept as it was.
        let foreign = root + "/mine"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))
        #expect(throws: FixtureError.self) {
            try DBTProjectWriter(project: try Self.project()).write(to: foreign, batches: batches, vault: vault)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: foreign) == ["notes.txt"])
    }
}
