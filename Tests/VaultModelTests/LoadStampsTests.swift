import Testing
import VaultColumnar
@testable import VaultModel

/// load_date and record_source held as runs, and rebuilt exactly.
@Suite struct LoadStampsTests {
    static func columns(_ rows: [(Int64, String)], dictionary: Bool) -> (Column, Column) {
        var dates = Column(.timestamp), sources = Column(.string, dictionaryEncoded: dictionary)
        for (date, source) in rows {
            dates.append(date)
            sources.append(string: source)
        }
        return (dates, sources)
    }

    @Test func runsRebuildTheColumnsAndAnswerByRow() throws {
        var stamps = LoadStamps()
        let day10 = 10 * GhostRecord.microsPerDay, day20 = 20 * GhostRecord.microsPerDay
        let a = stamps.intern("RETAIL.CUSTOMERS"), b = stamps.intern("RETAIL.TRANSACTIONS"), unused = stamps.intern("RETAIL.PHONES")
        stamps.append(loadDate: day10, code: a, count: 3)
        stamps.append(loadDate: day10, code: a, count: 2)  // extends the run
        stamps.append(loadDate: day10, code: b, count: 0)  // nothing
        stamps.append(loadDate: day10, code: b, count: 1)
        stamps.append(loadDate: day20, code: a, count: 2)
        #expect(stamps.ends == [5, 6, 8] && stamps.count == 8 && unused == 2)
        #expect((0..<8).map(stamps.loadDate(ofRow:)) == [day10, day10, day10, day10, day10, day10, day20, day20])
        #expect(stamps.recordSource(ofRow: 5) == "RETAIL.TRANSACTIONS")
        #expect(stamps.firstRow(loadedAfter: 10, from: 0) == 6 && stamps.firstRow(loadedAfter: 10, from: 7) == 7)
        #expect(stamps.firstRow(loadedAfter: 20, from: 0) == 8 && stamps.firstRow(loadedAfter: 9, from: 1) == 1)
        // The columns are what appending row by row would have stored, dictionary included.
        var (dates, sources) = Self.columns([], dictionary: true)
        for source in ["RETAIL.CUSTOMERS", "RETAIL.TRANSACTIONS", "RETAIL.PHONES"] { _ = sources.intern(source) }
        for row in 0..<8 {
            dates.append(stamps.loadDate(ofRow: row))
            sources.append(code: sources.intern(stamps.recordSource(ofRow: row)))
        }
        #expect(stamps.loadDateColumn() == dates && stamps.recordSourceColumn() == sources)
        // Read back from those columns, the stamps are the same runs.
        #expect(try LoadStamps(loadDates: dates, recordSources: sources, table: "t") == stamps)
    }

    @Test func plainRecordSourcesAreInternedAndNullsRefused() throws {
        let rows: [(Int64, String)] = [(1, "A"), (1, "A"), (2, "B"), (2, "A")]
        let (dates, plain) = Self.columns(rows, dictionary: false)
        let stamps = try LoadStamps(loadDates: dates, recordSources: plain, table: "t")
        #expect(stamps.ends == [2, 3, 4])
        #expect((0..<4).map(stamps.recordSource(ofRow:)) == ["A", "A", "B", "A"])
        var withNull = dates
        withNull.appendNull()
        var sources = plain
        sources.append(string: "A")
        #expect(throws: VaultError.restoreMismatch("t row 4: load_date or record_source is NULL")) {
            try LoadStamps(loadDates: withNull, recordSources: sources, table: "t")
        }
    }
}
