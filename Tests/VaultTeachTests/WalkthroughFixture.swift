import VaultColumnar
import VaultHashing
import VaultInspect
import VaultModel
@testable import VaultTeach

/// Walkthroughs run once per strategy, and ways to read their grids.
enum WalkthroughFixture {
    static let md5 = try! Walkthrough.run(WalkthroughOptions(strategy: HashStrategy()))
    static let sha256 = try! Walkthrough.run(WalkthroughOptions(strategy: HashStrategy(algorithm: .sha256)))
    static let datavault4dbt = try! Walkthrough.run(
        WalkthroughOptions(
            strategy: HashStrategy(algorithm: .sha1, keyFormat: .hex, profile: .datavault4dbt)))

    /// The strategies the tests run the walkthrough with.
    enum Case: String, CaseIterable, Sendable {
        case md5, sha256, datavault4dbt

        var walkthrough: Walkthrough {
            switch self {
            case .md5: return WalkthroughFixture.md5
            case .sha256: return WalkthroughFixture.sha256
            case .datavault4dbt: return WalkthroughFixture.datavault4dbt
            }
        }
    }

    static let batchCount = TeachingDataset.batches().count

    /// The load date of batch `k`.
    static func loadDate(_ k: Int) -> Int64 { SourceTables.loadDate(batch: k, baseDate: TeachingDataset.baseDate) }
}

extension Grid {
    /// The cells of column `name`.
    func cells(_ name: String) -> [String?] {
        guard let i = columns.firstIndex(where: { $0.name == name }) else { preconditionFailure("no column \(name)") }
        return rows.map { $0[i] }
    }

    /// The rows whose column `name` satisfies `test`.
    func rows(where name: String, _ test: (String?) -> Bool) -> [[String?]] {
        guard let i = columns.firstIndex(where: { $0.name == name }) else { preconditionFailure("no column \(name)") }
        return rows.filter { test($0[i]) }
    }

    func cell(_ row: [String?], _ name: String) -> String? { row[columns.firstIndex { $0.name == name }!] }
}

extension Table {
    /// Rows whose `load_date` is `date`.
    func rows(loadedAt date: Int64) -> [Int] {
        (0..<count).filter { self["load_date"].value(at: $0, as: Int64.self) == date }
    }

    /// The batch log's count `column` of `table` in batch `k`.
    func logCount(_ column: String, table: String, batch k: Int) -> Int64 {
        let row = (0..<count).first {
            self["batch_id"].int32(at: $0) == Int32(k) && self["table_name"].string(at: $0) == table
        }!
        return self[column].int64(at: row)!
    }
}
