import Testing
@testable import VaultColumnar

/// Large buffers are page mappings grown in place; their bytes, padding and copy-on-write must
/// behave exactly as the C-allocator path does.
@Suite struct PageMemoryTests {
    /// A pattern byte for offset `i` (never zero, so a lost byte shows).
    static func byte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: i &* 131 &+ 7) | 1 }

    @Test func growingAcrossTheThresholdKeepsEveryByteAndZeroPadding() {
        var buffer = AlignedBuffer()
        let total = PageMemory.threshold * 5 + 12_345
        for i in 0..<total { buffer.append(value: Self.byte(i)) }
        #expect(buffer.count == total)
        #expect(buffer.capacity % PageMemory.pageSize == 0, "a large buffer is whole pages")
        buffer.withUnsafeBytes { bytes in
            #expect(bytes.indices.allSatisfy { bytes[$0] == Self.byte($0) })
        }
        // Everything past count is zero (the padding SIMD loops may read).
        buffer.appendZeros(buffer.capacity - buffer.count)
        buffer.withUnsafeBytes { bytes in
            #expect(bytes[total...].allSatisfy { $0 == 0 })
        }
    }

    @Test func aSharedMappedBufferIsCopiedBeforeItGrows() {
        var original = AlignedBuffer(zeroedCount: PageMemory.threshold)
        original.store(UInt8(42), toByteOffset: 0)
        var copy = original
        copy.appendZeros(PageMemory.threshold * 3)
        copy.store(UInt8(7), toByteOffset: 0)
        #expect(original.count == PageMemory.threshold)
        #expect(original.load(fromByteOffset: 0, as: UInt8.self) == 42)
        #expect(copy.load(fromByteOffset: 0, as: UInt8.self) == 7)
        #expect(copy.count == PageMemory.threshold * 4)
    }

    @Test func freshMappedBuffersAreZero() {
        let buffer = AlignedBuffer(zeroedCount: PageMemory.threshold * 2 + 1)
        buffer.withUnsafeBytes { bytes in #expect(bytes.allSatisfy { $0 == 0 }) }
        let filled = AlignedBuffer(unsafeUninitializedCount: PageMemory.threshold + 3) { raw in
            for i in raw.indices { raw[i] = Self.byte(i) }
        }
        filled.withUnsafeBytes { bytes in #expect(bytes.indices.allSatisfy { bytes[$0] == Self.byte($0) }) }
    }

    @Test func aReusedMappingIsZeroWhereAFreshOneWouldBe() {
        let size = PageMemory.threshold * 3
        for _ in 0..<4 {
            // Fill a mapping with non-zero bytes and free it: the next one of that size may reuse it.
            let dirty = AlignedBuffer(unsafeUninitializedCount: size) { raw in raw.initializeMemory(as: UInt8.self, repeating: 0xAB) }
            #expect(dirty.load(fromByteOffset: size - 1, as: UInt8.self) == 0xAB)
        }
        let zeroed = AlignedBuffer(zeroedCount: size)
        zeroed.withUnsafeBytes { bytes in #expect(bytes.allSatisfy { $0 == 0 }) }
        var grown = AlignedBuffer(capacity: size)
        grown.append(value: UInt8(1))
        grown.appendZeros(size - 1)
        grown.withUnsafeBytes { bytes in #expect(bytes.dropFirst().allSatisfy { $0 == 0 }) }
    }
}
