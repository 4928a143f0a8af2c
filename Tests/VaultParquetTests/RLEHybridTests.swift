// RLEHybridTests.swift: the RLE / bit-packing hybrid against the format's examples and round trips.

import Testing
import VaultTestSupport
@testable import VaultParquet

private func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
    var out: [UInt8] = []
    RLEHybrid.encode(count: values.count, bitWidth: bitWidth, into: &out) { values[$0] }
    return out
}

private func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
    try bytes.withUnsafeBytes { try RLEHybrid.decode($0, bitWidth: bitWidth, count: count).values }
}

@Suite("RLE / bit-packing hybrid")
struct RLEHybridTests {
    @Test func bitPackingMatchesTheEncodingsDocumentExample() {
        // Encodings.md: 0...7 at bit width 3 pack to 10001000 11000110 11111010; header (1 group << 1) | 1.
        #expect(encode(Array(0...7), bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func repeatedValuesBecomeOneRLERun() {
        // 100 ones at width 1: header 100 << 1 = 200 (varint C8 01), value in one byte.
        #expect(encode(Array(repeating: 1, count: 100), bitWidth: 1) == [0xC8, 0x01, 0x01])
        // Width 9 needs a 2-byte value; width 0 none.
        #expect(encode(Array(repeating: 300, count: 8), bitWidth: 9) == [0x10, 0x2C, 0x01])
        #expect(encode(Array(repeating: 0, count: 3), bitWidth: 0) == [0x06])
    }

    @Test func runsAndPackedGroupsAlternate() {
        // 8 distinct values (one packed group) then 20 fives (an RLE run).
        #expect(encode(Array(0...7) + Array(repeating: 5, count: 20), bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA, 0x28, 0x05])
        // A short tail of distinct values is padded to a whole group.
        #expect(encode([1, 0, 1], bitWidth: 1) == [0x03, 0x05])
    }

    @Test func seededSequencesRoundTrip() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        for bitWidth in [1, 2, 3, 5, 8, 12, 17, 24, 32] {
            let maximum = bitWidth == 32 ? UInt32.max : (UInt32(1) << UInt32(bitWidth)) - 1
            var values: [UInt32] = []
            while values.count < 3000 {
                let v = UInt32.random(in: 0...maximum, using: &rng)
                let run = Bool.random(using: &rng) ? Int.random(in: 1...40, using: &rng) : 1
                values.append(contentsOf: repeatElement(v, count: run))
            }
            let encoded = encode(values, bitWidth: bitWidth)
            #expect(try decode(encoded, bitWidth: bitWidth, count: values.count) == values, "bit width \(bitWidth)")
        }
    }

    @Test func truncatedDataIsAnError() {
        let encoded = encode(Array(0...15), bitWidth: 4)
        #expect(throws: ParquetError.self) { try decode(Array(encoded.dropLast()), bitWidth: 4, count: 16) }
        #expect(throws: ParquetError.self) { try decode([], bitWidth: 1, count: 1) }
    }

    @Test func bitWidthCoversTheMaximum() {
        #expect(RLEHybrid.bitWidth(forMaximum: 0) == 1)
        #expect(RLEHybrid.bitWidth(forMaximum: 1) == 1)
        #expect(RLEHybrid.bitWidth(forMaximum: 2) == 2)
        #expect(RLEHybrid.bitWidth(forMaximum: 255) == 8)
        #expect(RLEHybrid.bitWidth(forMaximum: 256) == 9)
    }
}
