// DBTProject.swift: the files of a dbt-duckdb project that rebuilds vaultsim's raw vault.

import VaultColumnar
import VaultModel

/// A small dbt project for dbt-duckdb: the source batches as seeds, staging and raw vault models
/// in plain SQL, vaultsim's own vault tables as seeds, and tests comparing the two.
///
/// ```
/// DIR/dbt_project.yml            project, seed column types, materialisations, var base_date
/// DIR/profiles.yml               dbt-duckdb, database file vaultsim.duckdb in DIR
/// DIR/README.md                  what is where, how to run, how batches are processed
/// DIR/seeds/source/raw_<t>.csv   every batch of source table t: batch, line, columns
/// DIR/seeds/expected/expected_<v>.csv   vaultsim's vault table v (hex keys)
/// DIR/models/staging/stg_<t>.sql        keys, business keys, link keys, hashdiffs (views)
/// DIR/models/raw_vault/<v>.sql          hubs, links, satellites (ghost record first), the
///                                       multi-active and effectivity satellites (tables)
/// DIR/models/business_vault/<v>.sql     as_of_dates, the point-in-time tables, the bridge (tables)
/// DIR/models/*/schema.yml               tests: each model equals its expected seed; keys unique
/// DIR/tests/generic/equals_expected.sql the symmetric-difference test
/// ```
public struct DBTProject: Sendable {
    /// The dbt project and profile name.
    public static let name = "vaultsim_retail"

    public let models: DBTModels
    /// Business date of batch 0, `YYYY-MM-DD`.
    public let baseDate: String
    /// The vault tables the project rebuilds (every table but the batch log), in catalog order.
    public let vaultTables: [VaultTableDescription]
    /// The vaultsim command line that made the project (for its README).
    public let command: String

    public init(models: DBTModels, catalog: VaultCatalog, baseDate: String, command: String) {
        self.models = models
        self.baseDate = baseDate
        self.command = command
        vaultTables = catalog.tables.filter { Self.folder(of: $0.kind) != nil }
    }

    /// The models folder of a table of `kind`; `nil` for tables the project does not rebuild.
    static func folder(of kind: VaultTableKind) -> String? {
        switch kind {
        case .hub, .link, .satellite, .multiActiveSatellite, .effectivitySatellite: return "raw_vault"
        case .pointInTime, .bridge: return "business_vault"
        case .batchLog, .other: return nil
        }
    }

    /// The path and SQL of the model rebuilding `table`.
    func model(_ table: VaultTableDescription) -> (path: String, text: String) {
        let name = table.name
        let sql: String
        if let hub = RetailVault.hubs.first(where: { $0.name == name }) {
            sql = models.hub(hub)
        } else if let link = RetailVault.links.first(where: { $0.name == name }) {
            sql = models.link(link)
        } else if let satellite = RetailVault.satellites.first(where: { $0.name == name }) {
            sql = models.satellite(satellite)
        } else if name == RetailVault.phoneSatellite.name {
            sql = models.multiActiveSatellite(RetailVault.phoneSatellite, childKey: RetailVault.phoneChildKey)
        } else if name == RetailVault.promotionEffectivity.name {
            sql = models.effectivitySatellite(RetailVault.promotionEffectivity)
        } else if let pit = RetailVault.pointInTimeTables.first(where: { $0.name == name }) {
            sql = models.pointInTime(pit)
        } else {
            precondition(name == RetailVault.bridge.name, "no dbt model for \(name)")
            sql = models.bridge(RetailVault.bridge)
        }
        return ("models/\(Self.folder(of: table.kind)!)/\(name).sql", sql)
    }

    /// Seed name of a vault table's expected rows.
    public static func expectedSeed(_ table: String) -> String { "expected_" + table }

