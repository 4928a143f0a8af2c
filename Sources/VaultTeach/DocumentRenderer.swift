// DocumentRenderer.swift: the walkthrough as terminal text or as Markdown.

import VaultInspect

/// The forms a walkthrough is written in.
public enum DocumentFormat: String, CaseIterable, Sendable {
    /// Terminal text: headings underlined, prose wrapped, aligned tables, colour when asked.
    case text
    /// GitHub-flavoured Markdown: headings, paragraphs, Markdown tables (course material).
    case markdown
}

/// Writes a ``WalkthroughDocument``. The same document and renderer give the same bytes.
public struct DocumentRenderer: Sendable {
    public var format: DocumentFormat
    /// Table style: `wide` shows hash keys in full, `colour` adds ANSI escapes (text form only).
    public var style: GridStyle
    /// Wrap prose at this many characters (text form only).
    public var width: Int

    public init(format: DocumentFormat, style: GridStyle = GridStyle(), width: Int = 100) {
        self.format = format
        self.style = format == .markdown ? GridStyle(wide: style.wide, colour: false, nullText: style.nullText) : style
        self.width = max(20, width)
    }

    private var palette: TerminalColour { style.colour ? TerminalColour.palette : TerminalColour.none }

    /// The whole document, ending with a newline.
    public func render(_ document: WalkthroughDocument) -> String {
        ([title(document)] + document.sections.map(render)).joined(separator: "\n")
    }

    /// The document's title block, ending with a newline.
    public func title(_ document: WalkthroughDocument) -> String {
        switch format {
        case .markdown: return "# \(document.title)\n"
        case .text:
            let rule = String(repeating: "=", count: document.title.count)
            return "\(rule)\n\(paint(document.title, palette.header))\n\(rule)\n"
        }
    }

    /// One section: its heading and blocks, separated by blank lines, ending with a newline.
    public func render(_ section: WalkthroughSection) -> String {
        var parts = [heading(section)]
        for block in section.blocks {
            switch block {
            case .paragraph(let text): parts.append(paragraph(text))
            case .list(let items): parts.append(items.map(listItem).joined(separator: "\n"))
            case .grid(let caption, let grid): parts.append(table(caption, grid))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func heading(_ section: WalkthroughSection) -> String {
        switch (format, section.level) {
        case (.markdown, .part): return "## \(section.title)"
        case (.markdown, .step): return "### \(section.title)"
        case (.text, .part):
            let rule = String(repeating: "=", count: section.title.count)
            return "\(paint(section.title, palette.header))\n\(rule)"
        case (.text, .step):
            let rule = String(repeating: "-", count: section.title.count)
            return "\(paint(section.title, palette.header))\n\(rule)"
        }
    }

    private func paragraph(_ text: String) -> String {
        switch format {
        case .markdown: return text
        case .text: return InlineText.wrapped(text, width: width, colour: palette).joined(separator: "\n")
        }
    }

    private func listItem(_ text: String) -> String {
        switch format {
        case .markdown: return "- " + text
        case .text:
            let lines = InlineText.wrapped(text, width: width - 2, colour: palette)
            return lines.enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }.joined(separator: "\n")
        }
    }

    private func table(_ caption: String, _ grid: Grid) -> String {
        switch format {
        case .markdown: return "**\(caption)**\n\n" + grid.markdown(style: style)
        case .text: return paint(caption + ":", palette.header) + "\n\n" + grid.alignedText(style: style)
        }
    }

    private func paint(_ text: String, _ colour: String) -> String {
        colour.isEmpty ? text : colour + text + palette.reset
    }
}
