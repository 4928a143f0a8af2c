// LoadEstimate.swift: the memory a load will take, estimated before anything is allocated.

import ArgumentParser
import VaultHashing
import VaultModel

/// A deliberately generous estimate of a load's peak memory, from what sizes the work: the sales
/// lines of every day, the master rows, the key width, the snapshot dates of the point-in-time
/// tables and the bridge, and whether they are materialised (exported, shown, saved). A command
/// refuses a load whose estimate exceeds 80 % of physical memory, naming what drives it, instead
/// of growing until the kernel kills it.
struct LoadEstimate {
    /// Sales lines over the whole feed.
    var lines: Double
    /// Hub rows that the point-in-time tables cover (customers and products).
    var masterRows: Double
    /// Snapshot dates of the business vault.
    var snapshotDates: Double
    /// Bytes of one hash key as stored.
    var keyBytes: Double
    /// Whether the business vault is materialised as rows (export, show, query).
    var materialised: Bool

    /// Bytes the raw vault holds: about 315 a sales line with 16-byte keys (measured at scale
    /// 1000), plus the key bytes of a line's link and satellite rows beyond that, and the masters.
    var rawVaultBytes: Double { lines * (300 + 6 * keyBytes) + masterRows * (200 + 4 * keyBytes) }

    /// Bytes of the point-in-time tables (4 bytes per hub row, satellite and date, or whole rows
    /// when materialised) and of the bridge (counts, or a row per link row and date).
    var businessVaultBytes: Double {
        let pit = snapshotDates * masterRows * (materialised ? 3 * (keyBytes + 8) + keyBytes + 8 : 3 * 4)
        let bridge = materialised ? snapshotDates * lines / 2 * (3 * keyBytes + 8) : snapshotDates * 16
        return pit + bridge
    }

    var totalBytes: Double { rawVaultBytes + businessVaultBytes + 64 * 1024 * 1024 }

    /// The key bytes of `strategy`: the digest, or its hex text.
    static func keyBytes(_ strategy: HashStrategy) -> Double {
        Double(strategy.algorithm.digestLength * (strategy.keyFormat == .hex ? 2 : 1))
    }

    /// The snapshot dates `calendar` gives for loads covering `loadedDays` days from `firstDay`.
    static func snapshotDates(_ calendar: SnapshotCalendar, firstDay: Int, loadedDays: Int) -> Double {
        let first = Double(calendar.from.map(Int.init) ?? firstDay)
        let last = Double(calendar.to.map(Int.init) ?? firstDay + loadedDays - 1)
        let span = max(0, last - first + 1)
        switch calendar.grain {
        case .day: return span
        case .week: return (span / 7).rounded(.up)
        case .month: return (span / 28).rounded(.up)
        }
    }

    /// Throws when the estimate does not fit, saying which part is too large and what to change.
    func check(context: String) throws {
        let physical = Double(SystemInfo.physicalMemoryBytes)
        guard physical > 0, totalBytes > physical * 0.8 else { return }
        let business = businessVaultBytes
        let cause = business > rawVaultBytes
            ? "the business vault over \(Int(snapshotDates)) snapshot dates needs about \(SystemInfo.gibibytes(business)) GiB "
                + "(narrow it with --pit-from, --pit-to or --pit-grain week|month)"
            : "the raw vault of about \(Int(lines)) sales lines needs about \(SystemInfo.gibibytes(rawVaultBytes)) GiB"
        throw ValidationError("\(context) needs about \(SystemInfo.gibibytes(totalBytes)) GiB of memory, this machine "
                              + "has \(SystemInfo.gibibytes(physical)) GiB: \(cause).")
    }
}
