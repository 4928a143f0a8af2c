// BatchHasher.swift: standardised strings -> hash-key columns, many keys per kernel call.

import VaultRuntime
import Dispatch
import VaultColumnar

/// Hashes whole batches into key columns, in the strategy's algorithm and key format.
///
/// The digests of a batch are computed by one kernel call per thread slice (SIMD multi-buffer for
/// MD5/SHA-1/SHA-256, libxxhash for XXH3), written straight into the column's buffer; hex keys
/// are encoded from that buffer by the SIMD hex encoder. NULL keys become NULL rows, zero keys
/// all-zero digests (or `000...0` text). Output bytes never depend on the thread count.
public struct BatchHasher: Sendable {
    public let strategy: HashStrategy
    public let standardiser: Standardiser
    /// Threads used for batches large enough to split (at least 1).
    public let threads: Int

    public init(strategy: HashStrategy, threads: Int = 1) {
        self.strategy = strategy
        self.standardiser = Standardiser(profile: strategy.profile)
        self.threads = max(1, threads)
    }

    /// The column type keys have under this strategy.
    public var keyType: ColumnType {
        strategy.keyFormat == .binary ? .fixedBinary(width: strategy.algorithm.digestLength) : .string
    }

    /// Rows standardised and hashed at a time: their strings (about 40 bytes a row) stay in the
    /// core's cache between being written and being hashed, and no batch-sized buffer of strings
    /// is ever built.
    static let chunkRows = 4096

    /// Standardises and hashes `inputs` into a key column, chunk by chunk. A large batch is cut
    /// into one row slice per thread, each on its own core (the bytes do not depend on the cut).
    /// With `zeroKeysAsNull`, rows given the profile's zero key are NULL too (rows a loader skips).
    public func hash(_ inputs: [HashInput], kind: HashInputKind, zeroKeysAsNull: Bool = false) -> HashedKeys {
        let n = inputs.first?.column.count ?? 0
        let width = strategy.algorithm.digestLength
        let slices = n >= 65_536 ? threads : 1
        let outcomes = SharedArray<UInt8>(repeating: 0, count: n)
        var nulls = [Int](repeating: 0, count: slices), zeroKeys = [Int](repeating: 0, count: slices)
        let standardiser = standardiser, algorithm = strategy.algorithm
        // A single-column key repeats its values (stores, transactions, popular products), and a
        // hashdiff the values of the row before (a transaction's lines): those rows copy an
        // earlier row's digest (see ``KeyMemo`` and ``PreviousRow``).
        let memoised = inputs.count > 1 || (kind == .key && inputs.count == 1 && RepeatedKeys.accepts(inputs[0].column.type))
        // Every row's digest is written below (zero for rows not hashed): no zero-fill first.
        let raw = AlignedBuffer(unsafeUninitializedCount: n * width) { target in
            nulls.withUnsafeMutableBufferPointer { nulls in
                zeroKeys.withUnsafeMutableBufferPointer { zeroKeys in
                    let out = UncheckedBox(target.baseAddress), z = UncheckedBox(zeroKeys), nn = UncheckedBox(nulls)
                    concurrentEach(count: slices, threads: slices) { s in
                        let lo = n * s / slices, hi = n * (s + 1) / slices
                        var batch = StandardisedBatch(capacity: Self.chunkRows, bytesCapacity: 0)
                        var memo = memoised ? RepeatedKeys(width: width) : nil
                        for start in stride(from: lo, to: hi, by: Self.chunkRows) {
                            let rows = start..<min(start + Self.chunkRows, hi)
                            if memo?.isUseful == true {
                                let (nullRows, zeroRows) = memo!.hash(inputs, kind: kind, rows: rows, first: lo, with: standardiser,
                                                                      algorithm: algorithm, batch: &batch, digests: out.value!,
                                                                      outcomes: outcomes)
                                nn.value[s] += nullRows
                                z.value[s] += zeroRows
                                continue
                            }
                            standardiser.standardise(inputs, kind: kind, rows: rows, into: &batch)
                            Self.writeDigests(batch, algorithm: algorithm, to: out.value! + start * width)
                            batch.outcomes.withUnsafeBytes { outcomes.copy(from: $0.baseAddress!, count: rows.count, at: start) }
                            nn.value[s] += batch.nullCount
                            z.value[s] += batch.zeroKeyCount
                        }
                    }
                }
            }
        }
        let nullCount = nulls.reduce(0, +), zeroKeyCount = zeroKeys.reduce(0, +)
        var validity = ValidityBitmap(capacity: n)
        if nullCount == 0 && (zeroKeyCount == 0 || !zeroKeysAsNull) {
            validity.appendValid(n)
        } else {
            let hashed = StandardisedBatch.Outcome.hash.rawValue, zero = StandardisedBatch.Outcome.zeroKey.rawValue
            for i in 0..<n { validity.append(outcomes[i] == hashed || (outcomes[i] == zero && !zeroKeysAsNull)) }
        }
        return HashedKeys(column: keyColumn(digests: raw, validity: validity), nullCount: nullCount, zeroKeyCount: zeroKeyCount)
    }

