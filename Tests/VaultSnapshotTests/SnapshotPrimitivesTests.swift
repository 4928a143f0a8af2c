// SnapshotPrimitivesTests.swift: known answers for the C wrappers and the encodings.

import Testing
@testable import VaultSnapshot

@Suite struct SnapshotPrimitivesTests {
    @Test func xxh64MatchesTheReferenceVectors() {
        // From the xxHash reference implementation (xxhsum).
        #expect(XXH64.hash(UnsafeRawBufferPointer(start: nil, count: 0)) == 0xEF46_DB37_51D8_E999)
        let abc = Array("abc".utf8)
        #expect(abc.withUnsafeBytes { XXH64.hash($0) } == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hex(0xEF46_DB37_51D8_E999) == "ef46db3751d8e999")
        #expect(XXH64.parseHex("ef46db3751d8e999") == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.parseHex("EF46DB3751D8E999") == nil)
        #expect(XXH64.parseHex("+f46db3751d8e99") == nil)
    }

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
}
