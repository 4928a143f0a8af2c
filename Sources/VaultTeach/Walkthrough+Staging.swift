// Walkthrough+Staging.swift: step 2, business keys standardised and hashed by staging.

import VaultColumnar
import VaultHashing
import VaultInspect
import VaultModel

/// One spelling of a business key as a batch sends it, and what staging made of it.
struct StagedKey {
    var hub: String
    /// The value as sent (`nil`: NULL).
    var sent: String?
    /// Source tables the spelling came from, in load order.
    var tables: [String]
    /// The standardised string that was hashed (`nil`: the key is NULL under the profile).
    var standardised: String?
    /// The business key as the hub stores it (trimmed, upper case).
    var cleaned: String?
    /// The staged hash key (`nil`: NULL, not loaded).
    var key: [UInt8]?
    /// Its text form (uppercase hex for binary keys).
    var keyText: String?
}

extension Walkthrough {
    /// Every distinct spelling of every hub's business key in the batch, from the staged columns.
    func stagedKeys(_ batch: LoadedBatch) -> [StagedKey] {
        var keys = [StagedKey]()
        for hub in RetailVault.hubs {
            var position = [String?: Int]()
            for source in hub.sources {
                guard let table = batch.table(source.table) else { continue }
                let name = "\(source.table).\(source.column)"
                let raw = table[source.column]
                let standardised = stager.hasher.standardiser.standardise([HashInput(source.column, raw)], kind: .key)
                let hashed = batch.staged("hk:\(name)"), cleaned = batch.staged("bk:\(name)")
                for row in 0..<table.count {
                    let sent = raw.string(at: row)
                    if let p = position[sent] {
                        if !keys[p].tables.contains(source.table) { keys[p].tables.append(source.table) }
                        continue
                    }
                    position[sent] = keys.count
                    keys.append(
                        StagedKey(
                            hub: hub.name, sent: sent, tables: [source.table],
                            standardised: standardised.outcome(row) == .hash ? standardised.string(row) : nil,
                            cleaned: cleaned.string(at: row), key: CellText.keyBytes(hashed, row),
                            keyText: CellText.value(hashed, row)))
                }
            }
        }
        return keys
    }

    /// Step 2: the standardised string and hash key of every business key, in full.
    func stagingStep(_ batch: LoadedBatch) -> WalkthroughSection {
        let strategy = options.strategy
        let keys = stagedKeys(batch)
        var grid = Grid(columns: [
            GridColumn("hub"), GridColumn("sent"), GridColumn("from"), GridColumn("standardised"),
            GridColumn("hash key (\(strategy.algorithm.rawValue))"),
        ])
        for key in keys {
            grid.append([
                key.hub, CellText.sent(key.sent), key.tables.joined(separator: ", "), key.standardised, key.keyText,
            ])
        }
        var blocks: [WalkthroughBlock] = [
            .paragraph(
                explain(
                    "staging",
                    "Staging computes every hash of the batch once, before anything is loaded. "
                        + Self.profileRule(strategy.profile) + " The digest is `\(strategy.algorithm.rawValue)`: "
                        + "\(strategy.algorithm.digestLength) bytes, \(2 * strategy.algorithm.digestLength) hex "
                        + "characters.",
                    short: "Staging standardises and hashes every business key of the batch by the same rules:")),
            .grid("business keys of batch \(batch.number)", grid),
        ]
        blocks += dirtyKeyNotes(keys, batch)
        let rejected = keys.filter { $0.key == nil }
        for key in rejected {
            blocks.append(
                .paragraph(
                    "A \(key.sent == nil ? "NULL" : "blank") `\(key.hub)` key from "
                        + "\(key.tables.map { "`\($0)`" }.joined(separator: ", ")) has no hash key under "
                        + "`\(strategy.profile.rawValue)`: such rows cannot be loaded and are counted as rejected."))
        }
        if batch.number == 0 {
            if let first = keys.first(where: { $0.key != nil }) { blocks += algorithmComparison(first) }
            blocks += linkKeyExample(batch)
        }
        return WalkthroughSection(
            id: "batch-\(batch.number)/staging", level: .step,
            title: "Step 2: staging, business keys standardised and hashed", blocks: blocks)
    }

