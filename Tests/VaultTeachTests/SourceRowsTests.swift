import Testing
import VaultColumnar
@testable import VaultTeach

@Suite struct SourceRowsTests {
    @Test func rowsBecomeTypedColumnsWithMissingColumnsNull() throws {
        let table = try SourceRows.table(
            "transactions",
            [
                [
                    "transaction_id": "T1", "line_item_number": "2", "transaction_date": "2024-01-31",
                    "transaction_time": "13:05:09",
                    "unit_price": "12.5", "discount_amount": "-0.50",
                ]
            ])
        #expect(table.count == 1)
        #expect(table["line_item_number"].int32(at: 0) == 2)
        #expect(table["transaction_date"].text(at: 0) == "2024-01-31")
        #expect(table["transaction_time"].text(at: 0) == "13:05:09")
        #expect(table["unit_price"].text(at: 0) == "12.50")
        #expect(table["discount_amount"].text(at: 0) == "-0.50")
        #expect(table["customer_id"].string(at: 0) == nil)
    }

    @Test func badValuesNameTableRowAndColumn() {
        #expect(
            throws: SourceRowError.badValue(
                table: "products", row: 1, column: "unit_price", text: "1.234",
                type: .decimal(precision: 10, scale: 2))
        ) {
            try SourceRows.table("products", [["product_id": "P1"], ["product_id": "P2", "unit_price": "1.234"]])
        }
        #expect(throws: SourceRowError.unknownColumn(table: "stores", row: 0, column: "colour")) {
            try SourceRows.table("stores", [["colour": "red"]])
        }
        #expect(throws: SourceRowError.unknownTable("orders")) { try SourceRows.table("orders", []) }
        #expect(SourceRows.decimalUnits("1.2.3", scale: 2) == nil)
        #expect(SourceRows.decimalUnits("", scale: 2) == nil)
        #expect(SourceRows.decimalUnits("7", scale: 2) == 700)
    }
}
