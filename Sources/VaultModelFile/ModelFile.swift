// ModelFile.swift: reading a model file: text or path to a checked DataVaultModel.

import Foundation

/// Reads model files (docs/MODEL-FILES.md): YAML that declares a Data Vault, checked in full.
public enum ModelFile {
    /// The largest model file read: far above any real model, well below what would strain memory.
    public static let maximumBytes = 4 << 20

    /// The model `text` declares, or every mistake in it; `fileName` names the file in the
    /// diagnostics (`retail.yaml:42: ...`).
    public static func read(_ text: String, fileName: String) throws(ModelFileError) -> DataVaultModel {
        let read = ModelReader.read(text, file: fileName)
        var diagnostics = read.diagnostics
        if read.parsed {
            var validator = ModelValidator(read, file: fileName)
            validator.run()
            diagnostics += validator.diagnostics
        }
        guard diagnostics.isEmpty else {
            throw ModelFileError(diagnostics: diagnostics.enumerated().sorted { a, b in
                a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
            }.map(\.element))
        }
        return read.model
    }

    /// The model in the file at `path` (a regular file of UTF-8 text), named as given.
    public static func read(contentsOf path: String) throws(ModelFileError) -> DataVaultModel {
        func failure(_ message: String) -> ModelFileError {
            ModelFileError(diagnostics: [ModelDiagnostic(file: path, line: 0, field: "", kind: .syntax, message: message)])
        }
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw failure("cannot read the file: \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw failure("not a regular file") }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw failure("the file has \(size) bytes; a model file has at most \(maximumBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw failure("the file is not UTF-8 text") }
        return try read(text, fileName: path)
    }
}

/// The model files vaultsim carries: the vaults its commands load.
public enum BundledModel: String, Sendable, CaseIterable {
    /// The retail vault of `vaultsim load`.
    case retail
    /// The vault of `vaultsim explain` (the retail vault over the teaching dataset).
    case teaching

    /// `retail.yaml`
    public var fileName: String { "\(rawValue).yaml" }

    /// The file's text, as it is in Sources/VaultModelFile/Models/.
    public var text: String {
        switch self {
        case .retail: return String(decoding: PackageResources.retail_yaml, as: UTF8.self)
        case .teaching: return String(decoding: PackageResources.teaching_yaml, as: UTF8.self)
        }
    }

    /// The model (the bundled files are valid: the tests read them).
    public var model: DataVaultModel {
        do { return try ModelFile.read(text, fileName: fileName) } catch {
            preconditionFailure("bundled model \(fileName) is invalid:\n\(error)")
        }
    }
}