    /// Every text file, by path relative to the project folder.
    public func textFiles() -> [(path: String, text: String)] {
        var files = [("dbt_project.yml", projectYAML()), ("profiles.yml", profilesYAML()),
                     ("README.md", readme()), ("tests/generic/equals_expected.sql", Self.equalsExpectedTest),
                     (".gitignore", "target/\nlogs/\nvaultsim.duckdb*\n")]
        for folder in Self.modelFolders {
            files.append(("models/\(folder)/schema.yml", schemaYAML(folder: folder)))
        }
        for source in models.sources {
            files.append(("models/staging/stg_\(source.name).sql", models.staging(source.name, schema: source.schema)))
        }
        for table in vaultTables { files.append(model(table)) }
        if vaultTables.contains(where: { Self.folder(of: $0.kind) == "business_vault" }) {
            files.append(("models/business_vault/\(DBTModels.asOfDates).sql", models.asOfDatesModel()))
        }
        return files
    }

    /// The folders of the vault models.
    static let modelFolders = ["raw_vault", "business_vault"]

    func projectYAML() -> String {
        var text = """
            # dbt project written by `\(command)`.
            name: \(Self.name)
            version: '1.0.0'
            config-version: 2
            profile: \(Self.name)

            model-paths: [models]
            seed-paths: [seeds]
            test-paths: [tests]
            target-path: target
            clean-targets: [target]

            flags:
              send_anonymous_usage_stats: false

            vars:
              base_date: '\(baseDate)'

            models:
              \(Self.name):
                staging:
                  +materialized: view
                raw_vault:
                  +materialized: table
                business_vault:
                  +materialized: table

            seeds:
              \(Self.name):
                +quote_columns: false
                source:

            """
        for source in models.sources {
            let types = [("batch", "INTEGER"), ("line", "INTEGER")]
                + source.schema.fields.map { ($0.name, DBTTypes.sql($0.type)) }
            text += seedConfig(DBTModels.rawSeed(source.name), types)
        }
        text += "    expected:\n"
        for table in vaultTables {
            let types = table.schema.fields.map { ($0.name, table.hashColumns.contains($0.name) ? "VARCHAR" : DBTTypes.sql($0.type)) }
            text += seedConfig(Self.expectedSeed(table.name), types)
        }
        return text
    }

    func seedConfig(_ seed: String, _ types: [(String, String)]) -> String {
        "      \(seed):\n        +column_types:\n" + types.map { "          \($0.0): \($0.1)\n" }.joined()
    }

    func profilesYAML() -> String {
        """
        # dbt-duckdb profile: the database is a file in the project folder (run dbt from that folder).
        \(Self.name):
          target: dev
          outputs:
            dev:
              type: duckdb
              path: vaultsim.duckdb
              threads: 2

        """
    }

    func schemaYAML(folder: String) -> String {
        var text = "version: 2\n\nmodels:\n"
        if folder == "business_vault" {
            text += """
                  - name: \(DBTModels.asOfDates)
                    description: 'The snapshot dates: every loaded business date.'
                    columns:
                      - name: as_of_date
                        data_tests: [unique, not_null]

                """
        }
        for table in vaultTables where Self.folder(of: table.kind) == folder {
            text += """
                  - name: \(table.name)
                    description: '\(table.comment.replacingAll("'", with: "''"))'
                    data_tests:
                      - equals_expected:
                          arguments:
                            expected: \(Self.expectedSeed(table.name))

                """
            if [.hub, .link].contains(table.kind), let key = table.primaryKey.first {
                text += """
                        columns:
                          - name: \(key)
                            data_tests: [unique, not_null]

                    """
            }
        }
        return text
    }

    /// A generic test failing with every row that is in the model and not in the expected seed, or
    /// the other way round (multisets: EXCEPT ALL both ways). Columns are compared by position.
    static let equalsExpectedTest = """
        {% test equals_expected(model, expected) %}
        -- Rows of the model missing from the expected seed and rows of the seed missing from the model.
        WITH model_rows AS (SELECT * FROM {{ model }}),
        expected_rows AS (SELECT * FROM {{ ref(expected) }}),
        only_in_model AS (SELECT * FROM model_rows EXCEPT ALL SELECT * FROM expected_rows),
        only_in_expected AS (SELECT * FROM expected_rows EXCEPT ALL SELECT * FROM model_rows)
        SELECT 'only in model' AS side, * FROM only_in_model
        UNION ALL
        SELECT 'only in expected' AS side, * FROM only_in_expected
        {% endtest %}

        """
}
