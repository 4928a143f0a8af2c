// NumberText.swift: short, exact-enough text for numbers that span hundreds of orders of magnitude.

import Foundation

/// Numbers for people and for JSON at once.
public enum NumberText {
    /// At most three significant digits, in exponent form outside `[0.001, 1000)` with no `+` and
    /// no leading exponent zeros (`1.47e-21`, `5.06e9`, `1e6`, `0.0267`, `93.2`); whole numbers
    /// below 10^6 in full (`751`, `11644`). Always a valid JSON number; `inf` and `nan` as words.
    public static func significant(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        if x == 0 { return "0" }
        if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
        if abs(x) >= 1e-3 && abs(x) < 1e3 {
            let plain = String(format: "%.3g", x)
            if !plain.contains("e") { return plain }
        }
        let text = String(format: "%.2e", x)  // 1.47e-21, 5.06e+09
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
        return "\(mantissa)e\(exponent)"
    }
}
