import Testing
import VaultTestSupport
@testable import VaultColumnar

@Suite struct ValidityBitmapTests {
    @Test func bitsFollowArrowLayoutLeastSignificantFirst() {
        var bitmap = ValidityBitmap()
        for valid in [true, false, true, true, false, false, false, true] { bitmap.append(valid) }
        #expect(bitmap.count == 8)
        #expect(bitmap.nullCount == 4)
        #expect(bitmap.words.count == 8)
        #expect(bitmap.words.load(fromByteOffset: 0, as: UInt64.self) == 0b1000_1101)
    }

    @Test func appendingRunsMatchesAppendingOneByOne() {
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        var fast = ValidityBitmap(), slow = ValidityBitmap()
        for _ in 0..<200 {
            let n = Int(rng.next() % 150)
            if rng.next() % 2 == 0 {
                fast.appendValid(n)
                for _ in 0..<n { slow.append(true) }
            } else {
                fast.appendNull(n)
                for _ in 0..<n { slow.append(false) }
            }
        }
        #expect(fast == slow)
        #expect(fast.nullCount == slow.nullCount)
    }

    @Test func concatenationKeepsEveryBit() {
        var rng = RepeatableRandomNumberGenerator(seed: 11)
        var a = ValidityBitmap(), b = ValidityBitmap(), expected = [Bool]()
        for _ in 0..<77 { let v = rng.next() % 3 != 0; a.append(v); expected.append(v) }
        for _ in 0..<130 { let v = rng.next() % 3 != 0; b.append(v); expected.append(v) }
        a.append(contentsOf: b)
        #expect((0..<a.count).map { a.isValid($0) } == expected)
        #expect(a.nullCount == expected.filter { !$0 }.count)
    }

    @Test func rebuildingFromWordsClearsBitsPastTheEnd() {
        var words = AlignedBuffer()
        words.append(value: UInt64.max)
        let bitmap = ValidityBitmap(words: words, count: 10)
        #expect(bitmap.nullCount == 0)
        #expect(bitmap.words.load(fromByteOffset: 0, as: UInt64.self) == 0x3FF)
    }

    @Test func settingARowUpdatesTheNullCount() {
        var bitmap = ValidityBitmap(allValid: 100)
        bitmap.set(64, valid: false)
        bitmap.set(64, valid: false)
        #expect(bitmap.nullCount == 1)
        #expect(!bitmap.isValid(64))
        bitmap.set(64, valid: true)
        #expect(bitmap.allValid)
    }
}

@Suite struct AlignedBufferTests {
    @Test func allocationsAreSixtyFourByteAlignedAndPadded() {
        var buffer = AlignedBuffer()
        for i in 0..<1000 { buffer.append(value: UInt8(truncatingIfNeeded: i)) }
        #expect(buffer.capacity % 64 == 0)
        buffer.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress!) % 64 == 0) }
        #expect(buffer.count == 1000)
    }

    @Test func copiesDoNotShareWrites() {
        var a = AlignedBuffer(zeroedCount: 16)
        let b = a
        a.store(UInt32(0xDEADBEEF), toByteOffset: 4)
        #expect(b.load(fromByteOffset: 4, as: UInt32.self) == 0)
        #expect(a.load(fromByteOffset: 4, as: UInt32.self) == 0xDEADBEEF)
    }

    @Test func shrinkingZeroesTheTailSoPaddingStaysClean() {
        var a = AlignedBuffer()
        for _ in 0..<100 { a.append(value: UInt8(0xFF)) }
        a.resize(to: 10)
        a.resize(to: 100)
        #expect(a.load(fromByteOffset: 50, as: UInt8.self) == 0)
        #expect(a.load(fromByteOffset: 5, as: UInt8.self) == 0xFF)
    }
}
