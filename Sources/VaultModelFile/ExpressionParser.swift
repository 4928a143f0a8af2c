// ExpressionParser.swift: text to ModelExpression, with the position of the first mistake.

/// A mistake in an expression's text: what was wrong and at which character (1-based).
public struct ExpressionSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based character position in the expression.
    public var position: Int
    public var message: String

    public var description: String { "\(message) at character \(position)" }
}

/// Parses the expression language of ``ModelExpression``.
public enum ExpressionParser {
    /// The expression `text` is, or the first mistake in it.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> ModelExpression {
        var parser = Parser(tokens: try tokenize(text), end: text.count + 1)
        let expression = try parser.expression()
        if let token = parser.peek { throw ExpressionSyntaxError(position: token.position, message: "unexpected '\(token.text)'") }
        return expression
    }

    /// A word, number or symbol with its 1-based position.
    struct Token {
        enum Kind { case name, number, symbol }
        var kind: Kind
        var text: String
        var position: Int
    }

    static func tokenize(_ text: String) throws(ExpressionSyntaxError) -> [Token] {
        var tokens = [Token]()
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let start = i
            if c.isASCII && (c.isLetter || c == "_") {
                while i < characters.count, characters[i].isASCII, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" { i += 1 }
                tokens.append(Token(kind: .name, text: String(characters[start..<i]), position: start + 1))
            } else if c.isASCII && c.isNumber {
                var points = 0
                while i < characters.count, characters[i].isASCII, characters[i].isNumber || characters[i] == "." {
                    if characters[i] == "." { points += 1 }
                    i += 1
                }
                let number = String(characters[start..<i])
                guard points <= 1, number.last != "." else {
                    throw ExpressionSyntaxError(position: start + 1, message: "malformed number '\(number)'")
                }
                tokens.append(Token(kind: .number, text: number, position: start + 1))
            } else if "+-*(),.".contains(c) {
                tokens.append(Token(kind: .symbol, text: String(c), position: start + 1))
                i += 1
            } else {
                let hint = c == "/" ? " (division is not part of the language)" : ""
                throw ExpressionSyntaxError(position: start + 1, message: "unexpected character '\(c)'\(hint)")
            }
        }
        return tokens
    }

    /// Recursive descent over the tokens.
    struct Parser {
        var tokens: [Token]
        var index = 0
        /// The position just past the text, for "expected ... at the end" mistakes.
        let end: Int

        init(tokens: [Token], end: Int) {
            self.tokens = tokens
            self.end = end
        }

        var peek: Token? { index < tokens.count ? tokens[index] : nil }

        mutating func next(_ expected: String) throws(ExpressionSyntaxError) -> Token {
            guard let token = peek else { throw ExpressionSyntaxError(position: end, message: "expected \(expected), found the end") }
            index += 1
            return token
        }

        mutating func expect(_ symbol: String) throws(ExpressionSyntaxError) {
            let token = try next("'\(symbol)'")
            guard token.kind == .symbol && token.text == symbol else {
                throw ExpressionSyntaxError(position: token.position, message: "expected '\(symbol)', found '\(token.text)'")
            }
        }

        mutating func expression() throws(ExpressionSyntaxError) -> ModelExpression {
            var left = try term()
            while let token = peek, token.kind == .symbol, token.text == "+" || token.text == "-" {
                index += 1
                left = .binary(token.text == "+" ? .add : .subtract, left, try term())
            }
            return left
        }

        mutating func term() throws(ExpressionSyntaxError) -> ModelExpression {
            var left = try factor()
            while let token = peek, token.kind == .symbol, token.text == "*" {
                index += 1
                left = .binary(.multiply, left, try factor())
            }
            return left
        }

        mutating func factor() throws(ExpressionSyntaxError) -> ModelExpression {
            let token = try next("a column, a number, 'lookup(' or '('")
            switch token.kind {
            case .number: return .number(token.text)
            case .name:
                if let open = peek, open.kind == .symbol, open.text == "(" {
                    guard token.text == "lookup" else {
                        throw ExpressionSyntaxError(position: token.position, message: "unknown function '\(token.text)' (the one function is lookup)")
                    }
                    index += 1
                    return .lookup(try lookup())
                }
                return .column(token.text)
            case .symbol:
                guard token.text == "(" else {
                    throw ExpressionSyntaxError(position: token.position, message: "expected a column, a number, 'lookup(' or '(', found '\(token.text)'")
                }
                let inner = try expression()
                try expect(")")
                return inner
            }
        }

        /// After `lookup(`: `satellite.column, key)`.
        mutating func lookup() throws(ExpressionSyntaxError) -> ModelLookup {
            let satellite = try name("a satellite name")
            try expect(".")
            let column = try name("a column of \(satellite)")
            try expect(",")
            let key = try name("the column holding the hub's business key")
            try expect(")")
            return ModelLookup(satellite: satellite, column: column, key: key)
        }

        mutating func name(_ what: String) throws(ExpressionSyntaxError) -> String {
            let token = try next(what)
            guard token.kind == .name else {
                throw ExpressionSyntaxError(position: token.position, message: "expected \(what), found '\(token.text)'")
            }
            return token.text
        }
    }
}
