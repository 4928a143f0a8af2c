// DDLFile.swift: writing a DDL script to a file durably.

extension DDLGenerator {
    /// Writes `script(version:)` to `path` (temporary name, fsync, rename).
    public func write(to path: String, version: String) throws(FixtureError) {
        try FixtureFiles.writeText(script(version: version), to: path)
    }
}
