// SnapshotCalendar.swift: the snapshot dates of the point-in-time tables and the bridge.

import VaultColumnar

/// How often a snapshot date falls.
public enum SnapshotGrain: String, Sendable, CaseIterable, Codable {
    /// Every day.
    case day
    /// Every 7 days from the first date.
    case week
    /// The first date's day of the month, every month (clamped to the month's last day).
    case month
}

/// The snapshot dates: from `from` to `to` (inclusive) every `grain`. A `nil` bound is the first
/// (`from`) or last (`to`) loaded business date, so by default the dates grow with every batch.
public struct SnapshotCalendar: Sendable, Equatable {
    /// First date, days since 1970; `nil`: the first loaded business date.
    public var from: Int32?
    /// Last date, days since 1970; `nil`: the last loaded business date.
    public var to: Int32?
    public var grain: SnapshotGrain

    public init(from: Int32? = nil, to: Int32? = nil, grain: SnapshotGrain = .day) {
        self.from = from
        self.to = to
        self.grain = grain
    }

    /// The dates, ascending, given the first and last loaded business dates.
    public func dates(firstLoaded: Int32, lastLoaded: Int32) -> [Int32] {
        let first = from ?? firstLoaded, last = to ?? lastLoaded
        guard first <= last else { return [] }
        switch grain {
        case .day: return Array(first...last)
        case .week: return Array(stride(from: first, through: last, by: 7))
        case .month:
            let start = CivilDate(daysSinceEpoch: Int(first))
            var result = [Int32]()
            for step in 0... {
                let months = start.month - 1 + step
                let year = start.year + months / 12, month = months % 12 + 1
                let day = min(start.day, CivilDate.daysIn(month: month, year: year))
                let date = Int32(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
                if date > last { break }
                result.append(date)
            }
            return result
        }
    }
}
