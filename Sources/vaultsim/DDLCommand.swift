// DDLCommand.swift: `vaultsim ddl`, CREATE TABLE statements for every vault table.

import ArgumentParser
import VaultFixtures
import VaultModel

extension SQLDialect: ExpressibleByArgument {}

/// `vaultsim ddl --dialect D [--hash H --key-format F --profile P] [--out FILE]`
struct DDLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ddl",
        abstract: "Print CREATE TABLE statements for every vault table and the batch log.",
        discussion: HelpText.reflow("""
            One CREATE TABLE per hub, link, satellite, multi-active and effectivity satellite, \
            point-in-time table, bridge and the batch log, with primary keys (hub: its hash key; link: \
            its link key; satellite and effectivity satellite: parent key and load_date; multi-active \
            satellite: parent key, load_date and phone_type, declared UNIQUE because the ghost record's \
            phone_type is NULL; point-in-time table: hub key and snapshot_date; bridge: customer key, \
            snapshot_date and link_sales key; batch log: batch and table), NOT NULL where the vault's \
            schema says so, and comments on tables and columns. \
            Hash columns follow --hash and --key-format: BLOB / BYTEA / BINARY(n) for binary keys, \
            CHAR(2n) for hex keys. Timestamps are TIMESTAMP WITH TIME ZONE / TIMESTAMPTZ / TIMESTAMP_TZ.

            Examples:
              vaultsim ddl --dialect duckdb
              vaultsim ddl --dialect snowflake --hash sha256 --key-format hex --out vault.sql
            """)
    )

    @Option(help: "SQL dialect: duckdb, postgres or snowflake.")
    var dialect: SQLDialect

    @OptionGroup var hashing: StrategyOptions

    @Option(help: "Write the script to this file instead of standard output (replaces only a vaultsim DDL script; see --force).")
    var out: String?

    @OptionGroup var force: ForceOption

    func validate() throws {
        if let out { _ = try Outputs.path(out, option: "--out") }
    }

    func run() throws {
        let generator = DDLGenerator(dialect: dialect, catalog: VaultCatalog(strategy: hashing.strategy))
        guard let out else {
            print(generator.script(version: VaultSimVersion.string), terminator: "")
            return
        }
        try Outputs.file(out, option: "--out", signature: "-- vaultsim ", force: force.force)
        do {
            try generator.write(to: out, version: VaultSimVersion.string)
        } catch {
            throw CommandFailure("--out \(out): \(error.description)")
        }
        Diagnostics.progress("wrote \(dialect.displayName) DDL of \(generator.catalog.tables.count) tables to \(out)")
    }
}
