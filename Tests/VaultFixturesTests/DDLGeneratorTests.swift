// DDLGeneratorTests.swift: the DDL of every vault table in every dialect.

import Testing
import VaultColumnar
import VaultFixtures
import VaultHashing
import VaultModel

@Suite struct DDLGeneratorTests {
    static let md5Binary = HashStrategy(algorithm: .md5, keyFormat: .binary, profile: .automatedv)

    /// The CREATE TABLE statement of `table` in `script` (up to its closing `;`).
    func createStatement(_ table: String, in script: String) -> String? {
        guard let start = script.range(of: "CREATE TABLE \(table) (\n") else { return nil }
        guard let end = script[start.upperBound...].range(of: ";\n") else { return nil }
        return String(script[start.lowerBound..<end.lowerBound])
    }

    @Test func catalogListsEveryVaultTableAndTheBatchLog() {
        let catalog = VaultCatalog(strategy: Self.md5Binary)
        let vault = Vault(strategy: Self.md5Binary)
        #expect(catalog.tables.map(\.name) == vault.allTables().map(\.name) + ["etl_batch_log"])
        #expect(catalog.tables.map(\.name) == BatchLog.tableOrder
                + ["pit_customer", "pit_product", "bridge_customer_product", "etl_batch_log"])
        let kinds: [VaultTableKind: Int] = [.hub: 5, .link: 2, .satellite: 8, .multiActiveSatellite: 1,
                                            .effectivitySatellite: 1, .pointInTime: 2, .bridge: 1, .batchLog: 1]
        for (kind, count) in kinds { #expect(catalog.tables.filter { $0.kind == kind }.count == count, "\(kind)") }
        #expect(!catalog.tables.contains { $0.kind == .other })
        // The schemas are the vault's own.
        for (description, table) in zip(catalog.tables, vault.allTables()) { #expect(description.schema == table.schema) }
    }

    @Test func catalogOfALoadedVaultDescribesTheSameTables() throws {
        let (_, vault) = try DBTProjectTests.loaded(days: 2)
        #expect(VaultCatalog(vault: vault).tables == VaultCatalog(strategy: DBTProjectTests.strategy).tables)
    }

    @Test(arguments: SQLDialect.allCases)
    func everyTableHasItsColumnsPrimaryKeyAndComments(dialect: SQLDialect) throws {
        let catalog = VaultCatalog(strategy: Self.md5Binary)
        let script = DDLGenerator(dialect: dialect, catalog: catalog).script(version: "test")
        #expect(script.components(separatedBy: "CREATE TABLE ").count - 1 == catalog.tables.count)
        for table in catalog.tables {
            let statement = try #require(createStatement(table.name, in: script), "no CREATE TABLE \(table.name)")
            for field in table.schema.fields {
                #expect(statement.contains("\n    \(field.name) "), "\(dialect) \(table.name) lacks \(field.name)")
            }
            let key = table.primaryKey.joined(separator: ", ")
            let constraint = table.kind == .multiActiveSatellite ? "\(table.name)_key UNIQUE" : "\(table.name)_pk PRIMARY KEY"
            #expect(statement.contains("CONSTRAINT \(constraint) (\(key))"), "\(dialect) \(table.name)")
            #expect(!table.comment.isEmpty && table.schema.names.allSatisfy { table.columnComments[$0] != nil },
                    "\(table.name): a column without comment")
            switch dialect {
            case .snowflake:
                #expect(statement.hasSuffix(") COMMENT = '\(table.comment)'"))
            case .duckdb, .postgres:
                #expect(script.contains("COMMENT ON TABLE \(table.name) IS '\(table.comment)';"))
                #expect(script.contains("COMMENT ON COLUMN \(table.name).\(table.schema.names[0]) IS '"))
            }
        }
    }

