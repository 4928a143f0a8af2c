// ChartStyle.swift: palette, sizes and number formats shared by every chart.

/// The look shared by every chart: a colour-blind-safe palette (Okabe and Ito, 2008) and the layout.
public enum ChartStyle {
    /// Okabe-Ito colours, black replaced by a mid grey for large filled areas; black last.
    public static let palette = [
        "#999999", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#F0E442", "#D55E00", "#CC79A7",
        "#000000",
    ]
    /// The `i`-th palette colour (cycling).
    public static func colour(_ i: Int) -> String { palette[i % palette.count] }

    static let width = 820.0
    static let height = 480.0
    /// Plot area margins: left (y tick labels and axis title), right (legend), top (title), bottom (x labels).
    static let left = 86.0, right = 200.0, top = 58.0, bottom = 84.0
    static let axisColour = "#444444", gridColour = "#e3e3e3", textColour = "#222222"

    /// A compact number: `950`, `1.2k`, `34M`, `0.25`.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (size, suffix) in units where magnitude >= size {
            return trimmed(value / size) + suffix
        }
        return trimmed(value)
    }

    /// Up to three significant digits, no trailing zeros.
    static func trimmed(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        var text = fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `value` with exactly `decimals` decimals.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // Past 2^53 a Double has no fraction digits left to show (and past Int.max no Int holds it).
        guard scaled < 9_007_199_254_740_992 else { return String(value) }
        let whole = Int(scaled / scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        var fraction = String(Int(scaled) - whole * Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return sign + "\(whole).\(fraction)"
    }
}
