// OutputFolderTests.swift: publishing folders whole, refusing what is not ours, one writer at a time.

import Foundation
import Testing
@testable import VaultFiles

/// A fresh folder under the system's temporary folder, removed by `cleanUp()`.
struct Scratch {
    let root: String
    init() {
        root = NSTemporaryDirectory() + "vaultfiles-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
    func write(_ text: String, to relative: String) {
        let path = root + "/" + relative
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    func read(_ relative: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))).map { String(decoding: $0, as: UTF8.self) }
    }
    var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted() }
}

@Suite struct OutputFolderTests {
    func publish(_ scratch: Scratch, _ name: String, kind: OutputKind = .feed, force: Bool = false, text: String) throws {
        let output = try OutputFolder(OutputPath(scratch.root + "/" + name), kind: kind, force: force)
        try Data(text.utf8).write(to: URL(fileURLWithPath: output.staging + "/data.txt"))
        try output.publish()
    }

    @Test func aPublishedFolderReplacesTheOutputOfTheSameKindAndLeavesNoTemporary() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        try publish(scratch, "out", text: "one")
        try publish(scratch, "out", text: "two")
        #expect(scratch.read("out/data.txt") == "two")
        #expect(scratch.read("out/.vaultsim") == "vaultsim feed\n")
        #expect(scratch.entries == ["out"])
    }

    @Test func aFolderVaultsimDidNotWriteIsRefusedAndKeptByteForByte() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        scratch.write("precious", to: "mine/notes.txt")
        #expect(throws: FileError.self) { try publish(scratch, "mine", text: "new") }
        do { try publish(scratch, "mine", text: "new") } catch {
            #expect("\(error)".contains("--force"))
            #expect("\(error)".contains("mine"))
        }
        #expect(scratch.read("mine/notes.txt") == "precious")
        #expect(scratch.entries == ["mine"])
        try publish(scratch, "mine", force: true, text: "new")
        #expect(scratch.read("mine/data.txt") == "new")
        #expect(scratch.read("mine/notes.txt") == nil)
    }

    @Test func anOutputOfAnotherKindIsRefusedNamingBothKinds() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        try publish(scratch, "out", kind: .feed, text: "feed")
        do {
            try publish(scratch, "out", kind: .snapshot, text: "snap")
            Issue.record("a feed was replaced by a snapshot")
        } catch {
            #expect("\(error)".contains("holds a vaultsim feed, not a snapshot"))
        }
        #expect(scratch.read("out/data.txt") == "feed")
    }

    @Test func aFileIsNeverReplacedByAFolderEvenWhenForced() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        scratch.write("source", to: "table.csv")
        #expect(throws: FileError.self) { try publish(scratch, "table.csv", force: true, text: "x") }
        #expect(scratch.read("table.csv") == "source")
    }

    @Test func aSecondWriterOfTheSameOutputFailsAtOnceNamingTheFirst() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let first = try OutputFolder(OutputPath(scratch.root + "/out"), kind: .feed)
        do {
            _ = try OutputFolder(OutputPath(scratch.root + "/out"), kind: .feed)
            Issue.record("two writers held one output")
        } catch {
            #expect("\(error)".contains("process \(getpid())"))
        }
        first.abandon()
        _ = try OutputFolder(OutputPath(scratch.root + "/out"), kind: .feed)
    }

    @Test(arguments: OutputFolder.Step.allCases)
    func aPublishStoppedAtAnyStepLeavesTheOldOrTheNewOutputAndTheNextWriterCleansUp(_ step: OutputFolder.Step) throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        try publish(scratch, "out", text: "old")
        let output = try OutputFolder(OutputPath(scratch.root + "/out"), kind: .feed)
        try Data("new".utf8).write(to: URL(fileURLWithPath: output.staging + "/data.txt"))
        #expect(throws: FileError.self) { try output.publish(stoppingAfter: step) }
        #expect(scratch.read("out/data.txt") == (step == .flushed ? "old" : "new"))
        // A temporary named for a dead process, as a kill would leave it.
        let dead = scratch.root + "/.out.tmp-999999999"
        try FileManager.default.moveItem(atPath: output.staging, toPath: dead)
        try publish(scratch, "out", text: "third")
        #expect(scratch.read("out/data.txt") == "third")
        #expect(scratch.entries == ["out"])
    }

    @Test func anInterruptedFallbackPublishIsPutBackBeforeTheNextWrite() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        try publish(scratch, "out", text: "old")
        try FileManager.default.moveItem(atPath: scratch.root + "/out", toPath: scratch.root + "/.out.old-999999999")
        let output = try OutputFolder(OutputPath(scratch.root + "/out"), kind: .feed)
        #expect(scratch.read("out/data.txt") == "old")
        output.abandon()
        #expect(scratch.entries == ["out"])
    }
}

@Suite struct OutputPathTests {
    @Test func oneCharacterAndDotPathsSplitIntoAnAbsoluteParentAndAName() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let saved = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }
        FileManager.default.changeCurrentDirectoryPath(scratch.root)
        let real = try #require(Syscalls.realPath(scratch.root))
        let s = try OutputPath("s")
        #expect(s.parent == real && s.name == "s")
        let nested = try OutputPath("a/b/")
        #expect(nested.parent == real + "/a" && nested.name == "b")
        let up = try OutputPath("../x")
        #expect(up.name == "x" && up.parent == (real as NSString).deletingLastPathComponent)
        for current in [".", "./", "./."] {
            do {
                _ = try OutputPath(current)
                Issue.record("\(current) was accepted as an output replacing the current folder")
            } catch {
                #expect("\(error)".contains("current folder"))
            }
        }
        #expect(throws: FileError.self) { try OutputPath("") }
        #expect(throws: FileError.self) { try OutputPath("/") }
    }
}

@Suite struct OutputFileTests {
    @Test func onlyAFileStartingWithTheOutputsSignatureIsReplacedUnforced() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        scratch.write("customer_id,name\n", to: "source.csv")
        scratch.write("file,line,column,error,record\n", to: "rejects.csv")
        let signature = "file,line,column,error,record\n"
        #expect(throws: FileError.self) {
            try OutputFile.checkReplaceable(OutputPath(scratch.root + "/source.csv"), signature: signature, force: false)
        }
        try OutputFile.checkReplaceable(OutputPath(scratch.root + "/rejects.csv"), signature: signature, force: false)
        try OutputFile.checkReplaceable(OutputPath(scratch.root + "/new.csv"), signature: signature, force: false)
        try OutputFile.checkReplaceable(OutputPath(scratch.root + "/source.csv"), signature: signature, force: true)
        #expect(throws: FileError.self) {
            try OutputFile.checkReplaceable(OutputPath(scratch.root), signature: signature, force: true)
        }
    }
}
