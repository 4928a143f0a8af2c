// ModelSchemaTests.swift: the bundled models conform to docs/model-file.schema.json.

import Foundation
import Testing
import VaultModelFile

/// Runs Python's `jsonschema` (with PyYAML) on the bundled models: the JSON Schema in docs/ and
/// the reader must agree on them. Skipped where python3 lacks either module.
@Suite struct ModelSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = root.appendingPathComponent("docs/model-file.schema.json").path

    static let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = sorted(validator.iter_errors(yaml.safe_load(open(path))), key=lambda e: list(e.path))
            for error in errors:
                print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
        """

    static var pythonHasModules: Bool {
        (try? run(["-c", "import yaml, jsonschema"]).status) == 0
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: pythonHasModules, "python3 with jsonschema and PyYAML"))
    func bundledModelsConformToTheJSONSchema() throws {
        let models = BundledModel.allCases.map { Self.root.appendingPathComponent("Sources/VaultModelFile/Models/\($0.fileName)").path }
        let result = try Self.run(["-c", Self.script, Self.schema] + models)
        #expect(result.status == 0)
        #expect(result.output == "")
    }

    @Test(.enabled(if: pythonHasModules, "python3 with jsonschema and PyYAML"))
    func schemaRejectsAnUnknownKeyAsTheReaderDoes() throws {
        let text = ModelFixtures.retail(replacing: "    src_pk: link_sales_hk", with: "    srk_pk: link_sales_hk")
        #expect(ModelFixtures.diagnostics(text).contains { $0.kind == .unknownKey })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vaultsim-model-\(getpid()).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Self.run(["-c", Self.script, Self.schema, file.path])
        #expect(result.output.contains("links/link_sales"))
    }
}
