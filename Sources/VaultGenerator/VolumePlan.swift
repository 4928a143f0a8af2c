// VolumePlan.swift: how many entities and sales exist on each day, as pure functions of the options.

import VaultColumnar

/// The volume rules. At scale `S`, for day `k` (batch `k`):
///
/// | entity | count on day k |
/// |---|---|
/// | customers | `round(round(1000·S) · 1.003^k)` (+0.3 %/day) |
/// | products | `round(round(500·S) · 1.001^k)` (+0.1 %/day) |
/// | stores | `round(max(1, round(20·√S)) · 1.0005^k)` |
/// | promotions (incl. `PROMO000`) | `max(2, round(50·√S)) + ⌊k · P0 / 25⌋` (new campaigns, each 7-35 days long) |
/// | transactions | `round(10000·S / 7 · w(weekday) / 2.5)`, `w` = 0.85 0.85 0.9 0.95 1.1 1.2 1.15 (Mon..Sun) |
///
/// A transaction has 1-5 lines (probabilities .30 .25 .20 .15 .10, mean 2.5), so 7 days hold
/// about 10,000·S lines.
struct VolumePlan: Sendable {
    let scale: Double
    let baseDay: Int
    let customers0: Int
    let products0: Int
    let stores0: Int
    let promotions0: Int

    init(_ options: GeneratorOptions) {
        scale = options.scale
        baseDay = options.baseDate.daysSinceEpoch
        customers0 = max(1, Int((1000 * scale).rounded()))
        products0 = max(1, Int((500 * scale).rounded()))
        stores0 = max(1, Int((20 * scale.squareRoot()).rounded()))
        promotions0 = max(2, Int((50 * scale.squareRoot()).rounded()))
    }

    static let weekdayWeights: [Double] = [0.85, 0.85, 0.9, 0.95, 1.1, 1.2, 1.15]
    static let meanLinesPerTransaction = 2.5
    /// Cumulative probabilities (out of 100) of 1...5 lines.
    static let linesCumulative = [30, 55, 75, 90, 100]

    private static func grown(_ n: Int, _ rate: Double, _ day: Int) -> Int {
        guard day > 0 else { return n }
        var factor = 1.0
        for _ in 0..<day { factor *= rate }
        return Int((Double(n) * factor).rounded())
    }

    func customers(day: Int) -> Int { Self.grown(customers0, 1.003, day) }
    func products(day: Int) -> Int { Self.grown(products0, 1.001, day) }
    func stores(day: Int) -> Int { Self.grown(stores0, 1.0005, day) }
    func promotions(day: Int) -> Int { promotions0 + max(day, 0) * promotions0 / 25 }

    /// The business date (days since 1970) of day `k`.
    func date(day: Int) -> Int { baseDay + day }

    /// The number of transactions on day `k`.
    func transactions(day: Int) -> Int {
        let weekday = CivilDate.weekday(daysSinceEpoch: date(day: day))
        let lines = 10_000 * scale / 7 * Self.weekdayWeights[weekday]
        return max(1, Int((lines / Self.meanLinesPerTransaction).rounded()))
    }

    /// The index of the first transaction of day `k` (transactions are numbered from 0 across days).
    func firstTransaction(day: Int) -> Int {
        var total = 0
        for d in 0..<max(day, 0) { total += transactions(day: d) }
        return total
    }
}
