import Testing
import VaultColumnar
import VaultTestSupport
@testable import VaultHashing

/// A string column from optional values.
func stringColumn(_ values: [String?]) -> Column {
    var column = Column(.string)
    for v in values { column.append(optionalString: v) }
    return column
}

/// Standardised string (or "NULL"/"ZERO") and hex digest of one row, the way `vaultsim hash` shows it.
func hashOne(_ values: [(String, String?)], kind: HashInputKind, profile: HashProfile,
             algorithm: HashAlgorithm = .md5) -> (String, String?) {
    let inputs = values.map { HashInput($0.0, stringColumn([$0.1])) }
    let hasher = BatchHasher(strategy: HashStrategy(algorithm: algorithm, keyFormat: .hex, profile: profile))
    let batch = hasher.standardiser.standardise(inputs, kind: kind)
    let column = hasher.keyColumn(batch)
    switch batch.outcome(0) {
    case .hash: return (batch.string(0), column.string(at: 0))
    case .null: return ("NULL", column.string(at: 0))
    case .zeroKey: return ("ZERO", column.string(at: 0))
    }
}

/// Test vectors from the published rules (docs/HASHING-PROFILES.md, digests computed independently).
@Suite struct AutomateDVProfileTests {
    @Test func singleColumnKeyIsTrimmedAndUppercased() {
        #expect(hashOne([("customer_id", " c001 ")], kind: .key, profile: .automatedv) == ("C001", "928C6512B3A8A0DC74A93EE63E77842A"))
        #expect(hashOne([("id", "abc")], kind: .key, profile: .automatedv).1 == "902FBDD2B1DF0C4F70B4A5D23525E932")
    }

    @Test func nullEmptyAndBlankKeysAreNull() {
        for value: String? in [nil, "", "   "] {
            let (standardised, digest) = hashOne([("customer_id", value)], kind: .key, profile: .automatedv)
            #expect(standardised == "NULL")
            #expect(digest == nil)
        }
    }

    @Test func multiColumnKeyWritesNullsAsPlaceholders() {
        #expect(hashOne([("a", "A"), ("b", nil)], kind: .key, profile: .automatedv) == ("A||^^", "042BE48EA9B5961AE776233A16391BF9"))
        #expect(hashOne([("a", " x "), ("b", ""), ("c", "y")], kind: .key, profile: .automatedv) == ("X||^^||Y", "AA65E1CFCB22D3A69B5097E048549A43"))
    }

    @Test func allNullMultiColumnKeyIsNull() {
        #expect(hashOne([("a", nil), ("b", " ")], kind: .key, profile: .automatedv).0 == "NULL")
    }

    @Test func hashdiffColumnsAreSortedByNameCaseInsensitively() {
        #expect(hashOne([("b", "Smith"), ("a", "john")], kind: .hashdiff, profile: .automatedv) == ("JOHN||SMITH", "19F1F9DC00C083714B459342126810AD"))
        #expect(hashOne([("B_NAME", "x"), ("a_id", nil)], kind: .hashdiff, profile: .automatedv) == ("^^||X", "A17D7DDEC7A7886BEEB8A094DFF38EE8"))
    }

    @Test func allNullHashdiffIsStillHashed() {
        #expect(hashOne([("x", nil), ("y", nil)], kind: .hashdiff, profile: .automatedv) == ("^^||^^", "8DCFFD779E848FF7273B6CAEB4698D1E"))
        #expect(hashOne([("x", nil)], kind: .hashdiff, profile: .automatedv) == ("^^", "EA01662A5BCBE94A3236D555BBCB3DA3"))
    }

