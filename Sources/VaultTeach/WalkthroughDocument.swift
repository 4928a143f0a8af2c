// WalkthroughDocument.swift: the walkthrough as data: sections of paragraphs, lists and grids.

import VaultInspect

/// The walkthrough, before any rendering: a title and sections, each a part (a batch, or the
/// business vault after the last batch) or a step inside a part. Renderers turn it into terminal
/// text or Markdown (``DocumentRenderer``); tests read its grids directly.
public struct WalkthroughDocument: Sendable, Equatable {
    public var title: String
    public var sections: [WalkthroughSection]

    public init(title: String, sections: [WalkthroughSection] = []) {
        self.title = title
        self.sections = sections
    }

    /// The section with identifier `id`, if any.
    public func section(_ id: String) -> WalkthroughSection? { sections.first { $0.id == id } }
}

/// A part or a step of the walkthrough.
public struct WalkthroughSection: Sendable, Equatable {
    /// Whether a section is a part (a heading of its own) or a step inside one.
    public enum Level: Sendable, Equatable {
        case part
        case step
    }

    /// A stable identifier: `intro`, `batch-K/source`, `batch-K/staging`, `batch-K/keys`,
    /// `batch-K/satellites`, `end-dates`, `pit`, `as-of`, ...
    public var id: String
    public var level: Level
    public var title: String
    public var blocks: [WalkthroughBlock]

    public init(id: String, level: Level, title: String, blocks: [WalkthroughBlock] = []) {
        self.id = id
        self.level = level
        self.title = title
        self.blocks = blocks
    }

    /// The grids of the section, in order.
    public var grids: [Grid] {
        blocks.compactMap { if case .grid(_, let grid) = $0 { return grid } else { return nil } }
    }

    /// The grid captioned `caption`, if any.
    public func grid(_ caption: String) -> Grid? {
        for block in blocks { if case .grid(caption, let grid) = block { return grid } }
        return nil
    }

    /// Every paragraph and list item, in order.
    public var sentences: [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let text): return [text]
            case .list(let items): return items
            case .grid: return []
            }
        }
    }
}

/// One block of a section. Text may mark names and values as code with backticks (`hub_customer`).
public enum WalkthroughBlock: Sendable, Equatable {
    /// A paragraph of prose.
    case paragraph(String)
    /// A bulleted list.
    case list([String])
    /// A table with a caption (the caption names the table the rows come from, or what they show).
    case grid(String, Grid)
}
