// SVGDocument.swift: a minimal SVG writer (elements as escaped text, numbers rounded to 0.1 px).

/// An SVG image built element by element and rendered as one standalone document.
///
/// Every text is XML-escaped; coordinates are in pixels with the origin at the top left.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []

    /// An empty image whose accessible title (`<title>`) is `title`.
    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        elements.append("<title>\(SVGDocument.escape(title))</title>")
        elements.append("<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
    }

    /// A rectangle; `tooltip` becomes a nested `<title>` shown on hover.
    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        stroke: String? = nil, tooltip: String? = nil
    ) {
        let strokeAttribute = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
        let open =
            "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" "
            + "fill=\"\(fill)\"\(strokeAttribute)"
        if let tooltip {
            elements.append(open + "><title>\(SVGDocument.escape(tooltip))</title></rect>")
        } else {
            elements.append(open + "/>")
        }
    }

    /// A straight line.
    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        dash: String? = nil
    ) {
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        elements.append(
            "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
                + "stroke-width=\"\(n(width))\"\(dashAttribute)/>")
    }

    /// An open polyline through `points`.
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil)
    {
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        elements.append(
            "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
                + " stroke-linejoin=\"round\"\(dashAttribute)/>")
    }

    /// A marker centred on (x, y): a filled circle, or a filled square, outlined in white.
    public mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size: Double, fill: String) {
        switch shape {
        case .circle:
            elements.append(
                "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(size / 2))\" fill=\"\(fill)\" stroke=\"#ffffff\""
                    + " stroke-width=\"1\"/>")
        case .square:
            elements.append(
                "<rect x=\"\(n(x - size / 2))\" y=\"\(n(y - size / 2))\" width=\"\(n(size))\" height=\"\(n(size))\""
                    + " fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"1\"/>")
        }
    }

    /// Text anchored at (x, y) (the baseline); `rotate` turns it around that point, in degrees.
    public mutating func text(
        _ string: String, x: Double, y: Double, size: Double = 12, anchor: TextAnchor = .start,
        bold: Bool = false, fill: String = "#222222", rotate: Double? = nil
    ) {
        let weight = bold ? " font-weight=\"bold\"" : ""
        let transform = rotate.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? ""
        elements.append(
            "<text x=\"\(n(x))\" y=\"\(n(y))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""
                + " font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\"\(weight)\(transform)>"
                + SVGDocument.escape(string) + "</text>")
    }

    /// The complete document, with XML declaration.
    public func render() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\">\n"
            + elements.joined(separator: "\n") + "\n</svg>\n"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Horizontal anchor of a text.
public enum TextAnchor: String, Sendable {
    case start, middle, end
}

/// The shape of a line chart's point markers.
public enum MarkerShape: Sendable {
    case circle, square
}

/// A coordinate rounded to a tenth of a pixel, without a trailing `.0`.
func n(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    // Far outside any drawing, a coordinate is clamped (an Int would overflow).
    let tenths = (min(max(value, -1e9), 1e9) * 10).rounded()
    let whole = Int(tenths) / 10
    let fraction = abs(Int(tenths) % 10)
    if fraction == 0 { return String(Int(tenths) / 10) }
    return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
}
