// DBTProjectWriter.swift: writes a DBTProject, its seeds and README into a folder, atomically.

import VaultColumnar
import VaultExport
import VaultFiles
import VaultModel

/// Writes a ``DBTProject`` with its seeds: the folder is built beside the target under a temporary
/// name and published whole (``OutputFolder``); the target must not exist, be empty, or be a dbt
/// project vaultsim wrote, unless forced.
public struct DBTProjectWriter: Sendable {
    public let project: DBTProject

    public init(project: DBTProject) {
        self.project = project
    }

    /// One source batch: its number and its tables (named as the source tables).
    public typealias Batch = (index: Int, tables: [Table])

    /// A source table's seed: `batch, line` (1-based position in the batch), then its columns, for
    /// every batch in order.
    public static func sourceSeed(_ name: String, schema: Schema, batches: [Batch]) throws -> Table {
        let seedSchema = Schema([Field("batch", .int32, nullable: false), Field("line", .int32, nullable: false)] + schema.fields)
        var seed = Table(name: DBTModels.rawSeed(name), schema: seedSchema)
        for batch in batches {
            guard let table = batch.tables.first(where: { $0.name == name }) else { continue }
            var batchColumn = Column(.int32, capacity: table.count), lineColumn = Column(.int32, capacity: table.count)
            for row in 0..<table.count {
                batchColumn.append(Int32(batch.index))
                lineColumn.append(Int32(row + 1))
            }
            try seed.append(Table(name: seed.name, schema: seedSchema, columns: [batchColumn, lineColumn] + table.columns))
        }
        return seed
    }

    /// Writes the project into `folder`: text files, source seeds from `batches`, expected seeds
    /// from `vault`'s tables (the stored ones and the materialised business vault).
    public func write(to folder: String, batches: [Batch], vault: Vault, force: Bool = false) throws(FixtureError) {
        let output: OutputFolder
        do { output = try OutputFolder(OutputPath(folder), kind: .dbtProject, force: force) } catch { throw .output(error) }
        let staging = output.staging
        do throws(FixtureError) {
            for sub in ["models/staging", "models/raw_vault", "models/business_vault", "seeds/source", "seeds/expected",
                        "tests/generic"] {
                do { try Syscalls.makeFolders(staging + "/" + sub) } catch { throw FixtureError.output(error) }
            }
            for file in project.textFiles() { try FixtureFiles.writeText(file.text, to: staging + "/" + file.path) }
            var seeds = [Table]()
            for source in project.models.sources {
                do {
                    seeds.append(try Self.sourceSeed(source.name, schema: source.schema, batches: batches))
                } catch {
                    throw FixtureError.unsupported("source table \(source.name): \(error)")
                }
            }
            try writeCSV(seeds, into: staging + "/seeds/source")
            var expected = [Table]()
            let tables = vault.allTables()
            for description in project.vaultTables {
                guard var table = tables.first(where: { $0.name == description.name }) else {
                    throw FixtureError.unsupported("the vault has no table \(description.name)")
                }
                table.name = DBTProject.expectedSeed(description.name)
                expected.append(table)
            }
            try writeCSV(expected, into: staging + "/seeds/expected")
            do { try output.publish() } catch { throw FixtureError.output(error) }
        } catch {
            output.abandon()
            throw error
        }
    }

    func writeCSV(_ tables: [Table], into folder: String) throws(FixtureError) {
        do {
            _ = try TableFolderWriter(folder: folder).write(tables)
        } catch {
            throw .io(path: folder, operation: "write seeds into", reason: error.description)
        }
    }
}
