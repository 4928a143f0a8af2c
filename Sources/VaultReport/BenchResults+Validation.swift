// BenchResults+Validation.swift: reading results.json safely: plausible numbers, readable errors.

import Foundation

extension BenchResults {
    /// The largest number a results file may hold: 10^15 (seconds, bytes, rows, ratios alike).
    static let largestPlausibleNumber = 1e15

    /// The first number of the results that no measurement can produce (not finite, negative or
    /// above 10^15), named by its path (`cells[2].stages[0].seconds.median`); nil when all are plausible.
    public func firstImplausibleNumber() -> String? {
        // Walks the value's stored properties; the depth is the type's nesting, not the input's.
        var pending: [(path: String, value: Any)] = [("", self)]
        while let (path, value) = pending.popLast() {
            let number: Double?
            switch value {
            case let x as Double: number = x
            case let x as Int: number = Double(x)
            case let x as UInt64: number = Double(x)
            default: number = nil
            }
            if let number {
                if !number.isFinite || number < 0 || number > Self.largestPlausibleNumber {
                    return "\(path) is \(number), outside 0 ... 1e15: not a measurement"
                }
                continue
            }
            let mirror = Mirror(reflecting: value)
            for (index, child) in mirror.children.enumerated().reversed() {
                let name = mirror.displayStyle == .collection ? "\(path)[\(index)]"
                    : (path.isEmpty ? "" : path + ".") + (child.label ?? "\(index)")
                pending.append((name, child.value))
            }
        }
        return nil
    }
}

/// Decoding errors of results.json in words: the field's path and what was wrong, without
/// Foundation's type names.
enum ResultsDecoding {
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it is not valid JSON" }
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\(snake($0.stringValue))" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the top level" : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let inner = path(context.codingPath)
            return "field \(snake(key.stringValue)) is missing" + (context.codingPath.isEmpty ? "" : " in \(inner)")
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected \(describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context.codingPath)) is malformed"
        @unknown default:
            return "it does not match the results schema"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type, is UInt64.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    /// `peakResidentBytes` as written in the file: `peak_resident_bytes`.
    private static func snake(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
