import Testing
import VaultTestSupport
@testable import VaultColumnar

/// `append(gathering:from:)` gives the same buffers as appending a gathered column.
@Suite struct AppendGatheredTests {
    /// A column of every kind the vault stores, with NULLs every 7th row.
    static func sources(rows: Int) -> [Column] {
        var int32 = Column(.int32), int64 = Column(.int64), key = Column(.fixedBinary(width: 16))
        var text = Column(.string), coded = Column(.string, dictionaryEncoded: true), odd = Column(.fixedBinary(width: 5))
        for i in 0..<rows {
            if i % 7 == 3 {
                int32.appendNull(); int64.appendNull(); text.appendNull(); coded.appendNull()
            } else {
                int32.append(Int32(i)); int64.append(Int64(i) * 1_000_003); text.append(string: "row \(i)")
                coded.append(string: ["RETAIL", "ONLINE", "OUTLET"][i % 3])
            }
            let bytes = (0..<16).map { UInt8(truncatingIfNeeded: i * 31 + $0) }
            bytes.withUnsafeBytes { key.append(binary: $0) }
            bytes.prefix(5).withUnsafeBytes { odd.append(binary: UnsafeRawBufferPointer($0)) }
        }
        return [int32, int64, key, text, coded, odd]
    }

    static func expectSameBuffers(_ a: Column, _ b: Column) {
        #expect(a.validity == b.validity)
        #expect(a.values == b.values)
        #expect(a.bytes == b.bytes)
        #expect(a.dictionary == b.dictionary)
    }

    @Test(arguments: [0, 1, 63, 64, 65, 200])
    func equalsAppendingAGatheredColumn(existingRows: Int) throws {
        let sources = Self.sources(rows: 300)
        let indices: [Int32] = [299, 0, 3, 3, 150, 64, 63, 10, 17, 17, 298]
        for source in sources {
            // The target already holds rows, with its own dictionary (a different code order).
            var expected = Column(source.type, dictionaryEncoded: source.isDictionaryEncoded)
            if source.isDictionaryEncoded { _ = expected.intern("OUTLET") }
            try expected.append(contentsOf: source.gather(Array(0..<Int32(existingRows))))
            var actual = expected
            try expected.append(contentsOf: source.gather(indices))
            try indices.withUnsafeBufferPointer { try actual.append(gathering: $0, from: source) }
            Self.expectSameBuffers(actual, expected)
            for i in 0..<actual.count { #expect(actual.text(at: i) == expected.text(at: i)) }
        }
    }

    @Test func equalDictionariesCopyCodesAndPlainTargetsTakeDictionaryText() throws {
        let coded = Self.sources(rows: 20)[4]
        var same = coded  // equal dictionary: codes copied as they are
        var expected = coded
        let indices: [Int32] = [5, 3, 19]
        try expected.append(contentsOf: coded.gather(indices))
        try indices.withUnsafeBufferPointer { try same.append(gathering: $0, from: coded) }
        Self.expectSameBuffers(same, expected)

        var plain = Column(.string), plainExpected = Column(.string)
        try plainExpected.append(contentsOf: coded.gather(indices))
        try indices.withUnsafeBufferPointer { try plain.append(gathering: $0, from: coded) }
        Self.expectSameBuffers(plain, plainExpected)
        #expect(plain.text(at: 1) == nil)
    }

    @Test func otherTypesAreRefused() {
        var target = Column(.int64)
        let source = Column(.int32)
        #expect(throws: ColumnarError.self) { try [Int32]().withUnsafeBufferPointer { try target.append(gathering: $0, from: source) } }
    }

    @Test func repeatingAppendsOneValueManyTimes() {
        var dates = Column(.timestamp)
        dates.append(Int64(1))
        dates.append(repeating: Int64(86_400_000_000), count: 70)
        #expect(dates.count == 71 && dates.nullCount == 0)
        #expect(dates.value(at: 70, as: Int64.self) == 86_400_000_000)
        #expect(dates.value(at: 0, as: Int64.self) == 1)
    }
}
