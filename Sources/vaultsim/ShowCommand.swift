// ShowCommand.swift: `vaultsim show [TABLE]`, look at the rows of any vault table.

import ArgumentParser
import Foundation
import VaultInspect

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the tables of a vault, the rows of one table, or the full history of one business key.",
        discussion: HelpText.reflow("""
            The vault is restored from --snapshot DIR, or generated and loaded in this process with the
            usual options (--scale, --days, --seed, --hash, --key-format, ...).

              vaultsim show                          every table with rows, bytes in memory and columns
              vaultsim show TABLE                    the first --limit rows (after --offset)
              vaultsim show TABLE --key ' c0000123 ' the rows of TABLE that refer to that key: the hub row,
                                                     every satellite version (with load_end_date, the next
                                                     version's load_date; 9999-12-31 for the current one),
                                                     the link rows naming it
              vaultsim show --history C0000123       the key's hub row, links, and satellites of both, by load date

            Keys are cleaned as the loader cleans them (spaces trimmed, upper case) and hashed with the
            vault's strategy. The entity comes from the key's spelling (C customer, P product, S store,
            T transaction, PROMO promotion) or from --entity. Hash keys print as hex, shortened to 8
            characters and an ellipsis unless --wide (CSV and JSON always carry them in full). Colour is
            used only when standard output is a terminal and NO_COLOR is unset.
            """)
    )

    @Argument(help: "The table to show (omit it to list the tables).")
    var table: String?

    @Option(help: "Show only the rows of TABLE that refer to this business key.")
    var key: String?

    @Option(help: "Show everything the vault holds about this business key, across tables, in load-date order.")
    var history: String?

    @Option(help: "The entity of --key or --history: customer, product, store, transaction, promotion (default: from the key's prefix).")
    var entity: String?

    @Option(help: "Columns to show, comma-separated (default: all; load_end_date is derived for satellites).")
    var columns: String?

    @Option(help: "Rows to show at most (0: all; default 20).")
    var limit: Int = 20

    @Option(help: "Rows to skip first.")
    var offset: Int = 0

    @Flag(help: "Show hash keys in full.")
    var wide = false

    @OptionGroup var source: VaultSourceOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must not be negative (got \(limit)).") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative (got \(offset)).") }
        if history != nil && (table != nil || key != nil) {
            throw ValidationError("--history shows every table; give it without TABLE and --key.")
        }
        if key != nil && table == nil { throw ValidationError("--key needs a TABLE (or use --history KEY for every table).") }
        if entity != nil && key == nil && history == nil { throw ValidationError("--entity applies to --key and --history only.") }
        if columns != nil && table == nil { throw ValidationError("--columns needs a TABLE.") }
    }

    func run() throws {
        let vault = try source.tables()
        do { try show(vault) } catch { throw CommandFailure(error.description) }
    }

    private func show(_ vault: VaultTables) throws(InspectError) {
        if let history {
            let lookup = KeyLookup(key: try BusinessKey(history, entity: entity, strategy: vault.strategy), vault: vault)
            let grid = KeyHistory.grid(lookup, wide: wide || output.format != .table)
            guard grid.rows.count > 0 else { throw .keyNotFound("\(lookup.key.entity) key \(lookup.key.text)") }
            emit(grid)
            return
        }
        guard let name = table else {
            emit(vault.listing)
            return
        }
        let table = try vault.table(named: name)
        var rows = Array(0..<table.count)
        if let key {
            let lookup = KeyLookup(key: try BusinessKey(key, entity: entity, strategy: vault.strategy), vault: vault)
            rows = try lookup.rows(in: table)
            if rows.isEmpty { throw .keyNotFound("\(lookup.key.entity) key \(lookup.key.text) in \(name)") }
        }
        let shown = Array(rows.dropFirst(offset).prefix(limit == 0 ? rows.count : limit))
        let selection = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        emit(try TableView(table).grid(rows: shown, columns: selection))
        if shown.count < rows.count {
            Diagnostics.progress("\(name): rows \(offset)..<\(offset + shown.count) of \(rows.count) shown (--offset, --limit)")
        }
    }

    private func emit(_ grid: Grid) {
        print(grid.render(output.format, style: output.style(wide: wide)))
    }
}