    @Test func primaryKeysFollowTheTableRole() {
        let catalog = VaultCatalog(strategy: Self.md5Binary)
        #expect(catalog.table("hub_customer")?.primaryKey == ["hub_customer_hk"])
        #expect(catalog.table("link_sales")?.primaryKey == ["link_sales_hk"])
        #expect(catalog.table("sat_sales_metrics")?.primaryKey == ["link_sales_hk", "load_date"])
        #expect(catalog.table("sat_customer_details")?.primaryKey == ["hub_customer_hk", "load_date"])
        #expect(catalog.table("etl_batch_log")?.primaryKey == ["batch_id", "table_name"])
        #expect(catalog.table("sat_customer_phone_ma")?.primaryKey == ["hub_customer_hk", "load_date", "phone_type"])
        #expect(catalog.table("sat_product_promotion_eff")?.primaryKey == ["link_product_promotion_hk", "load_date"])
        #expect(catalog.table("pit_customer")?.primaryKey == ["hub_customer_hk", "snapshot_date"])
        #expect(catalog.table("pit_product")?.primaryKey == ["hub_product_hk", "snapshot_date"])
        #expect(catalog.table("bridge_customer_product")?.primaryKey
                == ["hub_customer_hk", "snapshot_date", "link_sales_hk"])
        #expect(catalog.table("pit_product")?.hashColumns
                == ["hub_product_hk", "sat_product_details_hk", "sat_product_pricing_hk"])
    }

    @Test func multiActiveKeyIsUniqueBecauseTheGhostRecordHasNoChildKey() throws {
        let strategy = HashStrategy(algorithm: .md5, keyFormat: .hex, profile: .automatedv)
        let script = DDLGenerator(dialect: .duckdb, catalog: VaultCatalog(strategy: strategy)).script(version: "t")
        #expect(createStatement("sat_customer_phone_ma", in: script) == """
            CREATE TABLE sat_customer_phone_ma (
                hub_customer_hk CHAR(32) NOT NULL,
                load_date TIMESTAMP WITH TIME ZONE NOT NULL,
                hash_diff CHAR(32) NOT NULL,
                record_source VARCHAR NOT NULL,
                phone_type VARCHAR,
                phone_number VARCHAR,
                CONSTRAINT sat_customer_phone_ma_key UNIQUE (hub_customer_hk, load_date, phone_type)
            )
            """)
        // The ghost record the comments describe is the vault's own.
        let ghost = Vault(strategy: strategy).table("sat_customer_phone_ma")!.row(0)
        #expect(ghost == [String(repeating: "0", count: 32), "1900-01-01 00:00:00.000", String(repeating: "0", count: 32),
                          "AUTOMATE_DV_SYSTEM", nil, nil])
        #expect(script.contains("load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload"))
        let dv4 = VaultCatalog(strategy: HashStrategy(algorithm: .md5, profile: .datavault4dbt))
        #expect(dv4.table("sat_store_details")!.comment.contains("load_date 0001-01-01 00:00:01, record_source SYSTEM,"))
    }

    @Test func duckdbHubWithBinaryKeys() {
        let script = DDLGenerator(dialect: .duckdb, catalog: VaultCatalog(strategy: Self.md5Binary)).script(version: "t")
        #expect(createStatement("hub_customer", in: script) == """
            CREATE TABLE hub_customer (
                hub_customer_hk BLOB NOT NULL,
                customer_id VARCHAR NOT NULL,
                load_date TIMESTAMP WITH TIME ZONE NOT NULL,
                record_source VARCHAR NOT NULL,
                CONSTRAINT hub_customer_pk PRIMARY KEY (hub_customer_hk)
            )
            """)
    }

    @Test func postgresSatelliteWithHexSha256Keys() {
        let strategy = HashStrategy(algorithm: .sha256, keyFormat: .hex, profile: .automatedv)
        let script = DDLGenerator(dialect: .postgres, catalog: VaultCatalog(strategy: strategy)).script(version: "t")
        #expect(createStatement("sat_product_pricing", in: script) == """
            CREATE TABLE sat_product_pricing (
                hub_product_hk CHAR(64) NOT NULL,
                load_date TIMESTAMPTZ NOT NULL,
                hash_diff CHAR(64) NOT NULL,
                record_source TEXT NOT NULL,
                unit_cost NUMERIC(10,2),
                unit_price NUMERIC(10,2),
                currency TEXT,
                CONSTRAINT sat_product_pricing_pk PRIMARY KEY (hub_product_hk, load_date)
            )
            """)
        #expect(script.contains("COMMENT ON COLUMN sat_product_pricing.unit_cost IS 'from products.unit_cost';"))
    }

    @Test func snowflakeLinkWithBinarySha1Keys() throws {
        let strategy = HashStrategy(algorithm: .sha1, keyFormat: .binary, profile: .automatedv)
        let script = DDLGenerator(dialect: .snowflake, catalog: VaultCatalog(strategy: strategy)).script(version: "t")
        let statement = try #require(createStatement("link_product_promotion", in: script))
        #expect(statement.hasPrefix("""
            CREATE TABLE link_product_promotion (
                link_product_promotion_hk BINARY(20) NOT NULL COMMENT 'hash key of the combined hub business keys: \
            SHA1 digest (20 bytes), automatedv profile',
                hub_product_hk BINARY(20) NOT NULL COMMENT 'hash key of hub_product',
                hub_promotion_hk BINARY(20) NOT NULL COMMENT 'hash key of hub_promotion',
                load_date TIMESTAMP_TZ NOT NULL COMMENT
            """))
        #expect(!script.contains("COMMENT ON"))
    }

    @Test(arguments: SQLDialect.allCases)
    func everyPayloadTypeIsMapped(dialect: SQLDialect) {
        let expected: [SQLDialect: [String]] = [
            .duckdb: ["INTEGER", "BIGINT", "DOUBLE", "DECIMAL(5,2)", "DATE", "TIME", "TIMESTAMP WITH TIME ZONE",
                      "BOOLEAN", "VARCHAR", "BLOB"],
            .postgres: ["INTEGER", "BIGINT", "DOUBLE PRECISION", "NUMERIC(5,2)", "DATE", "TIME", "TIMESTAMPTZ",
                        "BOOLEAN", "TEXT", "BYTEA"],
            .snowflake: ["INTEGER", "BIGINT", "FLOAT", "NUMBER(5,2)", "DATE", "TIME", "TIMESTAMP_TZ",
                         "BOOLEAN", "VARCHAR", "BINARY(16)"],
        ]
        let types: [ColumnType] = [.int32, .int64, .double, .decimal(precision: 5, scale: 2), .date, .time,
                                   .timestamp, .bool, .string, .fixedBinary(width: 16)]
        #expect(types.map { dialect.typeName($0) } == expected[dialect])
        #expect(dialect.typeName(.string, hexKeyLength: 32) == "CHAR(32)")
    }

    @Test func identifiersAndLiteralsAreQuotedWhereNeeded() {
        #expect(SQLDialect.duckdb.identifier("hub_customer_hk") == "hub_customer_hk")
        #expect(SQLDialect.postgres.identifier("Order Date") == "\"Order Date\"")
        #expect(SQLDialect.postgres.identifier("a\"b") == "\"a\"\"b\"")
        #expect(SQLDialect.postgres.literal("it's") == "'it''s'")
        #expect(SQLDialect.snowflake.literal("a\\b'c") == "'a\\\\b''c'")
        #expect(SQLDialect.duckdb.literal("a\\b") == "'a\\b'")
    }

    @Test func notNullFollowsTheSchema() throws {
        let catalog = VaultCatalog(strategy: Self.md5Binary)
        let script = DDLGenerator(dialect: .duckdb, catalog: catalog).script(version: "t")
        let log = try #require(createStatement("etl_batch_log", in: script))
        #expect(log.contains("batch_id INTEGER NOT NULL,"))
        #expect(log.contains("rows_in BIGINT,"))
        let details = try #require(createStatement("sat_customer_details", in: script))
        #expect(details.contains("first_name VARCHAR,"))
        #expect(details.contains("hash_diff BLOB NOT NULL,"))
    }
}