    @Test func shaMeansSHA256AndSha1IsSupported() {
        #expect(HashAlgorithm(name: "sha") == .sha256)
        #expect(hashOne([("id", " c001 ")], kind: .key, profile: .automatedv, algorithm: .sha256).1
                == "A4906A54B9B8416B9A8136E3665EB9D5C1CAB6E72830F662D9B80A0D68B46B07")
        #expect(hashOne([("id", " c001 ")], kind: .key, profile: .automatedv, algorithm: .sha1).1
                == "4C995B72A3AAC4071BB424F22B024F8D86880B5D")
    }

    @Test func typedValuesUseSnowflakeTextForms() {
        var id = Column(.int64), day = Column(.date), money = Column(.decimal(precision: 10, scale: 2))
        id.append(Int64(1001))
        day.append(Int32(CivilDate(year: 2020, month: 1, day: 1).daysSinceEpoch))
        money.append(Int64(10000))
        let hasher = BatchHasher(strategy: HashStrategy(algorithm: .md5, keyFormat: .hex))
        let key = hasher.standardiser.standardise([HashInput("id", id), HashInput("dob", day)], kind: .key)
        #expect(key.string(0) == "1001||2020-01-01")
        #expect(hasher.keyColumn(key).string(at: 0) == "6DD3AE60EA96E1667B7197AD507A1689")
        #expect(hasher.standardiser.standardise([HashInput("price", money)], kind: .hashdiff).string(0) == "100.00")
    }

    @Test func binaryValuesAreHashedAsUppercaseHex() {
        var key = Column(.fixedBinary(width: 4))
        [UInt8]([0x0a, 0xbc, 0x00, 0xff]).withUnsafeBytes { key.append(binary: $0) }
        let hasher = BatchHasher(strategy: HashStrategy(profile: .datavault4dbt))
        #expect(hasher.standardiser.standardise([HashInput("k", key)], kind: .hashdiff).string(0) == "\"0ABC00FF\"")
        #expect(Standardiser(profile: .automatedv).standardise([HashInput("k", key)], kind: .key).string(0) == "0ABC00FF")
    }

    @Test func nonASCIIValuesAreUppercasedWithUnicodeRules() {
        #expect(hashOne([("name", "müller")], kind: .key, profile: .automatedv).0 == "MÜLLER")
        // Non-ASCII in a whole word, in an overlapping tail word, and past 16 bytes.
        for text in ["straßenbahn", "abcdefgé", "abcdefghijklmnopqrstuvwxyzü", "ÀÉÎõü-tail"] {
            #expect(hashOne([("name", text)], kind: .key, profile: .automatedv).0 == text.uppercased())
        }
    }

    @Test func asciiValuesOfEveryLengthAreUppercasedWordByWord() {
        let alphabet = Array("aBc-z09_ yQ~`{}")
        for length in 1...40 {
            let text = String((0..<length).map { alphabet[($0 * 7 + length) % alphabet.count] })
            var trimmed = Substring(text)
            while trimmed.first == " " { trimmed.removeFirst() }
            while trimmed.last == " " { trimmed.removeLast() }
            let expected = trimmed.uppercased()
            #expect(hashOne([("name", text)], kind: .key, profile: .automatedv).0 == expected, "length \(length)")
        }
    }
}

@Suite struct Datavault4dbtProfileTests {
    @Test func keysAreQuotedAndUppercasedWithLowercaseHex() {
        #expect(hashOne([("id", " c001 ")], kind: .key, profile: .datavault4dbt) == ("\"C001\"", "25f4d5c41ca3bfb2388752a4a7bf5a5f"))
    }

    @Test func nullKeysGetTheZeroKey() {
        #expect(hashOne([("id", nil)], kind: .key, profile: .datavault4dbt) == ("ZERO", "00000000000000000000000000000000"))
        #expect(hashOne([("a", nil), ("b", nil)], kind: .key, profile: .datavault4dbt).1 == "00000000000000000000000000000000")
    }

    @Test func emptyStringIsAValueNotNull() {
        #expect(hashOne([("id", "")], kind: .key, profile: .datavault4dbt) == ("\"\"", "9d4568c009d203ab10e33ea9953a0264"))
    }

