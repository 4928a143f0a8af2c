// Vault+Loading.swift: gathering each table's candidate rows from staging and loading them.

import VaultColumnar
import VaultHashing

extension Vault {
    /// Runs one table's load and stamps its duration on the counts.
    func timedLoad(_ table: String, _ body: () -> LoadCounts) -> (String, LoadCounts) {
        var counts = LoadCounts()
        counts.microseconds = Timing.measure(ContinuousClock()) { counts = body() }
        return (table, counts)
    }

    /// Rows of a source where every column in `keys` is non-NULL, ascending.
    private func loadableRows(_ keys: [Column]) -> [Int32] {
        let n = keys.first?.count ?? 0
        let withNulls = keys.filter { $0.nullCount > 0 }
        if withNulls.isEmpty { return Array(0..<Int32(n)) }
        // The AND of the validity words, 64 rows at a time; then its set bits in order.
        var rows = [Int32]()
        rows.reserveCapacity(n)
        var words = [UInt64](repeating: .max, count: (n + 63) / 64)
        for column in withNulls {
            column.validity.words.withUnsafeBytes { raw in
                let valid = raw.bindMemory(to: UInt64.self)
                for w in words.indices { words[w] &= valid[w] }
            }
        }
        for (w, word) in words.enumerated() {
            var bits = w == words.count - 1 && n % 64 != 0 ? word & (UInt64(1) << UInt64(n % 64) - 1) : word
            while bits != 0 {
                rows.append(Int32(w * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return rows
    }

    /// Rows of a source where every column in `keys` is non-NULL, as a selection.
    private func loadable(_ keys: [Column]) -> SelectionVector { SelectionVector(ascending: loadableRows(keys)) }

    func loadHub(_ i: Int, _ staged: StagedBatch) -> (String, LoadCounts) {
        let definition = RetailVault.hubs[i]
        return timedLoad(definition.name) {
            var sources = [(table: String, source: KeyedSource)]()
            var offered = 0
            for source in definition.sources {
                guard let table = staged.table(source.table), table.count > 0 else { continue }
                let keys = staged.column(StagedName.hubKey(source.table, source.column))
                offered += table.count
                sources.append((source.table, KeyedSource(table: source.table, keys: keys, attributes: [table[source.column]], rows: loadableRows([keys]),
                                                          recordSource: RetailVault.recordSource(of: source.table), cleansBusinessKeys: true)))
            }
            guard !sources.isEmpty else { return LoadCounts() }
            var counts = load(hubs[i], sources, staged)
            counts.rejected = offered - counts.rowsIn
            counts.rowsIn = offered
            return counts
        }
    }

    func loadLink(_ i: Int, _ staged: StagedBatch) -> (String, LoadCounts) {
        let definition = RetailVault.links[i]
        return timedLoad(definition.name) {
            var sources = [(table: String, source: KeyedSource)]()
            var offered = 0
            for source in definition.sources {
                guard let table = staged.table(source.table), table.count > 0 else { continue }
                let link = staged.column(StagedName.linkKey(definition.name, source.table))
                let hubKeys = source.columns.map { staged.column(StagedName.hubKey(source.table, $0)) }
                var rows = loadableRows([link] + hubKeys)
                if let filter = source.excluding {
                    let column = table[filter.column]
                    let excluded = Array(filter.value.utf8)
                    rows = rows.filter { row in !BusinessKeyText.equals(column, row: Int(row), excluded) }
                    offered += rows.count  // filtered rows are not candidates
                } else {
                    offered += table.count
                }
                sources.append((source.table, KeyedSource(table: source.table, keys: link, attributes: [], rows: rows, recordSource: RetailVault.recordSource(of: source.table))))
            }
            guard !sources.isEmpty else { return LoadCounts() }
            var counts = load(links[i], sources, staged)
            counts.rejected = offered - counts.rowsIn
            counts.rowsIn = offered
            return counts
        }
    }

    /// Appends the hub rows of the rows link `i` inserted in this batch (its hubs have loaded it).
    func attachLinkHubRows(_ i: Int, _ staged: StagedBatch) -> (String, LoadCounts) {
        timedLoad(links[i].name) {
            links[i].attachHubRows { hub, table in staged.rows.get("\(hub).\(table)") }
            return LoadCounts()
        }
    }

    /// Loads `sources` (named after their tables, in the order of the store's definition) into a
    /// hub or link and records the row each source row loaded into.
    private func load(_ store: KeyedStore, _ sources: [(table: String, source: KeyedSource)], _ staged: StagedBatch) -> LoadCounts {
        let (counts, rows) = store.load(sources.map(\.source), loadDate: staged.source.loadDate, threads: threads)
        for (source, rows) in zip(sources, rows) { staged.rows.set("\(store.name).\(source.table)", rows) }
        return counts
    }

    func loadSatellite(_ i: Int, _ staged: StagedBatch) -> (String, LoadCounts) {
        let definition = satellites[i].definition
        return timedLoad(definition.name) {
            var counts = LoadCounts()
            guard let table = staged.table(definition.source), table.count > 0 else { return counts }
            let parent = staged.column(StagedName.hubKey(definition.source, RetailVault.hub(named: definition.parent).businessKey))
            let hashdiff = staged.column(StagedName.hashdiff(definition.name))
            let payload = definition.payload.map { table[$0.name] }
            counts = loadSatelliteRows(i, keysToCheck: [parent], hashdiff: hashdiff, payload: payload,
                                       recordSource: RetailVault.recordSource(of: definition.source), staged: staged)
            return counts
        }
    }

    /// Loads the rows whose `keysToCheck` are all non-NULL into satellite `i`; their parent rows
    /// are the ones the parent's load of this batch found for the satellite's source table.
    func loadSatelliteRows(_ i: Int, keysToCheck: [Column], hashdiff: Column, payload: [Column],
                           recordSource: String, staged: StagedBatch) -> LoadCounts {
        let satellite = satellites[i], definition = satellites[i].definition
        let rows = loadableRows(keysToCheck)
        var counts = satellite.load(parentRows: staged.rows.get("\(definition.parent).\(definition.source)"), rows: rows,
                                    hashdiffs: hashdiff, recordSource: recordSource, payload: payload,
                                    loadDate: staged.source.loadDate, threads: threads)
        counts.rejected = hashdiff.count - rows.count
        counts.rowsIn = hashdiff.count
        return counts
    }

    func loadPhones(_ staged: StagedBatch) -> (String, LoadCounts) {
        let definition = RetailVault.phoneSatellite
        return timedLoad(definition.name) {
            guard let table = staged.table(definition.source), table.count > 0 else { return LoadCounts() }
            let parent = staged.column(StagedName.hubKey(definition.source, RetailVault.hub(named: definition.parent).businessKey))
            let selection = loadable([parent])
            let pick = { (c: Column) in selection.count == c.count ? c : c.gather(selection.indices) }
            let hubRows = staged.rows.get("\(definition.parent).\(definition.source)")
            let parentRows = SharedArray<Int32>(repeating: -1, count: selection.count)
            for (i, row) in selection.indices.enumerated() { parentRows[i] = hubRows[Int(row)] }
            var counts = phones.load(parentRows: parentRows,
                                     hashdiffs: pick(staged.column(StagedName.hashdiff(definition.name))),
                                     childKeys: pick(table[RetailVault.phoneChildKey]),
                                     recordSource: RetailVault.recordSource(of: definition.source),
                                     payload: definition.payload.map { pick(table[$0.name]) }, loadDate: staged.source.loadDate)
            counts.rejected = parent.count - selection.count
            counts.rowsIn = parent.count
            return counts
        }
    }

    func loadPromotionEffectivity(_ staged: StagedBatch) -> (String, LoadCounts) {
        let definition = RetailVault.promotionEffectivity
        return timedLoad(definition.name) {
            guard let table = staged.table(definition.source), table.count > 0 else { return LoadCounts() }
            let link = staged.column(StagedName.linkKey(definition.link, definition.source))
            let driving = staged.column(StagedName.hubKey(definition.source, definition.drivingKeyColumn))
            let other = staged.column(StagedName.hubKey(definition.source, definition.otherKeyColumn))
            let selection = loadable([link, driving, other])
            let pick = { (c: Column) in selection.count == c.count ? c : c.gather(selection.indices) }
            var counts = promotionEffectivity.load(
                linkKeys: pick(link), drivingKeys: pick(driving), otherKeys: pick(other),
                startDates: pick(table[definition.startDateColumn]), endDates: pick(table[definition.endDateColumn]),
                recordSources: Column.constant(string: RetailVault.recordSource(of: definition.source), count: selection.count),
                loadDate: staged.source.loadDate)
            counts.rejected = link.count - selection.count
            counts.rowsIn = link.count
            return counts
        }
    }
}
