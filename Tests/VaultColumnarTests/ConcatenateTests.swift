import Testing
import VaultTestSupport
@testable import VaultColumnar

/// `Table(concatenating:)` and `AlignedBufferBuilder` give the same columns as appending row by row.
@Suite struct ConcatenateTests {
    @Test func concatenatingEqualsAppendingPartByPart() throws {
        // Parts of 0, 1, 63, 64, 65 and 130 rows with NULLs: every word alignment of the bitmaps.
        let sizes = [0, 1, 63, 64, 65, 130]
        var next: Int32 = 0
        let parts = sizes.map { n in
            TableTests.sample((0..<n).map { _ in
                next += 1
                return (next, next % 7 == 0 ? nil : "v\(next)", next % 5)
            })
        }
        var appended = parts[0]
        for part in parts.dropFirst() { try appended.append(part) }
        let joined = try Table(concatenating: parts)
        #expect(joined.count == appended.count)
        for i in 0..<joined.count { #expect(joined.row(i) == appended.row(i)) }
        for (a, b) in zip(joined.columns, appended.columns) {
            #expect(a.validity == b.validity)
            #expect(a.values == b.values)
            #expect(a.bytes == b.bytes)
        }
    }

    @Test func concatenatingOtherSchemasThrows() {
        let other = Table(name: "u", schema: Schema([Field("id", .int64)]))
        #expect(throws: ColumnarError.self) { try Table(concatenating: [TableTests.sample([]), other]) }
    }

    @Test func aBuilderHandsOverItsBytesWithZeroPadding() {
        var builder = AlignedBufferBuilder(capacity: 3)
        for i in 0..<100 { builder.append(Int64(i)) }
        let buffer = builder.finish()
        #expect(buffer.count == 800)
        #expect(buffer.load(fromByteOffset: 99 * 8, as: Int64.self) == 99)
        buffer.checkInvariants()
    }

    @Test func aBitmapFromNullRowsCountsThem() {
        let bitmap = ValidityBitmap(count: 130, nullRows: [0, 64, 129, 64])
        #expect(bitmap.count == 130 && bitmap.nullCount == 3)
        #expect(!bitmap.isValid(64) && bitmap.isValid(65) && !bitmap.isValid(129))
    }
}
