// QueryCommand.swift: `vaultsim query NAME`, the analytics over a loaded (or restored) vault.

import ArgumentParser
import Foundation
import VaultColumnar
import VaultExport
import VaultInspect
import VaultModel
import VaultQuery
import VaultSnapshot

extension QueryKind: ExpressibleByArgument {}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run an analytics query over a loaded vault (as of a date through the point-in-time tables).",
        discussion: HelpText.reflow("""
            The vault is generated and loaded in memory with the usual options, or restored with
            --snapshot. Queries (rules and columns: docs/BUSINESS-VAULT.md):
            \(QueryKind.allCases.map { "  \($0.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

            --as-of D reads the vault as it was on D: rows loaded later are left out and customer
            and product attributes come from the PITs, so D must be a snapshot date (--pit-*).

            Examples:
              vaultsim query current-customers --scale 1 --days 7
              vaultsim query customer-history --key C0000042 --scale 1 --days 30
              vaultsim query sales-as-of --as-of 2024-01-03 --scale 1 --days 7 --format csv --limit 0
              vaultsim query top-products --snapshot snap/ --limit 3
            """)
    )

    @Argument(help: "The query: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var name: QueryKind

    @Option(help: "Read the vault as of this date (YYYY-MM-DD; a snapshot date of the PITs).")
    var asOf: String?

    @Option(help: "Business key for customer-history (customer_id) and product-price-history (product_id).")
    var key: String?

    @Option(help: "Rows to print (0: all); for top-products, products per category (default 5).")
    var limit: Int?

    @OptionGroup var output: FormatOptions

    @OptionGroup var source: VaultSourceOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 (all) or more (got \(limit)).") }
        if let asOf { _ = try BusinessVaultOptions.day(asOf, option: "--as-of") }
        if name.needsKey && key == nil { throw ValidationError("\(name.rawValue) needs --key.") }
        if !name.needsKey && key != nil {
            throw ValidationError("\(name.rawValue) takes no --key (only customer-history and product-price-history do).")
        }
    }

    func run() throws {
        let vault = try loadVault()
        let options = QueryOptions(asOf: try asOf.map { try BusinessVaultOptions.day($0, option: "--as-of") }, key: key,
                                   limit: limit ?? (name == .topProducts ? 5 : 20))
        let result: Table
        do { result = try VaultQueries.run(name, on: vault, options: options) } catch let error as QueryError {
            throw CommandFailure("query \(name.rawValue): \(error.description)")
        }
        print(try ResultPrinter.render(result, format: output.format, style: output.style()), terminator: "")
    }

    private func loadVault() throws -> Vault { try source.vault().vault }
}

/// Renders a query result with the shared grid: aligned text, CSV or JSON.
enum ResultPrinter {
    static func render(_ table: Table, format: OutputFormat, style: GridStyle) throws -> String {
        let grid = try TableView(table).grid(rows: Array(0..<table.count))
        let text = grid.render(format, style: style)
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return format == .table ? body + "(\(table.count) rows)\n" : body
    }
}
