// LoadFrom.swift: `vaultsim load --from DIR`, source batches read from a folder of CSV files.

import ArgumentParser
import Foundation
import VaultColumnar
import VaultExport
import VaultGenerator
import VaultHashing
import VaultModel

/// What `--on-error` accepts: stop at the first malformed row, or reject malformed rows into a file.
enum OnErrorChoice: String, CaseIterable, ExpressibleByArgument {
    case stop
    case reject

    /// The reader's mode; `maxErrors` bounds the rejects over the whole folder.
    func mode(maxErrors: Int) -> CSVErrorMode {
        self == .stop ? .stop : .reject(maxErrors: maxErrors)
    }
}

extension SourceTableSpec {
    /// The seven retail source tables, in ``SourceSchemas/tableNames`` order, dictionary columns as generated.
    static var retailSources: [SourceTableSpec] {
        SourceSchemas.tableNames.indices.map {
            SourceTableSpec(name: SourceSchemas.tableNames[$0], schema: SourceSchemas.all[$0],
                            dictionaryEncoded: SourceSchemas.dictionaryColumns[$0])
        }
    }
}

/// Source batches for `load --from DIR`: reads each batch with ``SourceFolderReader``, writes
/// rejected rows to the reject file, and warns on stderr, once per file, about CSV files edited
/// since the manifest was written and about CSV files no table reads.
///
/// The reject file is CSV with the header `file,line,column,error,record` (`record` holds the
/// row's raw bytes); it is rewritten, atomically, after every batch that rejected rows, and not
/// written at all when no row was rejected.
final class SourceFolderFeed {
    let reader: SourceFolderReader
    /// Where rejected rows go.
    let rejectFile: String
    /// Every row rejected so far.
    private(set) var rejects: [CSVReject] = []
    private var warned: Set<String> = []

    init(reader: SourceFolderReader, rejectFile: String) {
        self.reader = reader
        self.rejectFile = rejectFile
        for file in reader.unexpectedFiles {
            Diagnostics.progress("warning: \(reader.root)/\(file) is not a source table's file; it is not loaded")
        }
    }

    /// The number of batches in the folder (the number of days to load).
    var batchCount: Int { reader.batchCount }

    /// The business date of a batch: the manifest's, or `baseDate` plus the batch number.
    func businessDate(_ entry: SourceFolderReader.Entry, baseDate: CivilDate) -> Int {
        entry.businessDate ?? baseDate.daysSinceEpoch + entry.index
    }

    /// Before anything is read: every batch's business date is a real date, the load fits in
    /// memory (``LoadEstimate``: the source files' bytes and the snapshot dates the batches span),
    /// and a `--base-date` the manifest's dates override is reported.
    func checkFits(baseDate: CivilDate, strategy: HashStrategy, calendar: SnapshotCalendar, materialised: Bool,
                   baseDateGiven: Bool) throws {
        if baseDateGiven && reader.batches.allSatisfy({ $0.businessDate != nil }) {
            throw ValidationError("--base-date does nothing with --from \(reader.root): its manifest dates every batch; leave it out.")
        }
        let dates = reader.batches.map { businessDate($0, baseDate: baseDate) }
        for (entry, date) in zip(reader.batches, dates) where !CivilDate.supportedDays.contains(date) {
            throw CommandFailure("--from \(reader.root): batch \(entry.index) (\(entry.folder)) would fall on day \(date) "
                                 + "after 1970-01-01, outside the years 1900-9999")
        }
        guard let first = dates.min(), let last = dates.max() else { return }
        let sourceBytes = reader.batches.reduce(0.0) { total, entry in
            total + entry.files.reduce(0.0) { $0 + Double(SourceFileSize.bytes(reader.root + "/" + $1.path)) }
        }
        // A sales line is about 100 bytes of CSV, a master row about 150: the first batch (every
        // master row and a day of sales) bounds the hub rows from above at 250 bytes a row.
        let firstBytes = reader.batches.first.map { entry in
            entry.files.reduce(0.0) { $0 + Double(SourceFileSize.bytes(reader.root + "/" + $1.path)) }
        } ?? 0
        let estimate = LoadEstimate(
            lines: sourceBytes / 100, masterRows: max(1, firstBytes / 250),
            snapshotDates: LoadEstimate.snapshotDates(calendar, firstDay: first, loadedDays: last - first + 1),
            keyBytes: LoadEstimate.keyBytes(strategy), materialised: materialised)
        do { try estimate.check(context: "--from \(reader.root)") } catch let error as ValidationError {
            throw CommandFailure(error.message)
        }
    }

