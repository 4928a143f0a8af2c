// InlineText.swift: the little inline markup of walkthrough prose (`code`, **bold**), and line wrapping.

import VaultInspect

/// Prose with two inline marks: `` `code` `` for names and values, `**bold**` for terms being
/// defined. Markdown keeps the marks; terminal text drops them (and colours the spans when
/// colour is on) and wraps lines at a width without breaking a code span.
enum InlineText {
    /// A run of text with one style.
    struct Span: Equatable {
        enum Style: Equatable {
            case plain
            case code
            case bold
        }

        var text: String
        var style: Style
    }

    /// The spans of `text`. An unclosed mark runs to the end.
    static func spans(_ text: String) -> [Span] {
        var spans = [Span](), current = "", style = Span.Style.plain
        var chars = Array(text)[...]
        func flush(_ next: Span.Style) {
            if !current.isEmpty { spans.append(Span(text: current, style: style)) }
            current = ""
            style = next
        }
        while let c = chars.popFirst() {
            if c == "`" && style != .bold {
                flush(style == .code ? .plain : .code)
            } else if c == "*" && chars.first == "*" && style != .code {
                chars.removeFirst()
                flush(style == .bold ? .plain : .bold)
            } else {
                current.append(c)
            }
        }
        flush(.plain)
        return spans
    }

    /// The text without marks, wrapped at `width` visible characters (a longer word or code span
    /// gets a line of its own); marked spans are coloured with `colour` (none: no escapes).
    static func wrapped(_ text: String, width: Int, colour: TerminalColour) -> [String] {
        // Words: runs of spans between breaking spaces (spaces inside code spans do not break).
        var words = [[Span]](), word = [Span]()
        for span in spans(text) {
            guard span.style != .code else { word.append(span); continue }
            let pieces = span.text.split(separator: " ", omittingEmptySubsequences: false)
            for (k, piece) in pieces.enumerated() {
                if k > 0 {
                    if !word.isEmpty { words.append(word) }
                    word = []
                }
                if !piece.isEmpty { word.append(Span(text: String(piece), style: span.style)) }
            }
        }
        if !word.isEmpty { words.append(word) }

        func visible(_ word: [Span]) -> Int { word.reduce(0) { $0 + $1.text.count } }
        func painted(_ word: [Span]) -> String {
            word.map { span in
                switch span.style {
                case .plain: return span.text
                case .code: return colour.hashKey.isEmpty ? span.text : colour.hashKey + span.text + colour.reset
                case .bold: return colour.header.isEmpty ? span.text : colour.header + span.text + colour.reset
                }
            }.joined()
        }

        var lines = [String](), line = "", length = 0
        for word in words {
            let n = visible(word)
            if length > 0 && length + 1 + n > width {
                lines.append(line)
                line = ""
                length = 0
            }
            line += (length > 0 ? " " : "") + painted(word)
            length += (length > 0 ? 1 : 0) + n
        }
        if length > 0 { lines.append(line) }
        return lines
    }
}
