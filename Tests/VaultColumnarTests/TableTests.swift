import Testing
import VaultTestSupport
@testable import VaultColumnar

@Suite struct TableTests {
    static let schema = Schema([Field("id", .int32), Field("name", .string), Field("day", .date)])

    static func sample(_ rows: [(Int32, String?, Int32)]) -> Table {
        var table = Table(name: "t", schema: schema)
        table.withColumns { columns in
            for (id, name, day) in rows {
                columns[0].append(id)
                columns[1].append(optionalString: name)
                columns[2].append(day)
            }
        }
        return table
    }

    @Test func appendingBatchesGrowsEveryColumn() throws {
        var table = Self.sample([(1, "a", 10)])
        try table.append(Self.sample([(2, nil, 11), (3, "c", 12)]))
        #expect(table.count == 3)
        #expect(table.row(1) == ["2", nil, "1970-01-12"])
    }

    @Test func appendingATableWithAnotherSchemaThrows() {
        var table = Self.sample([])
        let other = Table(name: "u", schema: Schema([Field("id", .int64)]))
        #expect(throws: ColumnarError.self) { try table.append(other) }
    }

    @Test func sortingIsStableAndPutsNullsFirst() throws {
        let table = Self.sample([(3, "b", 1), (1, nil, 2), (2, "b", 3), (4, "a", 4)])
        let sorted = try table.sorted(by: [SortKey("name"), SortKey("day", ascending: false)])
        #expect((0..<4).map { sorted["id"].int32(at: $0)! } == [1, 4, 2, 3])
    }

    @Test func sortingByAMissingColumnThrows() {
        #expect(throws: ColumnarError.unknownColumn("nope")) { try Self.sample([]).sorted(by: [SortKey("nope")]) }
    }

    @Test func filterKeepsSelectedRowsInOrder() {
        let table = Self.sample([(1, "a", 1), (2, "b", 2), (3, "c", 3), (4, nil, 4)])
        let selection = SelectionVector(count: table.count) { table["id"].int32(at: $0)! % 2 == 0 }
        let filtered = table.filter(selection)
        #expect(filtered.count == 2)
        #expect(filtered.row(1) == ["4", nil, "1970-01-05"])
    }

    @Test func randomSortsAgreeWithTheStandardLibrary() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        var rows = [(Int32, String?, Int32)]()
        for _ in 0..<500 {
            rows.append((Int32(truncatingIfNeeded: rng.next() % 50), rng.next() % 10 == 0 ? nil : "k\(rng.next() % 20)", 0))
        }
        let sorted = try Self.sample(rows).sorted(by: [SortKey("id"), SortKey("name")])
        let expected = rows.enumerated().sorted { a, b in
            if a.element.0 != b.element.0 { return a.element.0 < b.element.0 }
            switch (a.element.1, b.element.1) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) : a.offset < b.offset
            }
        }
        #expect((0..<500).map { sorted["id"].int32(at: $0)! } == expected.map { $0.element.0 })
        #expect((0..<500).map { sorted["name"].string(at: $0) } == expected.map { $0.element.1 })
    }

    @Test func memoryFootprintIsTheSumOfColumns() {
        let table = Self.sample((0..<100).map { (Int32($0), "name\($0)", Int32($0)) })
        #expect(table.memoryFootprint == table.columns.reduce(0) { $0 + $1.memoryFootprint })
        #expect(table.memoryFootprint > 100 * (4 + 8 + 4))
    }
}