    /// The `position`-th batch as a generator batch; without a manifest date, the business date is
    /// `baseDate` plus the batch index.
    func batch(_ position: Int, baseDate: CivilDate) throws -> SourceBatch {
        let read: SourceFolderBatch
        do {
            read = try reader.batch(position)
        } catch {
            throw CommandFailure("--from \(reader.root): \(error.description)")
        }
        for file in read.changedFiles where warned.insert(file).inserted {
            Diagnostics.progress("warning: \(reader.root)/\(file) differs from manifest.json (edited?); "
                                 + "loading it as it is")
        }
        if !read.rejects.isEmpty {
            rejects += read.rejects
            try writeRejects()
            Diagnostics.progress("batch \(read.index): \(read.rejects.count) rows rejected, written to \(rejectFile)")
        }
        return SourceBatch(index: read.index, businessDate: read.businessDate ?? baseDate.daysSinceEpoch + read.index,
                           tables: read.tables)
    }

    /// The header line of a reject file (also how vaultsim knows a reject file it may replace).
    static let rejectHeader = "file,line,column,error,record"

    /// Rewrites the reject file with every reject so far.
    private func writeRejects() throws {
        let schema = Schema([Field("file", .string), Field("line", .int64), Field("column", .string),
                             Field("error", .string), Field("record", .string)])
        var table = Table(name: "rejects", schema: schema, capacity: rejects.count)
        table.withColumns { c in
            for reject in rejects {
                c[0].append(string: reject.error.file)
                if let line = reject.error.line { c[1].append(Int64(line)) } else { c[1].appendNull() }
                c[2].append(optionalString: reject.error.column)
                c[3].append(string: reject.error.message)
                reject.record.withUnsafeBytes { c[4].append(utf8: $0) }
            }
        }
        do {
            try CSVWriter().write(table, toFile: rejectFile)
        } catch {
            throw CommandFailure("--reject-file \(rejectFile): \(error.description)")
        }
    }
}

/// Opens `dir` for `load --from`: checks the manifest (or the batch folders when there is none)
/// against the seven source tables. `rejectFile` defaults to `DIR/rejects.csv`. File checksums
/// are compared with the manifest but a difference only warns, unless `verifyChecksums`.
func readSourceBatches(from dir: String, onError: CSVErrorMode, rejectFile: String?,
                       verifyChecksums: Bool = false, force: Bool = false) throws -> SourceFolderFeed {
    let reader: SourceFolderReader
    do {
        reader = try SourceFolderReader(root: dir, tables: SourceTableSpec.retailSources,
                                        options: .init(verifyChecksums: verifyChecksums, errorMode: onError))
    } catch {
        throw CommandFailure("--from \(dir): \(error.description)")
    }
    let rejects = rejectFile ?? reader.root + "/rejects.csv"
    if case .reject = onError {
        try Outputs.file(rejects, option: "--reject-file", signature: SourceFolderFeed.rejectHeader + "\n", force: force)
    }
    return SourceFolderFeed(reader: reader, rejectFile: rejects)
}

/// File sizes for estimates (0 when a file cannot be looked at: the reader reports it later).
enum SourceFileSize {
    static func bytes(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
