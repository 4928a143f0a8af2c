// CSVWriterTests.swift: the CSV dialect, atomic files with their checksum, and the source folder.

import Foundation
import VaultChecksum
import Testing
import VaultColumnar
@testable import VaultExport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh empty folder under /tmp.
func temporaryFolder(_ name: String) -> String {
    var template = Array("/tmp/vaultsim-\(name)-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    return path
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { return [] }
    defer { fclose(file) }
    var out = [UInt8](), chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

/// A small table with every awkward case: commas, quotes, newlines, blanks, NULL and "".
func awkwardTable() -> Table {
    var table = Table(name: "t", schema: Schema([
        Field("id", .int32), Field("text", .string), Field("code", .string), Field("price", .decimal(precision: 10, scale: 2)),
        Field("day", .date), Field("at", .time),
    ]), dictionaryEncoded: ["code"])
    let texts: [String?] = ["plain", "a,b", "say \"hi\"", "line\nbreak", " lead", "trail ", "", nil, "cr\rx"]
    table.withColumns { c in
        for (i, text) in texts.enumerated() {
            c[0].append(Int32(i))
            c[1].append(optionalString: text)
            if i == 2 { c[2].appendNull() } else { c[2].append(string: i % 2 == 0 ? "X,Y" : "Z") }
            c[3].append(Int64(-i * 150))
            c[4].append(Int32(19_723 + i))
            c[5].append(Int64(i) * 3_661_000_000)
        }
    }
    return table
}

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatRFC4180NeedsAndKeepsNullApartFromEmpty() {
        let text = String(decoding: CSVWriter().bytes(of: awkwardTable()), as: UTF8.self)
        let expected = [
            "id,text,code,price,day,at",
            "0,plain,\"X,Y\",0.00,2024-01-01,00:00:00",
            "1,\"a,b\",Z,-1.50,2024-01-02,01:01:01",
            "2,\"say \"\"hi\"\"\",,-3.00,2024-01-03,02:02:02",
            "3,\"line\nbreak\",Z,-4.50,2024-01-04,03:03:03",
            "4,\" lead\",\"X,Y\",-6.00,2024-01-05,04:04:04",
            "5,\"trail \",Z,-7.50,2024-01-06,05:05:05",
            "6,\"\",\"X,Y\",-9.00,2024-01-07,06:06:06",
            "7,,Z,-10.50,2024-01-08,07:07:07",
            "8,\"cr\rx\",\"X,Y\",-12.00,2024-01-09,08:08:08",
        ].joined(separator: "\n") + "\n"
        #expect(text == expected)
    }

    @Test func smallBuffersGiveTheSameBytes() {
        var table = Table(name: "big", schema: Schema([Field("n", .int64), Field("s", .string)]))
        table.withColumns { c in
            for i in 0..<20_000 {
                c[0].append(Int64(i) * 7919)
                c[1].append(string: i % 3 == 0 ? "x\"\(i)" : "row \(i)")
            }
        }
        #expect(CSVWriter(bufferSize: 4096).bytes(of: table) == CSVWriter().bytes(of: table))
    }

    @Test func writesTheFileAtomicallyWithItsChecksum() throws {
        let folder = temporaryFolder("csv")
        let path = folder + "/t.csv"
        let info = try CSVWriter().write(awkwardTable(), toFile: path)
        let bytes = readFile(path)
        #expect(info.rows == 9 && info.bytes == bytes.count)
        #expect(info.xxh64 == bytes.withUnsafeBytes { XXH64.hash($0) })
        #expect(try! FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aFailedWriteLeavesNoFileUnderTheFinalName() {
        let folder = temporaryFolder("fail")
        var writer = CSVWriter(bufferSize: 4096)
        writer.failAfterBytes = 100
        #expect(throws: ExportError.self) { try writer.write(awkwardTable(), toFile: folder + "/t.csv") }
        #expect(!fileExists(folder + "/t.csv"))
        #expect(try! FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        // A missing folder: the error names the path.
        do {
            try CSVWriter().write(awkwardTable(), toFile: folder + "/missing/t.csv")
            Issue.record("writing into a missing folder succeeded")
        } catch {
            #expect(error.description.contains(folder + "/missing/.t.csv.tmp-"))
        }
    }

    @Test func sourceFolderWritesBatchesAndAManifest() throws {
        let root = temporaryFolder("folder") + "/out/nested"
        let folder = try SourceFolderWriter(root: root, header: [("generator", .string("test"))])
        try folder.write(batch: 0, businessDate: 19_723, tables: [awkwardTable()])
        try folder.finish()
        #expect(fileExists(root + "/batch_000/t.csv"))
        let manifest = String(decoding: readFile(root + "/manifest.json"), as: UTF8.self)
        #expect(manifest.contains("\"file\": \"batch_000/t.csv\""))
        #expect(manifest.contains("\"rows\": 9"))
        #expect(manifest.contains("\"business_date\": \"2024-01-01\""))
        #expect(SourceFolderWriter.folderName(batch: 12) == "batch_012")
    }

    @Test func anOutputPathThatIsAFileIsRejected() throws {
        let folder = temporaryFolder("notdir")
        let file = folder + "/plain"
        try CSVWriter().write(awkwardTable(), toFile: file)
        do {
            _ = try SourceFolderWriter(root: file, header: [])
            Issue.record("a file was accepted as output folder")
        } catch {
            #expect(error.description.contains(file))
        }
    }
}
