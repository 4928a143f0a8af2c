// BusinessVaultOptions.swift: the snapshot dates of the point-in-time tables and the bridge.

import ArgumentParser
import VaultColumnar
import VaultModel

extension SnapshotGrain: ExpressibleByArgument {}

/// `--pit-from`, `--pit-to`, `--pit-grain`, `--pit-at-end`: which snapshot dates the business
/// vault covers and when it is built.
struct BusinessVaultOptions: ParsableArguments {
    @Option(help: "First snapshot date of the PITs and the bridge (YYYY-MM-DD; default: the first loaded business date).")
    var pitFrom: String?

    @Option(help: "Last snapshot date (YYYY-MM-DD; default: the last loaded business date). Dates after the last load carry its state.")
    var pitTo: String?

    @Option(help: "Snapshot date grain: day, week (every 7 days from --pit-from) or month.")
    var pitGrain: SnapshotGrain = .day

    @Flag(help: "Build the business vault once after the last batch instead of refreshing it after every batch.")
    var pitAtEnd = false

    /// The calendar the options describe.
    func calendar() throws -> SnapshotCalendar {
        let from = try pitFrom.map { try Self.day($0, option: "--pit-from") }
        let to = try pitTo.map { try Self.day($0, option: "--pit-to") }
        if let from, let to, from > to {
            throw ValidationError("--pit-from (\(pitFrom!)) is after --pit-to (\(pitTo!)).")
        }
        if let from, let to, Int(to) - Int(from) > 100 * 366 {
            throw ValidationError("--pit-from to --pit-to spans more than 100 years: \(pitFrom!) .. \(pitTo!).")
        }
        return SnapshotCalendar(from: from, to: to, grain: pitGrain)
    }

    func validate() throws { _ = try calendar() }

    static func day(_ text: String, option: String) throws -> Int32 {
        guard let date = CivilDate(iso: text) else { throw ValidationError("\(option) must be a date written YYYY-MM-DD (got '\(text)').") }
        guard CivilDate.supportedDays.contains(date.daysSinceEpoch) else {
            throw ValidationError("\(option) must be a date between 1900-01-01 and 9999-12-31 (got '\(text)').")
        }
        return Int32(date.daysSinceEpoch)
    }
}
