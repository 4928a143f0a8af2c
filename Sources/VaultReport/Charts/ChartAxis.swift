// ChartAxis.swift: mapping values to pixels on linear and logarithmic axes, and choosing ticks.

import Foundation

/// A value axis: a domain, the pixel range it maps to, and its tick values.
public struct ChartAxis: Sendable {
    public enum Kind: Sendable { case linear, logarithmic }

    public let kind: Kind
    public let lower: Double
    public let upper: Double
    public let ticks: [Double]
    /// Pixel positions of `lower` and `upper` (for a y axis, `start` is the bottom).
    public var start = 0.0, end = 1.0

    /// A linear axis from 0 to a "nice" bound above `maximum`, with about `count` ticks at 1, 2 or 5 x 10^k.
    public static func linear(maximum: Double, count: Int = 5) -> ChartAxis {
        let top = maximum > 0 && maximum.isFinite ? maximum : 1
        let step = niceStep(top / Double(max(1, count)))
        let upper = (top / step).rounded(.up) * step
        let ticks = stride(from: 0.0, through: upper + step / 2, by: step).map { $0 }
        return ChartAxis(kind: .linear, lower: 0, upper: upper, ticks: ticks)
    }

    /// A logarithmic axis covering `minimum...maximum` (both > 0) out to the enclosing 1-2-5 values;
    /// ticks at powers of ten, plus 2 and 5 multiples when fewer than three decades show.
    public static func logarithmic(minimum: Double, maximum: Double) -> ChartAxis {
        var low = minimum > 0 && minimum.isFinite ? minimum : 1
        var high = maximum > 0 && maximum.isFinite ? maximum : low * 10
        if high <= low { high = low * 10 }
        low = niceBelow(low)
        high = niceAbove(high)
        let decades = log10(high / low)
        let multiples: [Double] = decades < 3 ? [1, 2, 5] : [1]
        var ticks = [Double]()
        var power = pow(10, (log10(low)).rounded(.down))
        while power <= high * 1.0001 {
            for m in multiples where m * power >= low * 0.9999 && m * power <= high * 1.0001 { ticks.append(m * power) }
            power *= 10
        }
        return ChartAxis(kind: .logarithmic, lower: low, upper: high, ticks: ticks)
    }

    /// The pixel position of `value`.
    public func position(_ value: Double) -> Double {
        let fraction: Double
        switch kind {
        case .linear: fraction = upper > lower ? (value - lower) / (upper - lower) : 0
        case .logarithmic:
            let v = max(value, lower * 1e-3)
            fraction = log(v / lower) / log(upper / lower)
        }
        return start + fraction * (end - start)
    }

    /// The axis mapped onto pixels `start...end`.
    public func placed(from start: Double, to end: Double) -> ChartAxis {
        var copy = self
        copy.start = start
        copy.end = end
        return copy
    }

    /// 1, 2 or 5 x 10^k, the smallest at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, log10(raw).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * power >= raw * 0.9999 { return m * power }
        return 10 * power
    }

    /// The largest 1-2-5 value at most `value`.
    static func niceBelow(_ value: Double) -> Double {
        let power = pow(10, log10(value).rounded(.down))
        for m in [5.0, 2, 1] where m * power <= value * 1.0001 { return m * power }
        return power
    }

    /// The smallest 1-2-5 value at least `value`.
    static func niceAbove(_ value: Double) -> Double {
        let power = pow(10, log10(value).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * power >= value * 0.9999 { return m * power }
        return 10 * power
    }
}
