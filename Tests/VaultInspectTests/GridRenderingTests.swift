import Foundation
import Testing
import VaultInspect

@Suite struct GridRenderingTests {
    static let grid = Grid(columns: [GridColumn("hub_customer_hk", .hashKey), GridColumn("customer_id"), GridColumn("rows", .number)],
                           rows: [["0A1B2C3D4E5F60718293A4B5C6D7E8F9", "C0000001", "7"],
                                  ["FFEEDDCCBBAA99887766554433221100", nil, "12345"]])

    @Test func columnsArePaddedToTheWidestCellAndNumbersAlignRight() {
        let expected = """
            hub_customer_hk  customer_id   rows
            ---------------  -----------  -----
            0A1B2C3D…        C0000001         7
            FFEEDDCC…        NULL         12345
            """
        #expect(Self.grid.alignedText() == expected)
    }

    @Test func wideTablesShowHashKeysInFull() {
        let lines = Self.grid.alignedText(style: GridStyle(wide: true)).split(separator: "\n")
        #expect(lines[2].hasPrefix("0A1B2C3D4E5F60718293A4B5C6D7E8F9  C0000001"))
        #expect(Set(lines.map(\.count)).count == 1)  // every line as long as the rule
    }

    @Test func shortKeysAreNotShortened() {
        let grid = Grid(columns: [GridColumn("k", .hashKey)], rows: [["ABCDEFGHI"], ["ABCDEFGHIJ"]])
        #expect(grid.alignedText() == "k\n---------\nABCDEFGHI\nABCDEFGH…")
    }

    @Test func markdownTablesAlignNumbersRightAndEscapePipes() {
        let expected = """
            | hub_customer_hk | customer_id |  rows |
            | --------------- | ----------- | ----: |
            | 0A1B2C3D…       | C0000001    |     7 |
            | FFEEDDCC…       | NULL        | 12345 |
            """
        #expect(Self.grid.markdown() == expected)
        let piped = Grid(columns: [GridColumn("standardised")], rows: [["C001||P001"]])
        #expect(piped.markdown() == "| standardised |\n| ------------ |\n| C001\\|\\|P001 |")
        #expect(Self.grid.markdown(style: GridStyle(wide: true)).contains("| 0A1B2C3D4E5F60718293A4B5C6D7E8F9 |"))
    }

    @Test func colourEscapesDoNotChangeTheAlignment() {
        let coloured = Self.grid.alignedText(style: GridStyle(colour: true))
        let stripped = coloured.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[36m", with: "")
            .replacingOccurrences(of: "\u{1B}[2m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(coloured.contains("\u{1B}[36m0A1B2C3D…\u{1B}[0m"))
        #expect(stripped == Self.grid.alignedText())
    }

    @Test func colourNeedsATerminalAndNoNO_COLOR() {
        #expect(TerminalColour.enabled(outputIsTerminal: true, environment: [:]))
        #expect(!TerminalColour.enabled(outputIsTerminal: false, environment: [:]))
        #expect(!TerminalColour.enabled(outputIsTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(TerminalColour.enabled(outputIsTerminal: true, environment: ["NO_COLOR": ""]))
    }

    @Test func csvQuotesWhatNeedsQuotingAndWritesNullAsNothing() {
        let grid = Grid(columns: [GridColumn("a"), GridColumn("b"), GridColumn("c")],
                        rows: [["x,y", "say \"hi\"", nil], ["", "plain", "2"]])
        #expect(grid.csv() == "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\n\"\",plain,2")
    }

    @Test func jsonGivesNumbersNullsAndFullKeys() {
        let json = Self.grid.json()
        #expect(json.contains("\"hub_customer_hk\": \"0A1B2C3D4E5F60718293A4B5C6D7E8F9\""))
        #expect(json.contains("\"customer_id\": null"))
        #expect(json.contains("\"rows\": 12345"))
        let text = Grid(columns: [GridColumn("n", .number)], rows: [["007"], ["1.5e-21"], ["-0.50"]]).json()
        #expect(text.contains("\"n\": \"007\"") && text.contains("\"n\": 1.5e-21") && text.contains("\"n\": -0.50"))
    }

    @Test func textTableKeepsItsFormForSummaries() {
        #expect(TextTable.render([["table", "rows"], ["hub_store", "20"], ["link_sales", "1234"]], rightAligned: [1])
                == "table       rows\n----------  ----\nhub_store     20\nlink_sales  1234")
    }
}
