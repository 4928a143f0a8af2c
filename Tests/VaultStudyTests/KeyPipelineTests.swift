import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultStudy

@Suite struct KeyPipelineTests {
    @Test func dirtySpellingsOfOneKeyAreOneKeyAndNullsAreDropped() {
        var column = Column(.string)
        for text in [" t00000000001 ", "T00000000001", "", "T00000000002"] { column.append(string: text) }
        column.appendNull()
        var keys = DistinctKeys(profile: .automatedv)
        keys.insert(column)
        #expect(keys.count == 2)
        #expect(keys.string(0) == "T00000000001")
        #expect(keys.duplicates == 1)
        #expect(keys.nullKeys == 2)  // AutomateDV: the empty string is NULL too
    }

    @Test func theDatavault4dbtProfileHashesQuotedKeys() {
        var column = Column(.string)
        column.append(string: " c0000007")
        var keys = DistinctKeys(profile: .datavault4dbt)
        keys.insert(column)
        #expect(keys.string(0) == "\"C0000007\"")
    }

    @Test(arguments: [HashAlgorithm.md5, .sha1, .sha256])
    func prefixesAreTheFirstEightDigestBytesOfOpenSSL(algorithm: HashAlgorithm) {
        var keys = DistinctKeys(profile: .automatedv)
        keys.insert(BusinessKeyStream(kind: .product, seed: 9).keys(0..<200_000))
        let prefixes = DigestPrefixes.compute(keys, algorithm: algorithm, threads: 3)
        for i in [0, 1, 65_535, 65_536, 199_999] {
            let digest = OpenSSLDigest.digest(algorithm, of: Array(keys.string(i).utf8))
            let expected = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(prefixes[i] == expected, "key \(keys.string(i))")
        }
        #expect(prefixes == DigestPrefixes.compute(keys, algorithm: algorithm, threads: 1))
    }

    @Test func xxh3PrefixesAreTheBatchHashersBinaryKeys() {
        var keys = DistinctKeys(profile: .automatedv)
        let column = BusinessKeyStream(kind: .store, seed: 1).keys(0..<5_000)
        keys.insert(column)
        let prefixes = DigestPrefixes.compute(keys, algorithm: .xxh3)
        let hashed = BatchHasher(strategy: HashStrategy(algorithm: .xxh3)).hash([HashInput("store_id", column)], kind: .key).column
        for i in [0, 17, 4_999] {
            let expected = hashed.binary(at: i)!.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(prefixes[i] == expected)
        }
    }
}
