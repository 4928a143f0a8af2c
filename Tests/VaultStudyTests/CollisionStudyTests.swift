import Testing
import VaultHashing
import VaultStudy

@Suite struct CollisionStudyTests {
    static let configuration = CollisionStudy.Configuration(sample: 600_000, kind: .transaction, seed: 2024,
                                                            algorithms: [.md5, .xxh3], widths: [24, 32, 40], threads: 2)

    @Test func measuredCollisionsAt32BitsLieWithinFiveSigmaOfTheBound() {
        let result = CollisionStudy.run(Self.configuration)
        #expect(result.keys == 600_000)
        #expect(result.duplicatesRemoved == 0)
        for measurement in result.measurements where measurement.count.bits == 32 {
            // E = 600,000 · 599,999 / 2^33 = 41.9 pairs, sigma 6.5: the band is [9.6, 74.3].
            let band = (measurement.expectedPairs - 5 * measurement.standardDeviation)...(measurement.expectedPairs + 5 * measurement.standardDeviation)
            #expect(band.contains(Double(measurement.count.collidingPairs)), "\(measurement.algorithm): \(measurement.count.collidingPairs)")
            #expect(abs(measurement.expectedPairs - 41.909) < 0.01)
        }
        // At 24 bits about 10,700 pairs are expected; the ratio is then within a few percent.
        for measurement in result.measurements where measurement.count.bits == 24 {
            #expect(abs(measurement.ratio! - 1) < 0.05, "\(measurement.algorithm): ratio \(measurement.ratio!)")
        }
    }

    @Test func theSameSeedGivesTheSameCountsOnAnyThreadCount() {
        var small = Self.configuration
        small.sample = 100_000
        small.widths = [24]
        let one = CollisionStudy.run({ var c = small; c.threads = 1; return c }())
        let three = CollisionStudy.run({ var c = small; c.threads = 3; return c }())
        #expect(one.measurements == three.measurements)
        let otherSeed = CollisionStudy.run({ var c = small; c.seed = 7; return c }())
        #expect(otherSeed.measurements != one.measurements)
    }
}
