// HelpText.swift: discussion texts of `--help` written as source paragraphs, reflowed for the terminal.

/// Turns a discussion written with line breaks every ~100 columns (as source code wants) into
/// paragraphs that the argument parser wraps to the terminal's width itself.
///
/// Consecutive prose lines (not indented, not empty) are joined with a space; a line that starts
/// with whitespace (examples, aligned lists), a list item (`- `) and an empty line start a new line,
/// so examples and tables keep their layout. Without this, every source line break survives beside
/// the parser's own wrapping and the text comes out ragged.
enum HelpText {
    static func reflow(_ text: String) -> String {
        var lines: [String] = []
        var joinable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let prose = !line.isEmpty && !line.first!.isWhitespace
            if prose && joinable && !line.hasPrefix("- ") {
                lines[lines.count - 1] += " " + line
            } else {
                lines.append(line)
            }
            joinable = prose
        }
        return lines.joined(separator: "\n")
    }
}