    @Test func backslashesDoubleAndPlaceholdersInsideValuesBecomeDashes() {
        #expect(hashOne([("a", "a\\b"), ("b", "x^^y")], kind: .key, profile: .datavault4dbt)
                == ("\"A\\\\B\"||\"X--Y\"", "ef53a01d4757f68c472da5ddd9ab3829"))
        #expect(hashOne([("a", "A"), ("b", nil)], kind: .key, profile: .datavault4dbt) == ("\"A\"||^^", "2bd3cf246b4d6d1e4ed447586e470ccf"))
    }

    @Test func controlCharactersAreRemoved() {
        #expect(hashOne([("a", "line\nbreak"), ("b", "tab\there")], kind: .key, profile: .datavault4dbt)
                == ("\"LINEBREAK\"||\"TABHERE\"", "54df5f965323b6b4094d94fdd5e7d83d"))
    }

    @Test func hashdiffsKeepCaseAndColumnOrder() {
        #expect(hashOne([("last", "Smith"), ("first", "john")], kind: .hashdiff, profile: .datavault4dbt)
                == ("\"Smith\"||\"john\"", "37149fa73666712de6fc5cfc67519f10"))
        #expect(hashOne([("x", "b"), ("y", nil)], kind: .hashdiff, profile: .datavault4dbt).1 == "2884114796c6df6b5a5380f5478e490a")
    }

    @Test func otherAlgorithmsUseTheSameString() {
        #expect(hashOne([("id", " c001 ")], kind: .key, profile: .datavault4dbt, algorithm: .sha256).1
                == "2b083d3a863f2ba338c49299b34e17adc989c7ed9f4072bc5ac4a81ecc8fb7da")
        #expect(hashOne([("id", " c001 ")], kind: .key, profile: .datavault4dbt, algorithm: .sha1).1
                == "1e553ec7f1472db6f6007c1b950aa0e22d6e66b4")
    }
}

@Suite struct BatchHasherTests {
    @Test func binaryAndHexKeysHoldTheSameDigests() {
        let values = (0..<20_000).map { i -> String? in i % 97 == 0 ? nil : "C\(i)" }
        let input = [HashInput("customer_id", stringColumn(values))]
        for algorithm in HashAlgorithm.allCases {
            let binary = BatchHasher(strategy: HashStrategy(algorithm: algorithm, keyFormat: .binary)).hash(input, kind: .key)
            let hexKeys = BatchHasher(strategy: HashStrategy(algorithm: algorithm, keyFormat: .hex)).hash(input, kind: .key)
            #expect(binary.nullCount == values.filter { $0 == nil }.count)
            #expect(binary.column.type == .fixedBinary(width: algorithm.digestLength))
            for i in [0, 1, 96, 97, 19_999] {
                #expect(binary.column.text(at: i) == hexKeys.column.string(at: i), "\(algorithm) row \(i)")
            }
        }
    }

    @Test func threadCountDoesNotChangeAByte() {
        let values = (0..<50_000).map { "KEY-\($0 * 7919 % 10007)-\($0)" as String? }
        let input = [HashInput("k", stringColumn(values)), HashInput("n", stringColumn(values.reversed()))]
        for algorithm in HashAlgorithm.allCases {
            let one = BatchHasher(strategy: HashStrategy(algorithm: algorithm), threads: 1).hash(input, kind: .key).column
            let two = BatchHasher(strategy: HashStrategy(algorithm: algorithm), threads: 2).hash(input, kind: .key).column
            #expect(one == two, "\(algorithm)")
        }
    }

    @Test func batchDigestsEqualOpenSSLOfTheStandardisedStrings() {
        let values = (0..<3000).map { i -> String? in " k\(i) " }
        let hasher = BatchHasher(strategy: HashStrategy(algorithm: .sha256))
        let batch = hasher.standardiser.standardise([HashInput("k", stringColumn(values))], kind: .key)
        let column = hasher.keyColumn(batch)
        for i in stride(from: 0, to: 3000, by: 37) {
            #expect(column.binary(at: i) == OpenSSLDigest.digest(.sha256, of: Array(batch.string(i).utf8)))
        }
    }
}
