import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
@testable import VaultModel

/// The tagged key index, its partitions and the batch candidates they probe.
@Suite struct KeyIndexTests {
    /// A binary key column of `count` distinct 16-byte keys (row `i` holds key `i`).
    static func keys(_ count: Int) -> Column {
        var column = Column(.fixedBinary(width: 16))
        for i in 0..<count {
            withUnsafeBytes(of: (UInt64(i) &* 0x9E37_79B9_7F4A_7C15, UInt64(i))) { column.append(binary: $0) }
        }
        return column
    }

    @Test func growingKeepsEveryKeyFindable() {
        let column = Self.keys(50_000)
        column.withFixedKeys { keys in
            var index = KeyIndex(capacity: 0, minimumSlots: 2)
            for row in 0..<keys.count { index.insert(row: Int32(row), keys: keys) }
            #expect(index.count == keys.count)
            #expect(index.memoryFootprint >= keys.count * 8 * 4 / 3)
            for row in 0..<keys.count {
                let slot = index.probe(keys.key(row), hash: keys.hash(row), in: keys)
                #expect(slot >= 0 && index.row(atSlot: slot) == Int32(row))
            }
            // An absent key: a free slot, encoded as a negative number.
            var absent = (UInt64.max, UInt64.max)
            withUnsafeBytes(of: &absent) { raw in
                #expect(index.probe(raw.baseAddress!, hash: KeyHash.hash(raw.baseAddress!, 16), in: keys) < 0)
            }
        }
    }

    @Test func slotsGrowByHalfAndOnePartitionsKeysSpreadOverThemAll() {
        // Keys of one partition share the top bits of their hash; their home slots must still
        // cover the whole table, and growing must add half the slots, not double them.
        var index = KeyIndex(capacity: 0, minimumSlots: 16)
        var hashes = [UInt64]()
        var state: UInt64 = 7
        while hashes.count < 20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if PartitionedKeyIndex.partition(state) == 5 { hashes.append(state) }
        }
        var sizes = [Int]()
        for (row, hash) in hashes.enumerated() {
            index.insert(row: Int32(row), hash: hash)
            if sizes.last != index.slots.count { sizes.append(index.slots.count) }
        }
        for (a, b) in zip(sizes, sizes.dropFirst()) { #expect(b == a + a / 2) }
        #expect(index.slots.count * 3 >= hashes.count * 4 && index.slots.count * 3 < hashes.count * 4 * 3 / 2 + 3)
        let size = index.slots.count
        var quarters = [Int](repeating: 0, count: 4)
        for slot in 0..<size where index.slots[slot] != KeyIndex.empty { quarters[slot * 4 / size] += 1 }
        #expect(quarters.allSatisfy { $0 > hashes.count / 6 })
    }