    /// Writes the digests of a standardised batch at `out` (`count * digestLength` bytes) on the
    /// calling thread; rows that are not hashed (NULL or zero key) get all-zero digests.
    static func writeDigests(_ batch: StandardisedBatch, algorithm: HashAlgorithm, to out: UnsafeMutableRawPointer) {
        let width = algorithm.digestLength
        guard batch.count > 0 else { return }
        batch.bytes.withUnsafeBytes { bytes in
            batch.offsets.withUnsafeBytes { rawOffsets in
                let offsets = rawOffsets.baseAddress!.assumingMemoryBound(to: Int64.self)
                if algorithm == .xxh3 {
                    HashKernels.xxh3(bytes: bytes.baseAddress, offsets: offsets, count: batch.count, out: out)
                } else {
                    HashKernels.hash(algorithm, bytes: bytes.baseAddress, offsets: offsets, count: batch.count, out: out)
                }
            }
        }
        if batch.nullCount + batch.zeroKeyCount > 0 {
            batch.outcomes.withUnsafeBytes { outcomes in
                for (i, outcome) in outcomes.enumerated() where outcome != StandardisedBatch.Outcome.hash.rawValue {
                    (out + i * width).initializeMemory(as: UInt8.self, repeating: 0, count: width)
                }
            }
        }
    }

    /// The raw digests of a standardised batch: `count * digestLength` bytes (zero for NULL / zero-key rows).
    public func digests(_ batch: StandardisedBatch) -> AlignedBuffer {
        var out = AlignedBuffer(zeroedCount: batch.count * strategy.algorithm.digestLength)
        out.withUnsafeMutableBytes { target in
            if let base = target.baseAddress { Self.writeDigests(batch, algorithm: strategy.algorithm, to: base) }
        }
        return out
    }

    /// The key column of a standardised batch, in the strategy's key format.
    public func keyColumn(_ batch: StandardisedBatch) -> Column {
        var validity = ValidityBitmap(capacity: batch.count)
        if batch.nullCount == 0 {
            validity.appendValid(batch.count)
        } else {
            batch.outcomes.withUnsafeBytes { for b in $0 { validity.append(b != StandardisedBatch.Outcome.null.rawValue) } }
        }
        return keyColumn(digests: digests(batch), validity: validity)
    }

    /// Binary digests as a key column of the strategy's key format.
    private func keyColumn(digests raw: AlignedBuffer, validity: ValidityBitmap) -> Column {
        let width = strategy.algorithm.digestLength
        switch strategy.keyFormat {
        case .binary: return try! Column(type: .fixedBinary(width: width), validity: validity, values: raw)
        case .hex: return Self.hexColumn(raw, width: width, validity: validity, uppercase: strategy.effectiveHexCase == .upper)
        }
    }

    /// A plain string column of hex digests (NULL rows empty) from contiguous binary digests.
    public static func hexColumn(_ raw: AlignedBuffer, width: Int, validity: ValidityBitmap, uppercase: Bool) -> Column {
        let n = validity.count
        var hex = AlignedBuffer(zeroedCount: n * width * 2)
        raw.withUnsafeBytes { source in
            hex.withUnsafeMutableBytes { target in
                guard n > 0 else { return }
                HashKernels.hexEncode(source.baseAddress!, width: width, count: n, out: target.baseAddress!, uppercase: uppercase)
            }
        }
        var offsets = AlignedBuffer(zeroedCount: (n + 1) * 8)
        var bytes = hex
        if validity.allValid {
            offsets.withUnsafeMutableBytes { raw in
                let o = raw.bindMemory(to: Int64.self)
                for i in 0...n { o[i] = Int64(i * width * 2) }
            }
        } else {
            // Compact: NULL rows hold no bytes.
            bytes = AlignedBuffer(capacity: (n - validity.nullCount) * width * 2)
            var position: Int64 = 0
            hex.withUnsafeBytes { source in
                for i in 0..<n {
                    if validity.isValidUnchecked(i) {
                        bytes.append(UnsafeRawBufferPointer(rebasing: source[i * width * 2..<(i + 1) * width * 2]))
                        position += Int64(width * 2)
                    }
                    offsets.store(position, toByteOffset: (i + 1) * 8)
                }
            }
        }
        return try! Column(type: .string, validity: validity, values: offsets, bytes: bytes)
    }
}

/// A hashed key column and what the profile did with NULL inputs.
public struct HashedKeys: Sendable {
    /// The keys (binary or hex), NULL where the key is NULL under the profile.
    public var column: Column
    /// Rows whose key is NULL (not loaded, counted by the loader).
    public var nullCount: Int
    /// Rows given the profile's zero key.
    public var zeroKeyCount: Int
}

