import Testing
import VaultTestSupport
@testable import VaultColumnar

@Suite struct ColumnTests {
    @Test func plainStringsUseOffsetsIntoOneByteBuffer() {
        var column = Column(.string)
        column.append(string: "abc")
        column.appendNull()
        column.append(string: "hello")
        column.append(string: "")
        #expect(column.count == 4)
        #expect(column.withUnsafeValues(as: Int64.self) { Array($0) } == [0, 3, 3, 8, 8])
        #expect(column.string(at: 0) == "abc")
        #expect(column.string(at: 1) == nil)
        #expect(column.string(at: 3) == "")
        #expect(column.nullCount == 1)
    }

    @Test func dictionaryColumnsStoreEachDistinctValueOnce() {
        var column = Column(.string, dictionaryEncoded: true)
        for value in ["RETAIL", "ONLINE", "RETAIL", "RETAIL", "OUTLET", "ONLINE"] { column.append(string: value) }
        #expect(column.dictionary?.count == 3)
        #expect(column.withUnsafeValues(as: Int32.self) { Array($0) } == [0, 1, 0, 0, 2, 1])
        #expect(column.string(at: 4) == "OUTLET")
    }

    @Test func dictionaryInterningSurvivesGrowth() {
        var dictionary = StringDictionary()
        let codes = (0..<5000).map { dictionary.intern("value-\($0)") }
        #expect(codes == (0..<5000).map { Int32($0) })
        #expect((0..<5000).allSatisfy { dictionary.intern("value-\($0)") == Int32($0) })
        #expect(dictionary.string(4321) == "value-4321")
    }

    @Test func gatherReordersEveryType() throws {
        let indices: [Int32] = [2, 0, 2, 1]
        var ints = Column(.int64)
        var keys = Column(.fixedBinary(width: 16))
        var texts = Column(.string)
        var codes = Column(.string, dictionaryEncoded: true)
        for i in 0..<3 {
            ints.append(Int64(i * 10))
            let bytes = [UInt8](repeating: UInt8(i), count: 16)
            bytes.withUnsafeBytes { keys.append(binary: $0) }
            if i == 1 { texts.appendNull() } else { texts.append(string: String(repeating: "x", count: i + 1)) }
            codes.append(string: ["A", "B", "A"][i])
        }
        #expect((0..<4).map { ints.gather(indices).int64(at: $0) } == [20, 0, 20, 10])
        #expect(keys.gather(indices).binary(at: 3) == [UInt8](repeating: 1, count: 16))
        #expect((0..<4).map { texts.gather(indices).string(at: $0) } == ["xxx", "x", "xxx", nil])
        #expect((0..<4).map { codes.gather(indices).string(at: $0) } == ["A", "A", "A", "B"])
    }

    @Test func appendingColumnsMergesDictionaries() throws {
        var a = Column(.string, dictionaryEncoded: true)
        var b = Column(.string, dictionaryEncoded: true)
        a.append(string: "X"); a.append(string: "Y")
        b.append(string: "Z"); b.append(string: "X"); b.appendNull()
        try a.append(contentsOf: b)
        #expect((0..<5).map { a.string(at: $0) } == ["X", "Y", "Z", "X", nil])
        #expect(a.dictionary?.count == 3)
    }

    @Test func appendingBatchesGivesTheSameBuffersAsBuildingAtOnce() throws {
        let values: [String?] = [nil, "B", "A", nil, "C", "A", nil]
        var whole = Column(.string, dictionaryEncoded: true)
        for v in values { whole.append(optionalString: v) }
        var first = Column(.string, dictionaryEncoded: true), second = Column(.string, dictionaryEncoded: true)
        for v in values.prefix(3) { first.append(optionalString: v) }
        for v in values.dropFirst(3) { second.append(optionalString: v) }
        try first.append(contentsOf: second)
        #expect(first == whole)
    }

    @Test func appendingPlainStringsShiftsOffsets() throws {
        var a = Column(.string), b = Column(.string)
        a.append(string: "ab")
        b.append(string: "cde"); b.append(string: "f")
        try a.append(contentsOf: b)
        #expect((0..<3).map { a.string(at: $0) } == ["ab", "cde", "f"])
    }

