import Testing
import VaultHashing
import VaultInspect
@testable import VaultTeach

/// The walkthrough's coverage of the teaching cases, its determinism, and its two renderings.
@Suite struct WalkthroughDocumentTests {
    static var document: WalkthroughDocument { WalkthroughFixture.md5.document }

    static func cells(_ column: String, in sections: String) -> [String] {
        document.sections.filter { $0.id.hasSuffix(sections) }.flatMap(\.grids).flatMap { grid in
            grid.columns.contains { $0.name == column } ? grid.cells(column).compactMap { $0 } : []
        }
    }

    @Test func everyTeachingCaseShowsUp() {
        let results = Self.cells("result", in: "/keys") + Self.cells("result", in: "/satellites")
        #expect(results.contains("inserted"))
        #expect(results.contains { $0.hasPrefix("known since") })
        #expect(results.contains { $0.hasPrefix("rejected") })
        #expect(results.contains("inserted: hashdiff differs"))
        #expect(results.contains("skipped: same hashdiff"))
        #expect(results.contains { $0.hasPrefix("group inserted") && $0.hasSuffix("1 member changed") })
        #expect(results.contains("inserted: dates changed"))  // a promotion ends
        #expect(results.contains { $0.hasPrefix("inserted: closed by the driving key") })
        let sentences = Self.document.sections.flatMap(\.sentences)
        #expect(sentences.contains { $0.contains("is a dirty spelling") })
        #expect(sentences.contains { $0.contains("late-arriving key") })
        #expect(sentences.contains { $0.contains("points at the ghost") })
        #expect(sentences.contains { $0.contains("was sent again unchanged") })
    }

    @Test func sameOptionsGiveTheSameBytes() throws {
        for strategy in [HashStrategy(), HashStrategy(algorithm: .xxh3, profile: .datavault4dbt)] {
            let a = try Walkthrough.run(WalkthroughOptions(strategy: strategy)).document
            let b = try Walkthrough.run(WalkthroughOptions(strategy: strategy)).document
            #expect(a == b)
            for format in DocumentFormat.allCases {
                #expect(DocumentRenderer(format: format).render(a) == DocumentRenderer(format: format).render(b))
            }
        }
    }

    @Test func theAlgorithmChangesTheHashesOnly() {
        let md5 = WalkthroughFixture.md5.document, sha256 = WalkthroughFixture.sha256.document
        #expect(md5.sections.map(\.id) == sha256.sections.map(\.id))
        let keys = { (d: WalkthroughDocument) in d.section("batch-0/staging")!.grid("business keys of batch 0")! }
        #expect(keys(md5).cells("standardised") == keys(sha256).cells("standardised"))
        #expect(keys(sha256).cells("hash key (sha256)").allSatisfy { $0?.count == 64 })
        #expect(keys(md5).cells("hash key (md5)").allSatisfy { $0?.count == 32 })
    }

    @Test func textWrapsProseWithoutMarksAndKeepsCodeSpansWhole() {
        let text = DocumentRenderer(format: .text, width: 60).render(Self.document)
        let prose = text.split(separator: "\n").filter {
            !$0.contains("  ") && !$0.hasPrefix("-") && !$0.hasPrefix("=")
        }
        #expect(prose.allSatisfy { $0.count <= 60 || !$0.contains(" ") })
        #expect(!text.contains("`") && !text.contains("**"))
        #expect(!text.contains("\u{1B}["))
        let lines = InlineText.wrapped("a `' c001 '` b", width: 5, colour: .none)
        #expect(lines == ["a", "' c001 '", "b"])
    }

    @Test func colourIsAddedOnlyWhenAsked() {
        let coloured = DocumentRenderer(format: .text, style: GridStyle(colour: true)).render(Self.document)
        #expect(coloured.contains("\u{1B}[1m"))
        let markdown = DocumentRenderer(format: .markdown, style: GridStyle(colour: true)).render(Self.document)
        #expect(!markdown.contains("\u{1B}["))
    }

    @Test func markdownHasHeadingsTablesAndMarks() {
        let markdown = DocumentRenderer(format: .markdown).render(Self.document)
        #expect(markdown.hasPrefix("# Data Vault loading, step by step\n"))
        #expect(markdown.contains("\n## Batch 1: load date 2024-01-02 00:00:00.000\n"))
        #expect(markdown.contains("\n### Step 4: satellites, change detection\n"))
        #expect(markdown.contains("| hub_customer    | ' c001 ' |"))
        #expect(markdown.contains("`C001||P001||S001||T0001||PROMO000`"))
        #expect(markdown.hasSuffix("\n") && !markdown.hasSuffix("\n\n"))
    }

    @Test func inlineSpansParseCodeAndBold() {
        #expect(
            InlineText.spans("a `b*` **c** d") == [
                .init(text: "a ", style: .plain), .init(text: "b*", style: .code), .init(text: " ", style: .plain),
                .init(text: "c", style: .bold), .init(text: " d", style: .plain),
            ])
    }
}
