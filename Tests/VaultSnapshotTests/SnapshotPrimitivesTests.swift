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
}
