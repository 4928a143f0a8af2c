import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultStudy
import VaultTestSupport

@Suite struct CollisionCountTests {
    /// Colliding pairs by comparing every pair: the independent reference.
    static func bruteForcePairs(_ prefixes: [UInt64], bits: Int) -> Int {
        let truncated = prefixes.map { $0 >> UInt64(64 - bits) }
        var pairs = 0
        for i in truncated.indices { for j in (i + 1)..<truncated.count where truncated[i] == truncated[j] { pairs += 1 } }
        return pairs
    }

    @Test func sortingByLeadingBitsSortsEveryNarrowerPrefix() {
        var random = RepeatableRandomNumberGenerator(seed: 7)
        let prefixes = (0..<10_000).map { _ in random.next() }
        for bits in [1, 16, 17, 40, 64] {
            #expect(PrefixSort.leadingBits(prefixes, bits: bits) == prefixes.map { $0 >> UInt64(64 - bits) }.sorted())
        }
    }

    @Test func countedPairsEqualABruteForceCountAtTinyWidths() {
        var random = RepeatableRandomNumberGenerator(seed: 11)
        let prefixes = (0..<2_000).map { _ in random.next() }
        let widths = [8, 12, 16, 20]
        let counts = CollisionCount.count(sortedLeadingBits: PrefixSort.leadingBits(prefixes, bits: 20), sortedBits: 20, widths: widths)
        for count in counts {
            #expect(count.collidingPairs == Self.bruteForcePairs(prefixes, bits: count.bits), "at \(count.bits) bits")
            #expect(count.keys == 2_000)
        }
        #expect(counts[0].collidingPairs > 1_000)  // 8 bits: about 2000²/2/256 = 7,800 pairs
    }

    @Test func groupsOfThreeCountThreePairs() {
        let prefixes: [UInt64] = [5 << 48, 5 << 48, 5 << 48, 7 << 48, 9 << 48, 9 << 48]
        let count = CollisionCount.count(sortedLeadingBits: PrefixSort.leadingBits(prefixes, bits: 16), sortedBits: 16, widths: [16])[0]
        #expect(count.collidingPairs == 4)
        #expect(count.keysInCollisions == 5)
        #expect(count.largestGroup == 3)
    }

    @Test func realDigestCollisionsAt16BitsEqualABruteForceCount() {
        var keys = DistinctKeys(profile: .automatedv)
        keys.insert(BusinessKeyStream(kind: .customer, seed: 3).keys(0..<1_500))
        let prefixes = DigestPrefixes.compute(keys, algorithm: .sha1)
        let count = CollisionCount.count(sortedLeadingBits: PrefixSort.leadingBits(prefixes, bits: 16), sortedBits: 16, widths: [16])[0]
        #expect(count.collidingPairs == Self.bruteForcePairs(prefixes, bits: 16))
        #expect(count.collidingPairs > 0)  // about 17 expected
    }
}
