// PointInTimeTable.swift: for each hub key and snapshot date, the satellite versions in force.

import VaultRuntime
import VaultColumnar

/// A point-in-time table (AutomateDV `pit`), kept compact: for every snapshot date and satellite,
/// one `Int32` per hub row, the satellite row in force on that date (row 0, the ghost record,
/// where none is). Keys and load dates are gathered from the satellites only when the table is
/// materialised (``materialise(vault:dates:)``), so 365 dates × a million keys × 2 satellites take
/// 2.9 GB rather than the 23 GB of the materialised rows.
///
/// Built with one sweep per satellite: the block of a date is the previous date's block plus the
/// versions loaded in between (a satellite's rows are appended in load-date order). After a batch,
/// only dates on or after its load date change, and only at the keys it inserted versions for.
/// Hub rows beyond a block's length are keys loaded after that block was last touched: they have
/// no version yet and reference the ghost.
public final class PointInTimeTable: @unchecked Sendable {
    public let definition: PointInTimeDefinition
    /// Snapshot dates, days since 1970, ascending.
    public private(set) var dates: [Int32] = []
    /// Per satellite (definition order), the references of each date.
    private(set) var references: [SatelliteReferences]

    init(definition: PointInTimeDefinition) {
        self.definition = definition
        references = definition.satellites.map { _ in SatelliteReferences() }
    }

    /// The satellite row in force for hub row `hubRow` on snapshot date index `d`, satellite `s`
    /// (0: the ghost record).
    public func reference(date d: Int, satellite s: Int, hubRow: Int) -> Int32 {
        let block = references[s].blocks[d]
        return hubRow < block.count ? block[hubRow] : 0
    }

    /// The index of snapshot date `day`, if it is one.
    public func dateIndex(of day: Int32) -> Int? {
        var low = 0, high = dates.count
        while low < high {
            let mid = (low + high) / 2
            if dates[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low < dates.count && dates[low] == day ? low : nil
    }

    /// Forgets every date: the next refresh builds the table from scratch.
    func reset() {
        dates = []
        references = definition.satellites.map { _ in SatelliteReferences() }
    }

    /// Brings the table up to date with `dates` (a new range rebuilds it) and the vault's satellites.
    /// Satellites refresh in parallel on `threads` cores.
    func refresh(dates newDates: [Int32], hub: KeyedStore, satellites: [SatelliteStore], threads: Int) {
        if !newDates.starts(with: dates) || newDates.isEmpty { reset() }
        dates = newDates
        let work = UncheckedBox(zip(references.indices, satellites).map { ($0, $1) })
        let results = ResultSlots<SatelliteReferences>(count: references.count)
        let jobs = UncheckedBox(references)
        concurrentEach(count: work.value.count, threads: threads) { j in
            var refs = jobs.value[j]
            refs.refresh(dates: newDates, satellite: work.value[j].1, hub: hub)
            results.set(j, refs)
        }
        references = references.indices.map { results.get($0) }
    }

    /// Bytes held by the references.
    public var memoryFootprint: Int { references.reduce(0) { $0 + $1.memoryFootprint } }

    /// Rows the materialised table has: hub rows × snapshot dates.
    public func rowCount(hubRows: Int) -> Int { hubRows * dates.count }
}

/// One satellite's references in a point-in-time table.
struct SatelliteReferences: Sendable {
    /// Per snapshot date, per hub row: the satellite row in force (0: ghost).
    var blocks: [[Int32]] = []
    /// Per snapshot date: satellite rows applied so far (rows below it with a load date on or
    /// before the date are reflected in the block).
    var applied: [Int] = []

    /// Bytes held; dates without new versions share their block with the previous date, so
    /// shared buffers are counted once. Counted from element counts, not array capacities: the
    /// allocator rounds capacities differently from run to run, and the figure must be reproducible.
    var memoryFootprint: Int {
        var seen = Set<UnsafeRawPointer>()
        var bytes = applied.count * 8
        for block in blocks {
            block.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress, seen.insert(UnsafeRawPointer(base)).inserted { bytes += block.count * 4 }
            }
        }
        return bytes
    }

    /// Applies the satellite's versions (found by the parent rows it stores) to every date's block.
    mutating func refresh(dates: [Int32], satellite: SatelliteStore, hub: KeyedStore) {
        precondition(satellite.parent === hub, "\(satellite.definition.name) is not a satellite of \(hub.name)")
        let parentRows = satellite.parentRowColumn
        var previous: Int? = nil
        for (d, day) in dates.enumerated() {
            let bound = satellite.rowsLoaded(by: day)
            if d == blocks.count {
                // A new date starts from the previous date's block.
                if let p = previous { blocks.append(blocks[p]); applied.append(applied[p]) } else { blocks.append([]); applied.append(SatelliteStore.ghostRows) }
            }
            if applied[d] < bound {
                blocks[d].withUnsafeMutableBufferPointerGrowing(to: hub.count) { block in
                    parentRows.withUnsafeValues(as: Int32.self) { hubRows in
                        for row in applied[d]..<bound where hubRows[row] >= 0 { block[Int(hubRows[row])] = Int32(row) }
                    }
                }
                applied[d] = bound
            }
            previous = d
        }
    }
}

extension Array where Element == Int32 {
    /// Pads with zeros (the ghost reference) to `count` elements, then hands out the buffer.
    mutating func withUnsafeMutableBufferPointerGrowing(to count: Int, _ body: (UnsafeMutableBufferPointer<Int32>) -> Void) {
        if self.count < count { append(contentsOf: repeatElement(0, count: count - self.count)) }
        withUnsafeMutableBufferPointer { body($0) }
    }
}
