// CollisionReport.swift: the grids `vaultsim collisions` prints.

import Foundation
import VaultInspect
import VaultStudy

/// The analytic and measured tables of `vaultsim collisions`, as grids.
struct CollisionReport {
    /// Numbers of keys of the second table.
    static let keyCounts: [Double] = [1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12]
    /// Probabilities whose key counts the first table gives.
    static let targets: [(label: String, probability: Double)] = [("1e-9", 1e-9), ("1e-6", 1e-6), ("50%", 0.5)]

    /// p, E and the key counts for the target probabilities, per key width, at `keys`.
    let atKeys: Grid
    /// p per key width and number of keys.
    let byKeys: Grid

    init(keys: Double) {
        var atKeys = Grid(columns: [GridColumn("key"), GridColumn("bits", .number), GridColumn("p(collision)", .number),
                                    GridColumn("expected pairs", .number)]
                          + Self.targets.map { GridColumn("keys for p=\($0.label)", .number) })
        var byKeys = Grid(columns: [GridColumn("key"), GridColumn("bits", .number)]
                          + Self.keyCounts.map { GridColumn("n=\(Self.number($0))", .number) })
        for width in KeyWidth.standard {
            atKeys.append([width.name, String(width.bits),
                           Self.number(BirthdayBound.collisionProbability(keys: keys, bits: width.bits)),
                           Self.number(BirthdayBound.expectedCollidingPairs(keys: keys, bits: width.bits))]
                          + Self.targets.map { Self.number(BirthdayBound.keys(forProbability: $0.probability, bits: width.bits)) })
            byKeys.append([width.name, String(width.bits)]
                          + Self.keyCounts.map { Self.number(BirthdayBound.collisionProbability(keys: $0, bits: width.bits)) })
        }
        self.atKeys = atKeys
        self.byKeys = byKeys
    }

    /// Measured against predicted pairs, per algorithm and width.
    static func measured(_ result: CollisionStudy.Result) -> Grid {
        var grid = Grid(columns: [GridColumn("algorithm"), GridColumn("bits", .number), GridColumn("keys", .number),
                                  GridColumn("colliding pairs", .number), GridColumn("expected pairs", .number),
                                  GridColumn("ratio", .number), GridColumn("z", .number), GridColumn("largest group", .number)])
        for m in result.measurements {
            grid.append([m.algorithm.rawValue, String(m.count.bits), String(m.count.keys), String(m.count.collidingPairs),
                         number(m.expectedPairs), m.ratio.map { String(format: "%.3f", $0) }, m.zScore.map { String(format: "%.2f", $0) },
                         String(m.count.largestGroup)])
        }
        return grid
    }

    static func number(_ x: Double) -> String { NumberText.significant(x) }
}