    /// The profile's key rule in one sentence.
    static func profileRule(_ profile: HashProfile) -> String {
        switch profile {
        case .automatedv:
            return
                "Under `automatedv` (AutomateDV) a key is cast to text, trimmed and upper-cased, an empty result is "
                    + "NULL, "
                + "and the string is hashed; multi-column keys join their values with `||` (NULL as `^^`)."
        case .datavault4dbt:
            return
                "Under `datavault4dbt` each value is trimmed and wrapped in double quotes (NULL is `^^`), values join "
                + "with `||`, keys are upper-cased, and an all-NULL key becomes the zero key, which the loader rejects."
        }
    }

    /// A sentence for each sent spelling that differs from the key the hub stores.
    func dirtyKeyNotes(_ keys: [StagedKey], _ batch: LoadedBatch) -> [WalkthroughBlock] {
        keys.compactMap { key -> WalkthroughBlock? in
            guard let sent = key.sent, let cleaned = key.cleaned, sent != cleaned, let hashed = key.key,
                let store = vault.keyedStore(key.hub)
            else { return nil }
            let same = CellText.rows(of: hashed, in: store.table.columns[0], 0..<store.table.count)
            guard let row = same.first, store.table.columns[1].string(at: row) == cleaned else { return nil }
            return .paragraph(
                "`\(CellText.sent(sent)!)` is a dirty spelling: it standardises to `\(key.standardised ?? "NULL")`, "
                    + "so its hash key `\(CellText.short(key.keyText))` is the one `\(key.hub)` holds for "
                    + "`\(cleaned)`. "
                    + "Standardising before hashing is what makes dirty keys land on the same hub row.")
        }
    }

    /// The first key of the batch under every algorithm, with the same profile.
    func algorithmComparison(_ key: StagedKey) -> [WalkthroughBlock] {
        var column = Column(.string)
        column.append(optionalString: key.sent)
        var grid = Grid(columns: [
            GridColumn("algorithm"), GridColumn("bytes", .number), GridColumn("hash key of \(key.cleaned ?? "NULL")"),
        ])
        for algorithm in HashAlgorithm.allCases {
            let hasher = BatchHasher(
                strategy: HashStrategy(
                    algorithm: algorithm, keyFormat: .hex, profile: options.strategy.profile,
                    hexCase: .upper))
            let digest = hasher.hash([HashInput("key", column)], kind: .key).column.string(at: 0)
            let marker = algorithm == options.strategy.algorithm ? " (this vault)" : ""
            grid.append([algorithm.rawValue + marker, String(algorithm.digestLength), digest])
        }
        return [
            .paragraph(
                "The algorithm decides only the digest, not the standardised string. The same key under each one "
                    + "(`--hash` chooses):"),
            .grid("one key, four algorithms", grid),
            .paragraph(
                "A longer digest costs storage and join width in every hub, link and satellite; it buys protection "
                    + "against deliberately constructed collisions, not against chance ones (`vaultsim collisions` "
                    + "puts numbers "
                    + "on both)."),
        ]
    }

    /// How the first `link_sales` key of the batch is built from its hubs' business keys.
    func linkKeyExample(_ batch: LoadedBatch) -> [WalkthroughBlock] {
        guard let definition = RetailVault.links.first, let source = definition.sources.first,
            let table = batch.table(source.table)
        else { return [] }
        let inputs = source.columns.map { HashInput($0, table[$0]) }
        let standardised = stager.hasher.standardiser.standardise(inputs, kind: .key)
        let staged = batch.staged("lk:\(definition.name).\(source.table)")
        guard let row = (0..<table.count).first(where: { standardised.outcome($0) == .hash && staged.isValid($0) })
        else { return [] }
        return [
            .paragraph(
                "A link key hashes the business keys of its hubs together, in the link's column order "
                    + "(\(source.columns.map { "`\($0)`" }.joined(separator: ", "))). The first `\(source.table)` row "
                    + "gives "
                    + "`\(standardised.string(row))`, so its `\(definition.keyColumn)` is "
                    + "`\(CellText.short(CellText.value(staged, row)))`.")
        ]
    }
}
