import Foundation
import Testing
import VaultStudy

@Suite struct BirthdayBoundTests {
    /// The exact probability 1 − Π(1 − i/N), summed in log space: the reference the Poisson form approximates.
    static func exactProbability(keys n: Int, bits: Int) -> Double {
        let size = pow(2.0, Double(bits))
        var logSurvival = 0.0
        for i in 1..<n { logSurvival += log1p(-Double(i) / size) }
        return -expm1(logSurvival)
    }

    @Test func twoToThe32KeysIn64BitsCollideWithProbabilityPoint393() {
        let p = BirthdayBound.collisionProbability(keys: 0x1p32, bits: 64)
        // E = 2^32 (2^32 − 1) / 2^65 = 0.5 − 2^−33; p = 1 − e^−0.5 = 0.393469...
        #expect(abs(p - 0.39346934028736658) < 1e-9)
        #expect(abs(BirthdayBound.expectedCollidingPairs(keys: 0x1p32, bits: 64) - (0.5 - 0x1p-33)) < 1e-15)
    }

    @Test func aBillionKeysIn128BitsGiveOnePointFiveTimesTenToTheMinus21() {
        // (10^18 − 10^9) / 2 / 2^128 = 1.4693679370584914e-21 (in exact rationals); at that size
        // 1 − e^−E = E to all digits, while 1 − exp(−E) rounds to 0 in doubles.
        let p = BirthdayBound.collisionProbability(keys: 1e9, bits: 128)
        #expect(abs(p / 1.4693679370584914e-21 - 1) < 1e-12)
        #expect(1 - exp(-BirthdayBound.expectedCollidingPairs(keys: 1e9, bits: 128)) == 0)
    }

    @Test(arguments: [(300, 16), (2_000, 20), (70_000, 32)])
    func thePoissonFormMatchesTheExactProduct(keys: Int, bits: Int) {
        let approximate = BirthdayBound.collisionProbability(keys: Double(keys), bits: bits)
        let exact = Self.exactProbability(keys: keys, bits: bits)
        #expect(abs(approximate / exact - 1) < 0.01, "n=\(keys) b=\(bits): \(approximate) vs \(exact)")
    }

    @Test(arguments: [1e-9, 1e-6, 0.5])
    func keysForAProbabilityInvertTheBound(probability: Double) {
        for bits in [24, 32, 64, 128, 160, 256] {
            let n = BirthdayBound.keys(forProbability: probability, bits: bits)
            let back = BirthdayBound.collisionProbability(keys: n, bits: bits)
            #expect(abs(back / probability - 1) < 1e-6, "b=\(bits): n=\(n) gives \(back)")
        }
    }

    @Test func halfTheTimeNeedsAboutOnePointOneSevenTimesTheSquareRootOfTheSpace() {
        // n(50 %) = sqrt(2 ln 2 · 2^b) + 1/2 = 1.17741 · 2^(b/2)
        let n = BirthdayBound.keys(forProbability: 0.5, bits: 64)
        #expect(abs(n / (1.1774100225154747 * 0x1p32) - 1) < 1e-9)
        #expect(BirthdayBound.keys(forProbability: 0.5, bits: 256) > 4e38)
    }

    @Test func fewerThanTwoKeysNeverCollide() {
        #expect(BirthdayBound.collisionProbability(keys: 1, bits: 8) == 0)
        #expect(BirthdayBound.expectedCollidingPairs(keys: 0, bits: 8) == 0)
    }
}
