import Testing
import VaultColumnar
import VaultTestSupport
@testable import VaultHashing

/// A batch hashed in row slices on several threads gives the same column as on one thread.
@Suite struct SlicedHashingTests {
    /// 70,000 rows (enough to be sliced), with NULLs, empty strings and numbers.
    static func inputs() -> [HashInput] {
        var name = Column(.string), amount = Column(.int64)
        for i in 0..<70_000 {
            if i % 11 == 0 { name.appendNull() } else if i % 13 == 0 { name.append(string: " ") } else { name.append(string: "c\(i) x") }
            if i % 17 == 0 && i % 11 == 0 { amount.appendNull() } else { amount.append(Int64(i) * 37) }
        }
        return [HashInput("name", name), HashInput("amount", amount)]
    }

    static let strategies: [HashStrategy] = [
        HashStrategy(algorithm: .md5, keyFormat: .binary), HashStrategy(algorithm: .sha1, keyFormat: .hex),
        HashStrategy(algorithm: .xxh3, keyFormat: .hex, profile: .datavault4dbt),
    ]

    @Test(arguments: strategies)
    func slicesGiveTheSameKeysAndCounts(strategy: HashStrategy) {
        let inputs = Self.inputs()
        for kind in [HashInputKind.key, .hashdiff] {
            let one = BatchHasher(strategy: strategy, threads: 1).hash(inputs, kind: kind)
            let three = BatchHasher(strategy: strategy, threads: 3).hash(inputs, kind: kind)
            #expect(one.column == three.column)
            #expect(one.column.validity == three.column.validity)
            #expect(one.nullCount == three.nullCount && one.zeroKeyCount == three.zeroKeyCount)
        }
        // The single-column key of AutomateDV has NULL keys: the slices must carry them.
        let keys = BatchHasher(strategy: strategy, threads: 2).hash([inputs[0]], kind: .key)
        let reference = BatchHasher(strategy: strategy, threads: 1).hash([inputs[0]], kind: .key)
        #expect(keys.column == reference.column)
        #expect(keys.nullCount == reference.nullCount)
    }

    @Test func aRowRangeStandardisesLikeTheWholeBatch() {
        let inputs = Self.inputs()
        let standardiser = Standardiser(profile: .automatedv)
        let whole = standardiser.standardise(inputs, kind: .hashdiff)
        let part = standardiser.standardise(inputs, kind: .hashdiff, rows: 1000..<1100)
        #expect(part.count == 100)
        for i in 0..<100 { #expect(part.string(i) == whole.string(1000 + i)) }
    }
}

/// The word-at-a-time ASCII helpers of the standardiser against byte-by-byte rules.
@Suite struct StandardiserWordTests {
    @Test func uppercasingEightBytesAtOnceMatchesByteByByte() {
        // Every byte value below 0x80 in every lane position.
        for value in 0..<128 {
            for lane in 0..<8 {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[lane] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let expected = bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
                let actual = withUnsafeBytes(of: Standardiser.uppercased(word)) { Array($0) }
                #expect(actual == expected)
            }
        }
    }

    @Test func asciiIsSeenInEveryPositionAndLength() {
        for length in 0..<20 {
            let ascii = [UInt8](repeating: 0x41, count: length)
            #expect(ascii.withUnsafeBytes { Standardiser.isASCII($0) })
            for position in 0..<length {
                var text = ascii
                text[position] = 0xC3
                #expect(!text.withUnsafeBytes { Standardiser.isASCII($0) })
            }
        }
    }
}
