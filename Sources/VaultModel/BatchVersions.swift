// BatchVersions.swift: a batch's versions of each satellite parent, compared with the versions in force.

import VaultColumnar

/// The candidate versions of one satellite load, grouped by parent row.
///
/// Change detection in two steps, per parent row:
/// 1. within the batch, in source order, the last version wins: a version identical to the one
///    before it is a duplicate, a different one supersedes it;
/// 2. the winner is inserted unless its hashdiff equals the latest stored version's, or that
///    version was loaded on or after this load date (re-loading a batch inserts nothing).
///
/// Jobs split the parents by blocks of parent rows (`1024` rows each): a job reads every
/// candidate but handles only its own parents, so no two jobs touch the same parent and the
/// result does not depend on how many jobs there are.
struct BatchVersions {
    /// Candidate source rows, ascending.
    let rows: UnsafeBufferPointer<Int32>
    /// Each source row's parent row.
    let parentRows: SharedArray<Int32>
    /// The batch's hashdiffs, by source row.
    let diffs: FixedKeys
    /// Per parent row, the candidate with the batch's latest version so far (-1 when none); each
    /// job writes only the entries of its own parents.
    let lastOf: SharedArray<Int32>

    /// Parent rows per block that one job takes.
    static let blockShift = 10

    /// The parent row of candidate `c`.
    @inline(__always)
    func parent(_ c: Int) -> Int {
        let p = Int(parentRows[Int(rows[c])])
        precondition(p >= 0, "a satellite candidate without a parent row")
        return p
    }

    /// Runs both steps for the parents of job `job` of `jobs`; marks the candidates to insert and
    /// the version each follows, and returns the duplicates, superseded and unchanged counts.
    func compare(job: Int, of jobs: Int, with latest: UnsafeBufferPointer<Int32>, tableDiffs: FixedKeys,
                 stamps: LoadStamps, loadDate: Int64,
                 inserted: SharedArray<Bool>, previous: SharedArray<Int32>) -> LoadCounts {
        var tally = LoadCounts()
        var firsts = [Int32]()
        let width = diffs.width
        for c in 0..<rows.count {
            let p = parent(c)
            guard jobs == 1 || (p >> Self.blockShift) % jobs == job else { continue }
            let before = Int(lastOf[p])
            if before < 0 {
                firsts.append(Int32(c))
            } else if memcmp(diffs.key(Int(rows[before])), diffs.key(Int(rows[c])), width) == 0 {
                tally.duplicates += 1
            } else {
                tally.superseded += 1
            }
            lastOf[p] = Int32(c)
        }
        for first in firsts {
            let p = parent(Int(first))
            let c = Int(lastOf[p]), current = latest[p]
            if current >= 0 {
                if memcmp(tableDiffs.key(Int(current)), diffs.key(Int(rows[c])), width) == 0 || stamps.loadDate(ofRow: Int(current)) >= loadDate {
                    tally.unchanged += 1
                    continue
                }
                previous[c] = current
            }
            inserted[c] = true
        }
        return tally
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
