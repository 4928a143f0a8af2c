// Standardiser.swift: column values -> the exact strings a dbt package hashes.

import VaultColumnar

/// One input column of a hash key or hashdiff, with its name (hashdiff ordering uses names).
public struct HashInput: Sendable {
    public var name: String
    public var column: Column

    public init(_ name: String, _ column: Column) {
        self.name = name
        self.column = column
    }
}

/// Turns the rows of one or more columns into standardised strings under a ``HashProfile``.
///
/// Each value is rendered with ``ValueText`` (Snowflake's casts), then processed per value in the
/// profile's order (see ``ProfileRules``); values are joined with `||`, NULL written as `^^`.
/// Rows are written straight into one growing byte buffer: no per-row heap allocation, except a
/// `String` for the rare value whose uppercase needs Unicode case mapping.
public struct Standardiser: Sendable {
    public let profile: HashProfile
    let rules: ProfileRules

    public init(profile: HashProfile) {
        self.profile = profile
        self.rules = profile.rules
    }

    /// The inputs in the order the profile hashes them (AutomateDV sorts hashdiff columns by name,
    /// case-insensitively, like Jinja's `sort`).
    public func ordered(_ inputs: [HashInput], kind: HashInputKind) -> [HashInput] {
        guard kind == .hashdiff && rules.sortHashdiffColumns else { return inputs }
        return inputs.enumerated().sorted { a, b in
            let x = a.element.name.lowercased(), y = b.element.name.lowercased()
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// Standardises every row of `inputs` (all of equal length).
    public func standardise(_ inputs: [HashInput], kind: HashInputKind) -> StandardisedBatch {
        precondition(!inputs.isEmpty, "a hash needs at least one column")
        let columns = ordered(inputs, kind: kind).map(\.column)
        let n = columns[0].count
        precondition(columns.allSatisfy { $0.count == n }, "hash input columns differ in length")
        let estimate = columns.reduce(0) { $0 + ($1.type == .string && !$1.isDictionaryEncoded ? $1.bytes.count : n * 12) }
        var batch = StandardisedBatch(capacity: n, bytesCapacity: estimate + n * 4 * columns.count)
        let uppercase = kind == .key ? rules.uppercaseKeys : rules.uppercaseHashdiffs
        let allNullRule = kind == .key ? rules.allNullKey : rules.allNullHashdiff
        let pattern = Self.allNullPattern(columns: columns.count)
        var scratch = [UInt8](repeating: 0, count: 64)

        for row in 0..<n {
            let rowStart = batch.bytes.count
            var nullValues = 0
            for (k, column) in columns.enumerated() {
                if k > 0 { ProfileRules.separator.withUnsafeBytes { batch.bytes.append($0) } }
                if !column.validity.isValidUnchecked(row) || !appendValue(column, row, uppercase: uppercase,
                                                                            scratch: &scratch, to: &batch.bytes) {
                    ProfileRules.nullPlaceholder.withUnsafeBytes { batch.bytes.append($0) }
                    nullValues += 1
                }
            }
            var outcome = StandardisedBatch.Outcome.hash
            if allNullRule != .hashPlaceholders {
                let isNull: Bool
                if columns.count == 1 && !rules.quoteValues {
                    // AutomateDV single-column key: no IFNULL, so only a NULL value gives a NULL key.
                    isNull = nullValues == 1
                } else {
                    // NULLIF(<string>, '^^||^^...'): compare the whole string, exactly as the SQL does.
                    isNull = batch.bytes.count - rowStart == pattern.count && batch.bytes.withUnsafeBytes {
                        $0[rowStart...].elementsEqual(pattern)
                    }
                }
                if isNull { outcome = allNullRule == .null ? .null : .zeroKey }
            }
            if outcome != .hash {
                batch.bytes.resize(to: rowStart)
                if outcome == .null { batch.nullCount += 1 } else { batch.zeroKeyCount += 1 }
            }
            batch.offsets.append(value: Int64(batch.bytes.count))
            batch.outcomes.append(value: outcome.rawValue)
        }
        batch.count = n
        return batch
    }

    /// `^^`, `^^||^^`, ... for `columns` columns.
    static func allNullPattern(columns: Int) -> [UInt8] {
        var pattern = [UInt8]()
        for k in 0..<columns {
            if k > 0 { pattern += ProfileRules.separator }
            pattern += ProfileRules.nullPlaceholder
        }
        return pattern
    }

    /// Appends the standardised form of a valid value; returns false when the profile treats it as NULL.
    private func appendValue(_ column: Column, _ row: Int, uppercase: Bool,
                             scratch: inout [UInt8], to out: inout AlignedBuffer) -> Bool {
        switch column.type {
        case .string:
            return column.withBytes(at: row) { appendText($0, uppercase: uppercase, to: &out) }
        case .fixedBinary(let width):
            // Binary values are cast to text as uppercase hex (Snowflake's BINARY_OUTPUT_FORMAT = HEX).
            var hex = [UInt8]()
            hex.reserveCapacity(width * 2)
            column.withBytes(at: row) { ValueText.appendHex($0, uppercase: true, to: &hex) }
            return hex.withUnsafeBytes { appendText($0, uppercase: uppercase, to: &out) }
        default:
            let length = scratch.withUnsafeMutableBytes { ValueText.write(column, row: row, to: $0.baseAddress!) }
            return scratch.withUnsafeBytes {
                appendText(UnsafeRawBufferPointer(rebasing: $0[0..<length]), uppercase: uppercase, to: &out)
            }
        }
    }

    /// Trims, cases, quotes and cleans one value's text into `out`.
    private func appendText(_ raw: UnsafeRawBufferPointer, uppercase: Bool, to out: inout AlignedBuffer) -> Bool {
        var start = 0, end = raw.count
        while start < end && raw[start] == 0x20 { start += 1 }
        while end > start && raw[end - 1] == 0x20 { end -= 1 }
        if start == end && rules.emptyIsNull { return false }
        let text = UnsafeRawBufferPointer(rebasing: raw[start..<end])
        var needsUnicode = false
        if uppercase { for b in text where b >= 0x80 { needsUnicode = true; break } }
        if needsUnicode {
            let upper = Array(String(decoding: text, as: UTF8.self).uppercased().utf8)
            return upper.withUnsafeBytes { appendProcessed($0, asciiUppercase: false, to: &out) }
        }
        return appendProcessed(text, asciiUppercase: uppercase, to: &out)
    }

    private func appendProcessed(_ text: UnsafeRawBufferPointer, asciiUppercase: Bool, to out: inout AlignedBuffer) -> Bool {
        let quote = rules.quoteValues, strip = rules.stripControlCharacters
        out.appendUninitialized(maximum: text.count * 2 + 2) { target in
            var w = 0
            if quote { target[w] = 0x22; w += 1 }
            var i = 0
            while i < text.count {
                var b = text[i]
                i += 1
                if quote && b == 0x5C {  // '\' -> '\\'
                    target[w] = 0x5C; target[w + 1] = 0x5C; w += 2
                    continue
                }
                if quote && b == 0x5E && i < text.count && text[i] == 0x5E {  // '^^' -> '--'
                    target[w] = 0x2D; target[w + 1] = 0x2D; w += 2
                    i += 1
                    continue
                }
                if strip && (b == 0x0A || b == 0x09 || b == 0x0B || b == 0x0D) { continue }
                if asciiUppercase && b >= 0x61 && b <= 0x7A { b -= 0x20 }
                target[w] = b
                w += 1
            }
            if quote { target[w] = 0x22; w += 1 }
            return w
        }
        return true
    }
}
