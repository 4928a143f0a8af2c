import Testing
import VaultChecksum

@Suite struct XXHashTests {
    /// xxHash's reference values for XXH64 (seed 0), as printed by `xxhsum -H1`.
    @Test func xxh64MatchesTheReferenceValues() {
        #expect(XXH64.hash(UnsafeRawBufferPointer(start: nil, count: 0)) == 0xEF46_DB37_51D8_E999)
        #expect(Array("a".utf8).withUnsafeBytes { XXH64.hash($0) } == 0xD24E_C4F1_A98C_6E5B)
        #expect(Array("abc".utf8).withUnsafeBytes { XXH64.hash($0) } == 0x44BC_2CF5_AD77_0999)
    }

    @Test func hexFormIsSixteenLowercaseDigits() {
        #expect(XXH64.hex(0xAB) == "00000000000000ab")
        #expect(XXH64.parseHex("ef46db3751d8e999") == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.parseHex("EF46DB3751D8E999") == nil)
        #expect(XXH64.parseHex("+f46db3751d8e99") == nil)
    }

    @Test func streamingEqualsOneCallForEverySplit() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let whole = bytes.withUnsafeBytes { XXH64.hash($0, seed: 9) }
        for split in [0, 1, 31, 32, 33, 100, 299, 300] {
            var state = XXH64(seed: 9)
            bytes.withUnsafeBytes {
                state.update(UnsafeRawBufferPointer(rebasing: $0[..<split]))
                state.update(UnsafeRawBufferPointer(rebasing: $0[split...]))
            }
            #expect(state.finalize() == whole, "split at \(split)")
        }
    }

    @Test func xxh3ReferenceMatchesXXH128Sum() {
        let message = Array("abc".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        let offsets: [Int64] = [0, 3]
        message.withUnsafeBytes { m in offsets.withUnsafeBufferPointer { o in out.withUnsafeMutableBytes {
            XXH3Reference.hash(bytes: m.baseAddress, offsets: o.baseAddress!, count: 1, out: $0.baseAddress!)
        } } }
        let expected: [UInt8] = [0x06, 0xb0, 0x5a, 0xb6, 0x73, 0x3a, 0x61, 0x85, 0x78, 0xaf, 0x5f, 0x94, 0x89, 0x2f, 0x39, 0x50]
        #expect(out == expected)
    }
}