    @Test func assemblingFromBuffersRejectsInconsistentOffsets() {
        var offsets = AlignedBuffer()
        for o: Int64 in [0, 5, 3] { offsets.append(value: o) }
        var bytes = AlignedBuffer()
        for _ in 0..<3 { bytes.append(value: UInt8(65)) }
        #expect(throws: ColumnarError.self) {
            _ = try Column(type: .string, validity: ValidityBitmap(allValid: 2), values: offsets, bytes: bytes)
        }
    }

    @Test func appendingAColumnOfAnotherTypeThrows() {
        var a = Column(.int32)
        #expect(throws: ColumnarError.self) { try a.append(contentsOf: Column(.int64)) }
    }

    @Test func memoryFootprintCountsEveryAllocatedByte() {
        var column = Column(.int64)
        for i in 0..<1000 { column.append(Int64(i)) }
        #expect(column.memoryFootprint == column.values.capacity + column.validity.words.capacity)
        #expect(column.memoryFootprint >= 8000 + 125)
    }
}

@Suite struct ValueTextTests {
    @Test func textFormsFollowTheDocumentedDialect() {
        var out = [UInt8]()
        ValueText.appendDecimal(units: 10000, scale: 2, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "100.00")
        out = []; ValueText.appendDecimal(units: -5, scale: 2, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "-0.05")
        out = []; ValueText.appendDate(days: CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "2024-02-29")
        out = []; ValueText.appendTimestamp(microseconds: 1_700_000_000_123_456, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "2023-11-14 22:13:20.123")
        out = []; ValueText.appendTime(microseconds: (13 * 3600 + 5 * 60 + 9) * 1_000_000, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "13:05:09")
        out = []; ValueText.appendInteger(Int64.min, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "-9223372036854775808")
    }

    @Test func integersAndDecimalsMatchSwiftsOwnDecimalText() {
        var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1_000, .max, .min, .max - 1, .min + 1]
        for k in 1...18 {
            let p = (0..<k).reduce(Int64(1)) { a, _ in a * 10 }
            values += [p - 1, p, p + 1, -p, -(p - 1)]
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(bitPattern: seed) >> Int64(seed % 60))
        }
        for value in values {
            var out = [UInt8]()
            ValueText.appendInteger(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
            out = []
            ValueText.appendDecimal(units: value, scale: 2, to: &out)
            let sign = value < 0 ? "-" : "", magnitude = value.magnitude
            let fraction = String(magnitude % 100)
            let expected = sign + String(magnitude / 100) + "." + String(repeating: "0", count: 2 - fraction.count) + fraction
            #expect(String(decoding: out, as: UTF8.self) == expected)
        }
    }

    @Test func extremeValuesStayWithinTheirTypesMaximumTextLength() {
        func longest(_ type: ColumnType, _ fill: (inout Column) -> Void) -> Int {
            var column = Column(type)
            fill(&column)
            return column.withReader { reader in
                withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { scratch in
                    (0..<reader.count).map { ValueText.write(reader, row: $0, to: scratch.baseAddress!) }.max() ?? 0
                }
            }
        }
        let int64s: [Int64] = [.min, .max, 0, -1]
        let int32s: [Int32] = [.min, .max, 0]
        #expect(longest(.int32) { c in int32s.forEach { c.append($0) } } <= ValueText.maximumTextLength(of: .int32))
        #expect(longest(.int64) { c in int64s.forEach { c.append($0) } } == ValueText.maximumTextLength(of: .int64))
        for scale in [0, 2, 9, 18] {
            let type = ColumnType.decimal(precision: 18, scale: scale)
            #expect(longest(type) { c in int64s.forEach { c.append($0) } } <= ValueText.maximumTextLength(of: type))
        }
        #expect(longest(.date) { c in int32s.forEach { c.append($0) } } <= ValueText.maximumTextLength(of: .date))
        #expect(longest(.time) { c in int64s.forEach { c.append($0) } } <= ValueText.maximumTextLength(of: .time))
        #expect(longest(.timestamp) { c in int64s.forEach { c.append($0) } } <= ValueText.maximumTextLength(of: .timestamp))
        #expect(longest(.bool) { c in c.append(bool: false); c.append(bool: true) } == ValueText.maximumTextLength(of: .bool))
    }

    @Test func civilDatesRoundTripAcrossCenturies() {
        for days in stride(from: -800_000, through: 800_000, by: 97) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate.weekday(daysSinceEpoch: CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch) == 0)
        #expect(CivilDate(iso: "2023-02-29") == nil)
    }

    @Test func columnTypesRoundTripThroughTheirNames() {
        let types: [ColumnType] = [.int32, .int64, .double, .decimal(precision: 10, scale: 2), .date, .time,
                                   .timestamp, .bool, .string, .fixedBinary(width: 20)]
        for type in types { #expect(ColumnType(parsing: type.description) == type) }
        #expect(ColumnType(parsing: "decimal(99,2)") == nil)
    }
}
