import Testing
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultSnapshot
@testable import VaultModel

#if canImport(Glibc)
import Glibc
#endif

@Suite struct VaultSnapshotRoundTripTests {
    static let strategies: [HashStrategy] = HashAlgorithm.allCases.flatMap { algorithm in
        KeyFormat.allCases.map { HashStrategy(algorithm: algorithm, keyFormat: $0) }
    } + [HashStrategy(algorithm: .sha256, keyFormat: .hex, profile: .datavault4dbt)]

    static func load(_ vault: Vault, batches: Range<Int>, generator: RetailGenerator) throws {
        for k in batches {
            let batch = generator.batch(k, threads: 1)
            try vault.load(SourceTables(batch: k, loadDate: Int64(batch.businessDate) * 86_400_000_000, tables: batch.tables))
        }
    }

    static func temporaryFolder() -> String {
        var template = Array("/tmp/vaultsim-snapshot-test-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    @Test(arguments: strategies)
    func loadSaveRestoreGivesEqualTablesBitForBit(strategy: HashStrategy) throws {
        let options = GeneratorOptions(scale: 0.2, days: 4, seed: 5)
        let vault = Vault(strategy: strategy)
        try Self.load(vault, batches: 0..<2, generator: RetailGenerator(options: options))
        let folder = Self.temporaryFolder() + "/snap"
        try SnapshotWriter.save(tables: vault.tables, metadata: SnapshotMetadata(vaultsimVersion: "test", hashStrategy: strategy.description),
                                to: folder, level: 3, threads: 2)
        let restored = try SnapshotReader.restore(from: folder)
        #expect(restored.tables == vault.tables)

        // A restored vault continues exactly like the one that never stopped.
        let resumed = Vault(strategy: strategy)
        try resumed.restore(restored.tables)
        let generator = RetailGenerator(options: options)
        _ = generator.batch(0, threads: 1)
        _ = generator.batch(1, threads: 1)
        try Self.load(resumed, batches: 2..<4, generator: generator)
        try Self.load(vault, batches: 2..<4, generator: RetailGenerator(options: options))
        #expect(resumed.tables == vault.tables)
    }

    @Test func restoringIntoAVaultOfAnotherStrategyIsRefused() throws {
        let vault = Vault(strategy: HashStrategy(algorithm: .md5))
        try Self.load(vault, batches: 0..<1, generator: RetailGenerator(options: GeneratorOptions(scale: 0.05, days: 1)))
        #expect(throws: VaultError.self) { try Vault(strategy: HashStrategy(algorithm: .sha256)).restore(vault.tables) }
    }
}
