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
    ///
    /// - Complexity: O(rows x columns), one pass; each row is written in place into one buffer.
    public func standardise(_ inputs: [HashInput], kind: HashInputKind) -> StandardisedBatch {
        standardise(inputs, kind: kind, rows: 0..<(inputs.first?.column.count ?? 0))
    }

    /// Standardises the rows `rows` of `inputs` (all of equal length); row `rows.lowerBound` is
    /// the batch's row 0. Slices of one batch standardised apart give the same strings.
    public func standardise(_ inputs: [HashInput], kind: HashInputKind, rows: Range<Int>) -> StandardisedBatch {
        var batch = StandardisedBatch(capacity: rows.count, bytesCapacity: 0)
        standardise(inputs, kind: kind, rows: rows, into: &batch)
        return batch
    }

    /// Standardises the rows `rows` of `inputs` into `batch`, replacing what it held but reusing
    /// its buffers: a caller that standardises a large batch slice by slice allocates once.
    public func standardise(_ inputs: [HashInput], kind: HashInputKind, rows: Range<Int>, into batch: inout StandardisedBatch) {
        precondition(!inputs.isEmpty, "a hash needs at least one column")
        let columns = ordered(inputs, kind: kind).map(\.column)
        let total = columns[0].count
        precondition(columns.allSatisfy { $0.count == total }, "hash input columns differ in length")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= total, "rows \(rows) out of range 0..<\(total)")
        let n = rows.count
        batch.removeAll()
        let quoted = rules.quoteValues
        let uppercase = kind == .key ? rules.uppercaseKeys : rules.uppercaseHashdiffs
        let allNullRule = kind == .key ? rules.allNullKey : rules.allNullHashdiff
        let pattern = Self.allNullPattern(columns: columns.count)
        let singleUnquoted = columns.count == 1 && !rules.quoteValues
        let rules = self.rules
        var nullCount = 0, zeroKeyCount = 0

        withReaders(columns) { readers in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * n) { scratch in
                // Per row: where its bytes start, where the next value goes, and its NULL values.
                let starts = scratch.baseAddress!, cursors = starts + n, nulls = starts + 2 * n
                let bound = Self.rowBounds(readers, columns: columns, quoted: quoted, rows: rows, into: starts)
                for i in 0..<n { cursors[i] = starts[i]; nulls[i] = 0 }
                batch.offsets.appendUninitialized(maximum: n * 8) { offsetBytes in
                batch.outcomes.appendUninitialized(maximum: n) { outcomeBytes in
                batch.bytes.appendUninitialized(maximum: bound) { target in
                    let base = target.baseAddress!
                    // Column at a time: one type dispatch and one reader per column, not per value.
                    for (k, reader) in readers.enumerated() {
                        for i in 0..<n {
                            var w = cursors[i]
                            if k > 0 { base.storeBytes(of: 0x7C7C, toByteOffset: w, as: UInt16.self); w += 2 }
                            let row = rows.lowerBound + i
                            let written = reader.isValid(row)
                                ? Self.writeValue(reader, row, rules: rules, uppercase: uppercase, to: base + w) : nil
                            if let written { w += written } else {
                                base.storeBytes(of: 0x5E5E, toByteOffset: w, as: UInt16.self)
                                w += 2
                                nulls[i] += 1
                            }
                            cursors[i] = w
                        }
                    }
                    // Rows were written apart, each in its own bound: close them up front to back.
                    let offsets = offsetBytes.baseAddress!.assumingMemoryBound(to: Int64.self)
                    let outcomes = outcomeBytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    var w = 0
                    for i in 0..<n {
                        let length = cursors[i] - starts[i]
                        var outcome = StandardisedBatch.Outcome.hash
                        if allNullRule != .hashPlaceholders {
                            // AutomateDV single-column key: no IFNULL, only a NULL value gives a NULL key.
                            // Otherwise NULLIF(<string>, '^^||^^...'): compare the whole string as the SQL does.
                            let isNull = singleUnquoted ? nulls[i] == 1
                                : (length == pattern.count && memcmp(base + starts[i], pattern, length) == 0)
                            if isNull {
                                outcome = allNullRule == .null ? .null : .zeroKey
                                if outcome == .null { nullCount += 1 } else { zeroKeyCount += 1 }
                            }
                        }
                        if outcome == .hash {
                            if starts[i] != w { memmove(base + w, base + starts[i], length) }
                            w += length
                        }
                        offsets[i] = Int64(w)
                        outcomes[i] = outcome.rawValue
                    }
                    // Bytes past the strings (up to the last row's end) were written and are padding
                    // again: zero them.
                    let written = n > 0 ? cursors[n - 1] : 0
                    if written > w { (base + w).initializeMemory(as: UInt8.self, repeating: 0, count: written - w) }
                    return w
                }
                return n
                }
                return n * 8
                }
            }
        }
        batch.nullCount = nullCount
        batch.zeroKeyCount = zeroKeyCount
        batch.count = n
    }

    /// Writes where each row of `rows` starts in a buffer that gives every row an upper bound of
    /// its standardised bytes; returns the buffer's length. Summed column by column: a fixed-width
    /// value prints in at most ``ValueText/maximumTextLength(of:)`` bytes; a string's bytes at
    /// most triple (Unicode upper-casing), unless the slice's strings of that column are all
    /// ASCII: then they stay as long, or at most double when values are quoted (escaping).
    /// Separators, quotes and NULL markers add 4 a value.
    static func rowBounds(_ readers: [ColumnReader], columns: [Column], quoted: Bool, rows: Range<Int>,
                          into starts: UnsafeMutablePointer<Int>) -> Int {
        let n = rows.count
        var fixed = 4 * readers.count
        for reader in readers {
            switch reader.type {
            case .string: break
            case .fixedBinary(let width): fixed += width * 4 + 2
            default: fixed += ValueText.maximumTextLength(of: reader.type) + 2
            }
        }
        for i in 0..<n { starts[i] = fixed }
        for (reader, column) in zip(readers, columns) where reader.type == .string {
            guard !column.isDictionaryEncoded else {
                for i in 0..<n { starts[i] += reader.bytes(rows.lowerBound + i).count * 3 + 2 }
                continue
            }
            // A plain string's length is the difference of two offsets: one tight loop.
            let growth = Self.isASCII(plainStrings: reader, rows: rows) ? (quoted ? 2 : 1) : 3
            column.withUnsafeValues(as: Int64.self) { offsets in
                let o = offsets.baseAddress! + rows.lowerBound
                for i in 0..<n { starts[i] += Int(o[i + 1] - o[i]) * growth + 2 }
            }
        }
        var total = 0
        for i in 0..<n {
            let bound = starts[i]
            starts[i] = total
            total += bound
        }
        return total
    }

    /// Writes the standardised text of one valid value at `p`; `nil` when the profile treats it as NULL.
    @inline(__always)
    static func writeValue(_ reader: ColumnReader, _ row: Int, rules: ProfileRules, uppercase: Bool,
                           to p: UnsafeMutableRawPointer) -> Int? {
        switch reader.type {
        case .string:
            return writeText(reader.bytes(row), rules: rules, uppercase: uppercase, to: p)
        case .fixedBinary:
            // Binary values are cast to text as uppercase hex (Snowflake's BINARY_OUTPUT_FORMAT = HEX).
            let value = reader.bytes(row)
            return withUnsafeTemporaryAllocation(byteCount: max(value.count * 2, 1), alignment: 1) { hex in
                HashKernels.hexEncode(value.baseAddress!, width: value.count, count: 1, out: hex.baseAddress!, uppercase: true)
                return writeText(UnsafeRawBufferPointer(rebasing: hex[0..<value.count * 2]), rules: rules, uppercase: uppercase, to: p)
            }
        case .int32, .int64, .decimal, .date, .time, .timestamp:
            // Digits, signs and separators only: nothing to trim, case, escape or strip, and never
            // empty, so the text is written in place (quoted when the profile quotes values).
            guard rules.quoteValues else { return ValueText.write(reader, row: row, to: p) }
            p.storeBytes(of: 0x22, as: UInt8.self)
            let length = ValueText.write(reader, row: row, to: p + 1)
            p.storeBytes(of: 0x22, toByteOffset: length + 1, as: UInt8.self)
            return length + 2
        default:
            var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &scratch) { s in
                let length = ValueText.write(reader, row: row, to: s.baseAddress!)
                return writeText(UnsafeRawBufferPointer(rebasing: s[0..<length]), rules: rules, uppercase: uppercase, to: p)
            }
        }
    }

    /// Trims, cases, quotes and cleans one value's text at `p`; `nil` when empty counts as NULL.
    @inline(__always)
    static func writeText(_ raw: UnsafeRawBufferPointer, rules: ProfileRules, uppercase: Bool, to p: UnsafeMutableRawPointer) -> Int? {
        var start = 0, end = raw.count
        while start < end && raw[start] == 0x20 { start += 1 }
        while end > start && raw[end - 1] == 0x20 { end -= 1 }
        if start == end && rules.emptyIsNull { return nil }
        let text = UnsafeRawBufferPointer(rebasing: raw[start..<end])
        if uppercase && !rules.quoteValues && !rules.stripControlCharacters && copyUppercasingASCII(text, to: p) {
            return text.count  // AutomateDV's common case: checked, cased and copied in one pass
        }
        if uppercase && !Self.isASCII(text) {
            let upper = Array(String(decoding: text, as: UTF8.self).uppercased().utf8)
            return upper.withUnsafeBytes { writeProcessed($0, rules: rules, asciiUppercase: false, to: p) }
        }
        return writeProcessed(text, rules: rules, asciiUppercase: uppercase, to: p)
    }

    @inline(__always)
    static func writeProcessed(_ text: UnsafeRawBufferPointer, rules: ProfileRules, asciiUppercase: Bool,
                               to p: UnsafeMutableRawPointer) -> Int {
        let target = p.assumingMemoryBound(to: UInt8.self)
        let quote = rules.quoteValues, strip = rules.stripControlCharacters
        var w = 0
        if !quote && !strip {
            // Nothing to escape or strip. Upper-cased AutomateDV text never gets here (writeText
            // cases and copies it in one pass, ``copyUppercasingASCII(_:to:)``): a straight copy.
            assert(!asciiUppercase, "upper-cased plain text is copied by copyUppercasingASCII")
            if let source = text.baseAddress { p.copyMemory(from: source, byteCount: text.count) }
            return text.count
        }
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

    /// Copies `text` to `p` upper-cased, 8 bytes at a time (a tail shorter than 8 bytes as one
    /// overlapping word), and returns whether it was all ASCII; when it was not, what was written
    /// is meaningless and the caller writes the value again with Unicode case mapping.
    @inline(__always)
    static func copyUppercasingASCII(_ text: UnsafeRawBufferPointer, to p: UnsafeMutableRawPointer) -> Bool {
        let n = text.count
        guard n >= 8, let source = text.baseAddress else {
            var seen: UInt8 = 0
            for (k, b) in text.enumerated() {
                seen |= b
                p.storeBytes(of: b >= 0x61 && b <= 0x7A ? b - 0x20 : b, toByteOffset: k, as: UInt8.self)
            }
            return seen < 0x80
        }
        var seen: UInt64 = 0, w = 0
        while w + 8 <= n {
            let word = source.loadUnaligned(fromByteOffset: w, as: UInt64.self)
            seen |= word
            p.storeBytes(of: uppercased(word), toByteOffset: w, as: UInt64.self)
            w += 8
        }
        if w < n {
            let word = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            seen |= word
            p.storeBytes(of: uppercased(word), toByteOffset: n - 8, as: UInt64.self)
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// Whether the strings of `rows` of a plain string column are all ASCII: they lie back to back
    /// in the column's bytes, so one scan of that span answers.
    static func isASCII(plainStrings reader: ColumnReader, rows: Range<Int>) -> Bool {
        guard let last = rows.last else { return true }
        let first = reader.bytes(rows.lowerBound), end = reader.bytes(last)
        guard let start = first.baseAddress, let stop = end.baseAddress else { return first.isEmpty && end.isEmpty }
        return isASCII(UnsafeRawBufferPointer(start: start, count: stop + end.count - start))
    }

    /// Whether every byte of `text` is ASCII (below 0x80), 8 bytes at a time.
    @inline(__always)
    static func isASCII(_ text: UnsafeRawBufferPointer) -> Bool {
        let n = text.count
        guard n > 0 else { return true }
        let base = text.baseAddress!
        var seen: UInt64 = 0, i = 0
        while i + 8 <= n {
            seen |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            seen |= UInt64(text[i])
            i += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// The 8 ASCII bytes of `word` with `a`-`z` turned into `A`-`Z`, all at once: for each byte
    /// below 0x80, adding 0x1F sets its top bit when it is at least `a` (0x61), adding 0x05 when
    /// it is past `z` (0x7A); a lower-case byte then loses its 0x20 bit. The additions cannot carry
    /// into the next byte (each byte is at most 0x7F + 0x1F).
    @inline(__always)
    static func uppercased(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low7 = word & ~high
        let atLeastA = low7 &+ ones &* 0x1F, pastZ = low7 &+ ones &* 0x05
        let lower = atLeastA & ~pastZ & ~word & high
        return word ^ (lower >> 2)
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
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
