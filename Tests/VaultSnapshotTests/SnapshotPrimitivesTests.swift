// SnapshotPrimitivesTests.swift: known answers for the zstd wrapper and the encodings.

import Testing
@testable import VaultSnapshot

@Suite struct SnapshotPrimitivesTests {
    @Test func zstdRoundTripsAndDeclaresTheContentSize() throws {
        let source = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 / 10) }
        var frame = [UInt8](repeating: 0, count: Zstd.compressBound(source.count))
        let size = try source.withUnsafeBytes { s in try frame.withUnsafeMutableBytes { try Zstd.Compressor().compress(s, into: $0, level: 3) } }
        frame.removeLast(frame.count - size)
        #expect(size < 2_000)
        #expect(frame.withUnsafeBytes { Zstd.frameContentSize($0) } == 10_000)
        #expect(frame.withUnsafeBytes { Zstd.frameCompressedSize($0) } == size)
        var out = [UInt8](repeating: 0, count: 10_000)
        try frame.withUnsafeBytes { f in try out.withUnsafeMutableBytes { try Zstd.Decompressor().decompress(f, into: $0) } }
        #expect(out == source)
        var short = [UInt8](repeating: 0, count: 9_999)
        #expect(throws: ZstdError.self) {
            try frame.withUnsafeBytes { f in try short.withUnsafeMutableBytes { try Zstd.Decompressor().decompress(f, into: $0) } }
        }
        #expect([UInt8](repeating: 7, count: 3).withUnsafeBytes { Zstd.frameContentSize($0) } == nil)
    }

    @Test func deltasWrapAndPrefixSumsUndoThem() {
        let values: [Int32] = [5, 7, 7, Int32.max, Int32.min, -3, 0]
        var deltas: [UInt8] = []
        values.withUnsafeBytes { ChunkEncoder.appendDeltas($0, as: Int32.self, to: &deltas) }
        let asInts = deltas.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
        #expect(asInts == [5, 2, 0, Int32.max - 7, 1, Int32.max - 2, 3])
        deltas.withUnsafeMutableBytes { ChunkDecoder.prefixSum($0, from: 0, count: values.count, as: Int32.self) }
        #expect(deltas.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) } == values)
    }

    @Test func narrowIntegersStoreByteplanesOfTheDistanceFromTheMinimum() {
        let values: [Int64] = [-2, 0x1_02_03 - 2, 5, -2]
        let plan = values.withUnsafeBytes { NarrowIntegers.plan($0, as: Int64.self) }
        #expect(plan?.width == 3 && plan?.base == -2)
        var out: [UInt8] = []
        values.withUnsafeBytes { NarrowIntegers.append($0, as: Int64.self, width: 3, base: -2, to: &out) }
        let header: [UInt8] = [3, 0, 0, 0, 0, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        // Distances 0, 0x010203, 7, 0: low bytes, then middle bytes, then high bytes.
        #expect(out == header + [0, 0x03, 7, 0] + [0, 0x02, 0, 0] + [0, 0x01, 0, 0])
        let parsed = out.withUnsafeBytes { NarrowIntegers.header($0, at: 0, count: 4, typeWidth: 8) }
        #expect(parsed?.width == 3 && parsed?.base == -2)
        var back = [Int64](repeating: 9, count: 4)
        out.withUnsafeBytes { p in
            back.withUnsafeMutableBytes {
                NarrowIntegers.widen(UnsafeRawBufferPointer(rebasing: p[16...]), width: 3, base: -2, count: 4,
                                     as: Int64.self, into: $0.baseAddress!)
            }
        }
        #expect(back == values)
        #expect(out.withUnsafeBytes { NarrowIntegers.header($0, at: 0, count: 5, typeWidth: 8) } == nil, "length must match")
        #expect(out.withUnsafeBytes { NarrowIntegers.header($0, at: 0, count: 4, typeWidth: 3) } == nil, "width below the type's")
    }

    @Test func narrowingNeedsARangeBelowTheTypeWidth() {
        let same: [Int32] = [7, 7, 7]
        #expect(same.withUnsafeBytes { NarrowIntegers.plan($0, as: Int32.self) }.map { [$0.width, Int($0.base)] } == [0, 7])
        let wide: [Int32] = [Int32.min, Int32.max]
        #expect(wide.withUnsafeBytes { NarrowIntegers.plan($0, as: Int32.self) } == nil)
        let wrapping: [Int32] = [Int32.max, Int32.max - 255]
        #expect(wrapping.withUnsafeBytes { NarrowIntegers.plan($0, as: Int32.self) }?.width == 1)
        var out: [UInt8] = []
        same.withUnsafeBytes { NarrowIntegers.append($0, as: Int32.self, width: 0, base: 7, to: &out) }
        #expect(out.count == NarrowIntegers.headerSize)
        var back = [Int32](repeating: 0, count: 3)
        back.withUnsafeMutableBytes {
            NarrowIntegers.widen(UnsafeRawBufferPointer(start: nil, count: 0), width: 0, base: 7, count: 3, as: Int32.self,
                                 into: $0.baseAddress!)
        }
        #expect(back == same)
    }

    @Test func dictionaryCodesUseOneTwoOrFourBytes() {
        #expect([1, 256, 257, 65_536, 65_537].map { NarrowIntegers.codeWidth(entries: $0) } == [1, 1, 2, 2, 4])
        let codes: [Int32] = [0, 300, 65_535]
        var out: [UInt8] = []
        codes.withUnsafeBufferPointer { NarrowIntegers.appendCodes($0, entries: 65_536, to: &out) }
        #expect(out == [0, 0, 0x2C, 0x01, 0xFF, 0xFF])
        #expect(out.withUnsafeBytes { p in (0..<3).map { NarrowIntegers.code(p, at: 0, width: 2, $0) } } == [0, 300, 65_535])
    }
}
