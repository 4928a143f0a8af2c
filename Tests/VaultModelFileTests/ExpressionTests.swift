// ExpressionTests.swift: the expression language of derived columns: parsing and types.

import Testing
import VaultColumnar
import VaultModelFile

@Suite struct ExpressionTests {
    @Test func multiplicationBindsTighterAndSubtractionAssociatesLeft() throws {
        let expression = try ExpressionParser.parse("a - b - c * 2 + lookup(sat_x.y, k)")
        #expect(expression == .binary(.add,
                                      .binary(.subtract, .binary(.subtract, .column("a"), .column("b")),
                                              .binary(.multiply, .column("c"), .number("2"))),
                                      .lookup(ModelLookup(satellite: "sat_x", column: "y", key: "k"))))
        #expect(expression.columns == ["a", "b", "c", "k"])
        #expect(expression.lookups == [ModelLookup(satellite: "sat_x", column: "y", key: "k")])
    }

    @Test func writtenBackWithTheParenthesesThatMatter() throws {
        for text in ["a - (b - c)", "(a + b) * c", "a * b - c", "a - b + c", "lookup(s.c, k) * (q + 1.5)"] {
            #expect(try ExpressionParser.parse(text).description == text)
        }
        #expect(try ExpressionParser.parse("((a)) + (b * c)").description == "a + b * c")
    }

    @Test func syntaxErrorsNameTheirPosition() {
        let cases: [(String, String)] = [
            ("a +", "expected a column, a number, 'lookup(' or '(', found the end at character 4"),
            ("a b", "unexpected 'b' at character 3"),
            ("(a + b", "expected ')', found the end at character 7"),
            ("sum(a)", "unknown function 'sum' (the one function is lookup) at character 1"),
            ("lookup(s, k)", "expected '.', found ',' at character 9"),
            ("1.2.3", "malformed number '1.2.3' at character 1"),
            ("a / b", "unexpected character '/' (division is not part of the language) at character 3"),
        ]
        for (text, message) in cases {
            #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(text) }
            do { _ = try ExpressionParser.parse(text) } catch { #expect(error.description == message, "\(text)") }
        }
    }

    let columns: [String: ColumnType] = [
        "q": .int32, "n": .int64, "price": .decimal(precision: 10, scale: 2), "rate": .decimal(precision: 5, scale: 4),
        "x": .double, "name": .string, "day": .date,
    ]

    func type(_ text: String) throws -> ExpressionType {
        try ExpressionTyping.type(of: ExpressionParser.parse(text), columns: columns, lookups: [:])
    }

    @Test func typesFollowTheRulesOfTheTable() throws {
        #expect(try type("q + n * 2") == .integer)
        #expect(try type("price * q - price") == .decimal(scale: 2))
        #expect(try type("price * rate") == .decimal(scale: 6))
        #expect(try type("price + 0.05") == .decimal(scale: 2))
        #expect(try type("x * price") == .double)
        #expect(try type("name") == .other(.string))
    }

    @Test func typeErrorsNameTheOperand() {
        let cases: [(String, String)] = [
            ("name * q", "'name' is a string column: '*' takes numbers (int32, int64, decimal, double)"),
            ("day + 1", "'day' is a date column: '+' takes numbers (int32, int64, decimal, double)"),
            ("price + rate", "'price + rate' adds decimals of scales 2 and 4; the scales must match"),
        ]
        for (text, message) in cases {
            do {
                _ = try type(text)
                Issue.record("\(text) type-checked")
            } catch let error as ExpressionTypeError {
                #expect(error.description == message)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func declaredTypesHoldWhatFits() {
        #expect(ExpressionTyping.fits(.integer, .int32))
        #expect(ExpressionTyping.fits(.integer, .decimal(precision: 10, scale: 2)))
        #expect(ExpressionTyping.fits(.decimal(scale: 2), .decimal(precision: 18, scale: 2)))
        #expect(!ExpressionTyping.fits(.decimal(scale: 2), .decimal(precision: 10, scale: 3)))
        #expect(!ExpressionTyping.fits(.decimal(scale: 2), .int64))
        #expect(!ExpressionTyping.fits(.double, .decimal(precision: 10, scale: 2)))
        #expect(ExpressionTyping.fits(.other(.string), .string))
        #expect(!ExpressionTyping.fits(.other(.string), .date))
    }

    @Test func rowFilterComparesCleanedBusinessKeys() {
        let filter = RowFilter(column: "promotion_id", notEqual: "PROMO000")
        #expect(!filter.passes("PROMO000"))
        #expect(!filter.passes(" promo000 "))
        #expect(filter.passes("PROMO001"))
        #expect(filter.passes(nil))
    }

    @Test func recordSourcePatternReplacesBothPlaceholders() {
        let rule = RecordSourceRule(pattern: "{table}@RETAIL.{TABLE}")
        #expect(rule.recordSource(of: "Sales_lines") == "Sales_lines@RETAIL.SALES_LINES")
    }
}
