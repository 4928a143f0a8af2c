// CSVWriter+Fields.swift: the output buffer and the per-column field writers of the CSV encoder.

import VaultColumnar

/// A growable byte buffer owned by the encoder for the length of one `encode` call.
struct OutputBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 64)
    }

    func release() { base.deallocate() }

    var contents: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for `n` more bytes.
    @inline(__always)
    mutating func ensure(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 64)
        fresh.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        ensure(1)
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Appends a text field, quoting it when RFC 4180 (or a leading/trailing blank) requires;
    /// the empty string becomes `""`.
    @inline(__always)
    mutating func field(_ text: UnsafeRawBufferPointer) {
        let n = text.count
        ensure(2 * n + 2)
        guard n > 0 else {
            base.storeBytes(of: UInt16(0x2222), toByteOffset: count, as: UInt16.self)
            count += 2
            return
        }
        let first = text[0], last = text[n - 1]
        var quote = first == 32 || first == 9 || last == 32 || last == 9
        if !quote {
            for b in text where b == 44 || b == 34 || b == 10 || b == 13 {
                quote = true
                break
            }
        }
        if !quote {
            (base + count).copyMemory(from: text.baseAddress!, byteCount: n)
            count += n
            return
        }
        base.storeBytes(of: UInt8(34), toByteOffset: count, as: UInt8.self)
        count += 1
        for b in text {
            base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
            count += 1
            if b == 34 {
                base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
                count += 1
            }
        }
        base.storeBytes(of: UInt8(34), toByteOffset: count, as: UInt8.self)
        count += 1
    }
}

/// Reads one column's values straight from its buffers and writes them as CSV fields.
///
/// Holds only raw pointers (no references, so copying it costs no reference counting): they
/// point into the column's buffers and are valid only while the table is alive and unchanged
/// (the encoder keeps it alive with `withExtendedLifetime`). Dictionary entries are rendered
/// once into memory this cursor owns until `release()`.
struct FieldCursor {
    enum Kind { case int32, int64, decimal(Int), date, time, timestamp, other, plain, dictionary }

    let kind: Kind
    let values: UnsafeRawPointer
    let bytes: UnsafeRawPointer
    let validity: UnsafeRawPointer
    let allValid: Bool
    /// Dictionary columns: every entry already rendered as a CSV field, and `count + 1` offsets.
    let rendered: UnsafeMutableRawPointer?
    let renderedOffsets: UnsafeMutablePointer<Int>?

    init(_ column: Column) {
        switch column.type {
        case .int32: kind = .int32
        case .int64: kind = .int64
        case .decimal(_, let scale): kind = .decimal(scale)
        case .date: kind = .date
        case .time: kind = .time
        case .timestamp: kind = .timestamp
        case .double, .bool, .fixedBinary: kind = .other
        case .string: kind = column.isDictionaryEncoded ? .dictionary : .plain
        }
        values = column.values.withUnsafeBytes { UnsafeRawPointer($0.baseAddress!) }
        bytes = column.bytes.withUnsafeBytes { UnsafeRawPointer($0.baseAddress!) }
        validity = column.validity.words.withUnsafeBytes { UnsafeRawPointer($0.baseAddress!) }
        allValid = column.validity.allValid
        if let dictionary = column.dictionary {
            var buffer = OutputBuffer(capacity: 4096)
            let offsets = UnsafeMutablePointer<Int>.allocate(capacity: dictionary.count + 1)
            offsets[0] = 0
            for code in 0..<dictionary.count {
                dictionary.withValue(Int32(code)) { buffer.field($0) }
                offsets[code + 1] = buffer.count
            }
            let storage = UnsafeMutableRawPointer.allocate(byteCount: max(buffer.count, 1), alignment: 8)
            storage.copyMemory(from: buffer.base, byteCount: buffer.count)
            buffer.release()
            rendered = storage
            renderedOffsets = offsets
        } else {
            rendered = nil
            renderedOffsets = nil
        }
    }

    func release() {
        rendered?.deallocate()
        renderedOffsets?.deallocate()
    }

    /// Writes row `row` of `column` (the column this cursor was made from); nothing for NULL.
    @inline(__always)
    func write(row: Int, of column: @autoclosure () -> Column, to out: inout OutputBuffer) {
        if !allValid {
            let word = validity.loadUnaligned(fromByteOffset: (row >> 6) << 3, as: UInt64.self)
            if (word >> UInt64(row & 63)) & 1 == 0 { return }
        }
        out.ensure(48)
        let p = out.base + out.count
        switch kind {
        case .int32:
            out.count += ValueText.writeInteger(Int64(values.loadUnaligned(fromByteOffset: row * 4, as: Int32.self)), to: p)
        case .int64:
            out.count += ValueText.writeInteger(values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self), to: p)
        case .decimal(let scale):
            out.ensure(24 + scale)
            out.count += ValueText.writeDecimal(units: values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self),
                                                scale: scale, to: out.base + out.count)
        case .date:
            out.count += ValueText.writeDate(days: Int(values.loadUnaligned(fromByteOffset: row * 4, as: Int32.self)), to: p)
        case .time:
            out.count += ValueText.writeTime(microseconds: values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self), to: p)
        case .timestamp:
            out.count += ValueText.writeTimestamp(microseconds: values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self), to: p)
        case .other:
            var text = [UInt8]()
            ValueText.append(column(), row: row, to: &text, hexUppercase: true)
            text.withUnsafeBytes { out.field($0) }
        case .plain:
            let start = Int(values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self))
            let end = Int(values.loadUnaligned(fromByteOffset: row * 8 + 8, as: Int64.self))
            out.field(UnsafeRawBufferPointer(start: bytes + start, count: end - start))
        case .dictionary:
            let code = Int(values.loadUnaligned(fromByteOffset: row * 4, as: Int32.self))
            let start = renderedOffsets![code], n = renderedOffsets![code + 1] - start
            out.ensure(n)
            (out.base + out.count).copyMemory(from: rendered! + start, byteCount: n)
            out.count += n
        }
    }
}
