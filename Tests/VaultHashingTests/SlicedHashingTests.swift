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
