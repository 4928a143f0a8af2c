// TableFolderWriter.swift: every table of a set as one CSV file each, in one folder.

import VaultColumnar

/// Writes tables as `FOLDER/<table name>.csv` (created if missing), each file atomically
/// (written under a temporary name, then renamed).
public struct TableFolderWriter: Sendable {
    public let folder: String
    public let writer: CSVWriter

    public init(folder: String, writer: CSVWriter = CSVWriter()) {
        self.folder = folder
        self.writer = writer
    }

    /// Writes every table; returns each file's row count, size and checksum.
    public func write(_ tables: [Table]) throws(ExportError) -> [(table: String, info: CSVFileInfo)] {
        try FileSystem.makeFolders(folder)
        var written = [(table: String, info: CSVFileInfo)]()
        for table in tables {
            written.append((table.name, try writer.write(table, toFile: folder + "/" + table.name + ".csv")))
        }
        return written
    }
}
