import VaultChecksum
import Testing
import VaultColumnar
import VaultTestSupport
@testable import VaultHashing

/// Hex of `bytes`, lowercase.
func hex(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    bytes.withUnsafeBytes { ValueText.appendHex($0, uppercase: false, to: &out) }
    return String(decoding: out, as: UTF8.self)
}

/// Digests of `messages` with one batch call of `implementation` (nil = xxh3).
func batchDigests(_ algorithm: HashAlgorithm, _ messages: [[UInt8]], implementation: HashKernels.Implementation = .auto) -> [[UInt8]]? {
    var bytes = [UInt8](), offsets: [Int64] = [0]
    for m in messages { bytes += m; offsets.append(Int64(bytes.count)) }
    let width = algorithm.digestLength
    var out = [UInt8](repeating: 0, count: messages.count * width)
    let ok = bytes.withUnsafeBytes { b in
        offsets.withUnsafeBufferPointer { o in
            out.withUnsafeMutableBytes { target -> Bool in
                if algorithm == .xxh3 {
                    if implementation == .scalar {
                        XXH3Reference.hash(bytes: b.baseAddress, offsets: o.baseAddress!, count: messages.count, out: target.baseAddress!)
                    } else {
                        HashKernels.xxh3(bytes: b.baseAddress, offsets: o.baseAddress!, count: messages.count, out: target.baseAddress!)
                    }
                    return true
                }
                return HashKernels.hash(algorithm, implementation: implementation, bytes: b.baseAddress,
                                        offsets: o.baseAddress!, count: messages.count, out: target.baseAddress!)
            }
        }
    }
    guard ok else { return nil }
    return (0..<messages.count).map { Array(out[$0 * width..<($0 + 1) * width]) }
}

@Suite struct HashKnownAnswerTests {
    /// RFC 1321, appendix A.5.
    static let md5Vectors: [(String, String)] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ]
    /// FIPS 180-2 appendix A / NIST examples.
    static let sha1Vectors: [(String, String)] = [
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ]
    static let sha256Vectors: [(String, String)] = [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ]
    /// xxHash's XXH3-128 (seed 0), canonical form as printed by `xxh128sum`.
    static let xxh3Vectors: [(String, String)] = [
        ("", "99aa06d3014798d86001c324468d497f"),
        ("abc", "06b05ab6733a618578af5f94892f3950"),
        ("C001", "3d844d58863aada304fd47e3eb678db3"),
        (String(repeating: "a", count: 1000), "b01da365eddaa29cb3e7af627147db7c"),
    ]

    static func check(_ algorithm: HashAlgorithm, _ vectors: [(String, String)]) {
        let messages = vectors.map { Array($0.0.utf8) }
        let impls: [HashKernels.Implementation] = algorithm == .xxh3 ? [.auto, .scalar] : HashKernels.Implementation.allCases
        for implementation in impls {
            guard let digests = batchDigests(algorithm, messages, implementation: implementation) else {
                #expect(!HashKernels.isAvailable(implementation, for: algorithm), "\(implementation) refused although available")
                continue
            }
            for (digest, vector) in zip(digests, vectors) {
                #expect(hex(digest) == vector.1, "\(algorithm) \(implementation) of \"\(vector.0.prefix(20))\"")
            }
        }
    }

    @Test func md5MatchesRFC1321() { Self.check(.md5, Self.md5Vectors) }
    @Test func sha1MatchesFIPS180() { Self.check(.sha1, Self.sha1Vectors) }
    @Test func sha256MatchesFIPS180() { Self.check(.sha256, Self.sha256Vectors) }
    @Test func xxh3MatchesXXHashReference() { Self.check(.xxh3, Self.xxh3Vectors) }

    @Test func oneMillionAsHashToTheFIPSValue() {
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(hex(batchDigests(.sha1, [million])![0]) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(hex(batchDigests(.sha256, [million])![0]) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(hex(batchDigests(.md5, [million])![0]) == "7707d6ae4e027c70eea2a935c2296f21")
    }

    @Test func openSSLReferenceAgreesWithTheVectors() {
        #expect(hex(OpenSSLDigest.digest(.md5, of: Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(hex(OpenSSLDigest.digest(.sha256, of: Array("abc".utf8))) == Self.sha256Vectors[0].1)
    }
}

@Suite struct KernelEquivalenceTests {
    /// Random messages of length 0...300 in mixed-length batches: every kernel equals OpenSSL.
    /// (Debug builds compile the C kernels without optimisation, so this runs a modest count here;
    /// `scripts/check-kernels` runs millions through the release build.)
    @Test(arguments: [HashAlgorithm.md5, .sha1, .sha256])
    func everyKernelEqualsOpenSSLOnRandomMixedLengthMessages(algorithm: HashAlgorithm) {
        var rng = RepeatableRandomNumberGenerator(seed: 0xC0FFEE)
        for batchSize in [0, 1, 15, 16, 17, 100, 3000] {
            let messages = (0..<batchSize).map { _ in rng.bytes(Int(rng.next() % 301)) }
            let reference = messages.map { OpenSSLDigest.digest(algorithm, of: $0) }
            for implementation in HashKernels.Implementation.allCases where HashKernels.isAvailable(implementation, for: algorithm) {
                let digests = batchDigests(algorithm, messages, implementation: implementation)
                #expect(digests == reference, "\(algorithm) \(implementation), batch of \(batchSize)")
            }
        }
    }

    @Test(arguments: [HashAlgorithm.md5, .sha1, .sha256])
    func paddingBoundariesAreExact(algorithm: HashAlgorithm) {
        // Lengths around the 55/56-byte padding edge and block multiples, all in one batch.
        let lengths = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 183, 184, 1000]
        let messages = lengths.map { [UInt8](repeating: UInt8($0 & 0xFF), count: $0) }
        let reference = messages.map { OpenSSLDigest.digest(algorithm, of: $0) }
        for implementation in HashKernels.Implementation.allCases where HashKernels.isAvailable(implementation, for: algorithm) {
            #expect(batchDigests(algorithm, messages, implementation: implementation) == reference, "\(implementation)")
        }
    }

    @Test func dispatchPicksAnAvailableKernel() {
        for algorithm in [HashAlgorithm.md5, .sha1, .sha256] {
            let chosen = HashKernels.selected(for: algorithm)
            #expect(chosen != .auto)
            #expect(HashKernels.isAvailable(chosen, for: algorithm))
        }
    }
}