    @Test func equalTagsStillCompareKeys() {
        // Every key hashed to one value: tags all agree, so only the key bytes tell them apart.
        let column = Self.keys(100)
        column.withFixedKeys { keys in
            var index = KeyIndex(capacity: 100)
            for row in 0..<keys.count { index.insert(row: Int32(row), hash: 42) }
            for row in 0..<keys.count { #expect(index.row(atSlot: index.probe(keys.key(row), hash: 42, in: keys)) == Int32(row)) }
        }
    }

    @Test func partitionsHoldEachKeyOnceAndUpsertPointsAtLaterRows() {
        let column = Self.keys(10_000)
        var index = PartitionedKeyIndex(capacity: 0)
        column.withFixedKeys { keys in
            for row in 0..<keys.count { index.upsert(row: Int32(row), keys: keys) }
            #expect(index.count == keys.count)
            #expect(index.parts.allSatisfy { $0.count > 0 })
            for row in stride(from: 0, to: keys.count, by: 97) {
                #expect(index.row(of: keys.key(row), hash: keys.hash(row), in: keys) == Int32(row))
            }
        }
        // Rows 10000..<10010 repeat the first ten keys: the entries move to the later rows.
        var repeated = column
        try! repeated.append(contentsOf: Self.keys(10))
        repeated.withFixedKeys { keys in
            for row in 10_000..<10_010 { index.upsert(row: Int32(row), keys: keys) }
            #expect(index.count == 10_000)
            #expect(index.row(of: keys.key(3), hash: keys.hash(3), in: keys) == 10_003)
        }
    }

    @Test func candidatesNumberRowsAcrossSourcesAndSkipNullHexKeys() {
        var hex = Column(.string)
        for text in ["AAAA", nil, "BBBB", "AAAA"] { hex.append(optionalString: text) }
        var other = Column(.string)
        for text in ["CCCC", "BBBB"] { other.append(string: text) }
        CandidateKeys.with([hex, other], rows: [[0, 2, 3], [0, 1]], threads: 2) { candidates in
            #expect(candidates.count == 5 && candidates.width == 4)
            var seen = [Int: String]()
            #expect(candidates.placed + candidates.repeatCount == 5)
            for k in 0..<candidates.placed {
                seen[candidates.candidate(k)] = String(decoding: UnsafeRawBufferPointer(start: candidates.key(k), count: 4), as: UTF8.self)
                #expect(candidates.hash(k) == KeyHash.hash(candidates.key(k), 4))
            }
            for c in 0..<5 where candidates.repeats[c] >= 0 { seen[c] = seen[Int(candidates.repeats[c])] }
            #expect(seen == [0: "AAAA", 1: "BBBB", 2: "AAAA", 3: "CCCC", 4: "BBBB"])
            // Within a partition the candidates keep their order.
            for p in 0..<PartitionedKeyIndex.partitionCount {
                let numbers = (candidates.starts[p]..<candidates.starts[p + 1]).map(candidates.candidate)
                #expect(numbers == numbers.sorted())
            }
        }
    }

    @Test func repeatFilterFindsOnlyTrueRepeatsOfKeptCandidates() {
        // 30,000 rows over 5,000 keys: more keys than cache slots, so some repeats are missed.
        let ids = (0..<30_000).map { ($0 &* 7_919) % 5_000 }
        let column = Self.keys(5_000).gather(ids.map { Int32($0) })
        CandidateKeys.with([column], rows: [Array(0..<Int32(ids.count))], threads: 2) { candidates in
            #expect(candidates.repeatCount > 0 && candidates.placed + candidates.repeatCount == ids.count)
            var found = 0
            for c in 0..<ids.count where candidates.repeats[c] >= 0 {
                let earlier = Int(candidates.repeats[c])
                #expect(earlier < c && ids[earlier] == ids[c] && candidates.repeats[earlier] == -1)
                found += 1
            }
            #expect(found == candidates.repeatCount)
        }
        // The loader's deduplication still finds every first occurrence.
        var firsts = Set<Int>(), expected = [Int32]()
        for (row, id) in ids.enumerated() where firsts.insert(id).inserted { expected.append(Int32(row)) }
        #expect(Deduplicator.firstOccurrences(column, threads: 2) == expected)
    }

    @Test func firstOccurrencesMatchAPlainScan() {
        // 20,000 rows cycling through 7,000 keys, out of order: the first row of each key, ascending.
        var column = Column(.fixedBinary(width: 16))
        var expected = [Int32](), seen = Set<Int>()
        for row in 0..<20_000 {
            let key = (row * 7_919) % 7_000
            withUnsafeBytes(of: (UInt64(key), UInt64(key) &* 31)) { column.append(binary: $0) }
            if seen.insert(key).inserted { expected.append(Int32(row)) }
        }
        #expect(Deduplicator.firstOccurrences(column, threads: 1) == expected)
        #expect(Deduplicator.firstOccurrences(column, threads: 2) == expected)
    }

    @Test func largeGeneratedBatchesLoadTheSameOnOneAndTwoThreads() throws {
        // Scale 4: batches of about 5,000 sales lines (over 4,096), so the partitions run in parallel.
        let generator = RetailGenerator(options: GeneratorOptions(scale: 4, days: 2, seed: 3))
        let one = Vault(strategy: HashStrategy(), threads: 1), two = Vault(strategy: HashStrategy(), threads: 2)
        for vault in [one, two] { try VaultSnapshotRoundTripTests.load(vault, batches: 0..<3, generator: generator) }
        #expect(one.tables == two.tables)
        #expect(one.satellites.map(\.previousVersions) == two.satellites.map(\.previousVersions))
    }
}
