// LoadStamps.swift: the load_date and record_source of an insert-only table, held as runs.

import VaultColumnar

/// The `load_date` and `record_source` columns of a hub, link or satellite, held as runs of rows.
///
/// A load appends its rows one source at a time, all with the batch's load date, so both columns
/// are constant over long runs: a batch adds one run per source table instead of 12 bytes a row.
/// The columns are rebuilt on demand (``loadDateColumn()``, ``recordSourceColumn()``) exactly as
/// they were stored before, dictionary included: the dictionary interns record sources in the
/// same order as the loads intern them.
///
/// ```
///  rows     0 | 1 ......... 60000 | 60001 ...... 61200 | 61201 ...
///  ends     1 |           60001   |            61201   | ...
///  dates    1900-01-01 | 2024-01-01 (batch 0)          | 2024-01-02 ...
///  codes    0 (ghost)  | 1 (RETAIL.CUSTOMERS) | 2 (RETAIL.TRANSACTIONS) | ...
/// ```
struct LoadStamps: Sendable, Equatable {
    /// The exclusive end row of each run, ascending.
    private(set) var ends: [Int] = []
    /// Each run's load date, microseconds since the epoch.
    private(set) var loadDates: [Int64] = []
    /// Each run's record source, a code of `sources`' dictionary.
    private(set) var codes: [Int32] = []
    /// A dictionary-encoded string column without rows: the record sources interned so far.
    private(set) var sources = Column(.string, dictionaryEncoded: true)

    init() {}

    /// The stamps of stored columns (a restored table): consecutive rows with the same load date
    /// and record source form a run. A dictionary-encoded `record_source` keeps its dictionary (so
    /// the column comes back byte for byte); a plain one is interned in row order. Throws when
    /// either column has a NULL or the wrong type.
    init(loadDates dates: Column, recordSources: Column, table: String) throws {
        guard dates.type == .timestamp, recordSources.type == .string, dates.count == recordSources.count else {
            throw VaultError.restoreMismatch("\(table): load_date and record_source are not a timestamp and a string column of one length")
        }
        if let row = (0..<dates.count).first(where: { !dates.isValid($0) || !recordSources.isValid($0) }) {
            throw VaultError.restoreMismatch("\(table) row \(row): load_date or record_source is NULL")
        }
        if recordSources.isDictionaryEncoded {
            sources = recordSources
            sources.removeAll()
        }
        dates.withUnsafeValues(as: Int64.self) { dates in
            for row in 0..<dates.count {
                let code = recordSources.isDictionaryEncoded ? recordSources.value(at: row, as: Int32.self)
                                                             : sources.intern(recordSources.string(at: row)!)
                append(loadDate: dates[row], code: code, count: 1)
            }
        }
    }

    /// The number of rows stamped.
    var count: Int { ends.last ?? 0 }

    /// The code of `source`, interned when it is new.
    mutating func intern(_ source: String) -> Int32 { sources.intern(source) }

    /// Stamps `count` more rows (extending the last run when it has the same stamps).
    mutating func append(loadDate: Int64, code: Int32, count: Int) {
        guard count > 0 else { return }
        if let last = loadDates.last, last == loadDate, codes.last == code {
            ends[ends.count - 1] += count
            return
        }
        ends.append(self.count + count)
        loadDates.append(loadDate)
        codes.append(code)
    }

    /// The run holding `row` (binary search over the run ends).
    private func run(of row: Int) -> Int {
        precondition(row >= 0 && row < count, "row \(row) is not stamped (\(count) rows)")
        var low = 0, high = ends.count - 1
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] <= row { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The load date of `row`.
    func loadDate(ofRow row: Int) -> Int64 { loadDates[run(of: row)] }

    /// The record source of `row`.
    func recordSource(ofRow row: Int) -> String { sources.dictionary!.string(codes[run(of: row)]) }

    /// The first row at or after `start` loaded after calendar day `day` (`count` when none): the
    /// rows before it are those loaded on or before `day`, since rows are appended in load-date
    /// order.
    func firstRow(loadedAfter day: Int32, from start: Int) -> Int {
        let limit = (Int64(day) + 1) * GhostRecord.microsPerDay
        for (r, end) in ends.enumerated() where end > start && loadDates[r] >= limit {
            return max(start, r == 0 ? 0 : ends[r - 1])
        }
        return max(start, count)
    }

    /// The latest load date stamped, or `nil` without rows.
    var latestLoadDate: Int64? { loadDates.max() }

    /// The earliest load date stamped, or `nil` without rows.
    var earliestLoadDate: Int64? { loadDates.min() }

    /// The `load_date` column.
    func loadDateColumn() -> Column {
        var column = Column(.timestamp, capacity: count)
        var start = 0
        for (end, date) in zip(ends, loadDates) {
            column.append(repeating: date, count: end - start)
            start = end
        }
        return column
    }

    /// The `record_source` column (dictionary encoded, with every source interned so far).
    func recordSourceColumn() -> Column {
        var column = sources
        column.reserve(rows: count)
        var start = 0
        for (end, code) in zip(ends, codes) {
            column.append(code: code, count: end - start)
            start = end
        }
        return column
    }

    /// Bytes held by the runs and the dictionary.
    var memoryFootprint: Int { ends.count * 20 + sources.memoryFootprint }
}
