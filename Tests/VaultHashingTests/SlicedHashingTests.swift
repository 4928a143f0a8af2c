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

    @Test(arguments: strategies)
    func repeatedKeyValuesHashLikeEveryRowHashedAlone(strategy: HashStrategy) {
        // 50,000 rows over 300 raw values (and their dirty variants), with NULLs and blanks: the
        // memo copies digests of repeats; the reference standardises and hashes every row.
        var keys = Column(.string)
        for i in 0..<50_000 {
            switch i % 97 {
            case 0: keys.appendNull()
            case 1: keys.append(string: "  ")
            default: keys.append(string: i % 5 == 0 ? " s\(i % 300) " : (i % 7 == 0 ? "S\(i % 300)" : "s\(i % 300)"))
            }
        }
        let hasher = BatchHasher(strategy: strategy, threads: 2)
        let memoised = hasher.hash([HashInput("store_id", keys)], kind: .key, zeroKeysAsNull: true)
        let batch = hasher.standardiser.standardise([HashInput("store_id", keys)], kind: .key)
        var nulls = 0, zeroKeys = 0
        let reference = hasher.digests(batch)
        memoised.column.withFixedWidthOrStrings { row, bytes in
            switch batch.outcome(row) {
            case .hash:
                #expect(bytes == Self.keyText(reference, row: row, strategy: strategy))
            case .null: nulls += 1; #expect(bytes == nil)
            case .zeroKey: zeroKeys += 1; #expect(bytes == nil)
            }
        }
        #expect(memoised.nullCount == nulls && memoised.zeroKeyCount == zeroKeys)
        #expect(nulls + zeroKeys > 0)
    }

    @Test(arguments: strategies)
    func rowsRepeatingThePreviousRowHashLikeEveryRowHashedAlone(strategy: HashStrategy) {
        // 40,000 rows in runs of 1-4 equal rows (a transaction's lines), NULLs included.
        var date = Column(.date), method = Column(.string), amount = Column(.decimal(precision: 10, scale: 2))
        var run = 0
        for i in 0..<40_000 {
            if i % (1 + run % 4) == 0 { run += 1 }
            if run % 13 == 0 { date.appendNull() } else { date.append(Int32(19_000 + run % 400)) }
            if run % 17 == 0 { method.appendNull() } else { method.append(string: ["cash", " Card", "VOUCHER"][run % 3]) }
            amount.append(Int64(run % 1_000) * 25)
        }
        let inputs = [HashInput("transaction_date", date), HashInput("payment_method", method), HashInput("amount", amount)]
        let hasher = BatchHasher(strategy: strategy, threads: 2)
        for kind in [HashInputKind.hashdiff, .key] {
            let hashed = hasher.hash(inputs, kind: kind)
            let batch = hasher.standardiser.standardise(inputs, kind: kind)
            let reference = hasher.digests(batch)
            hashed.column.withFixedWidthOrStrings { row, bytes in
                if batch.outcome(row) == .null { #expect(bytes == nil) } else {
                    #expect(bytes == Self.keyText(reference, row: row, strategy: strategy))
                }
            }
            #expect(hashed.nullCount == batch.nullCount && hashed.zeroKeyCount == batch.zeroKeyCount)
        }
    }

    /// Row `row`'s key as the key column holds it (binary digest, or hex text).
    static func keyText(_ digests: AlignedBuffer, row: Int, strategy: HashStrategy) -> [UInt8] {
        let width = strategy.algorithm.digestLength
        let digest = digests.withUnsafeBytes { Array($0[row * width..<(row + 1) * width]) }
        guard strategy.keyFormat == .hex else { return digest }
        let table = Array((strategy.effectiveHexCase == .upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        return digest.flatMap { [table[Int($0 >> 4)], table[Int($0 & 15)]] }
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

extension Column {
    /// Calls `body` with each row and its bytes (binary or string), or `nil` for a NULL row.
    func withFixedWidthOrStrings(_ body: (Int, [UInt8]?) -> Void) {
        withReader { reader in
            for row in 0..<reader.count { body(row, reader.isValid(row) ? Array(reader.bytes(row)) : nil) }
        }
    }
}
