import Foundation
import Testing

@testable import Web

struct ZipStreamWriterTests {
    static let accented = "01-1er-prix-Collège-Élise.jpg"

    /// Two entries (one with an accented name, one empty) and the end records, as the controller streams them.
    static func archive(_ names: [String] = [accented, "02-vide.txt"]) throws -> Data {
        var writer = ZipStreamWriter()
        var zip = Data()
        for (index, name) in names.enumerated() {
            zip += try writer.entry(name: name, data: index == 0 ? Data("contenu de l’affiche".utf8) : Data())
        }
        zip += writer.finish()
        return zip
    }

    @Test func the_end_record_sizes_the_central_directory_exactly() throws {
        let zip = [UInt8](try Self.archive())
        func u16(_ i: Int) -> Int { Int(zip[i]) | Int(zip[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        // No comment: the end record is the last 22 bytes.
        let end = zip.count - 22
        #expect(u32(end) == 0x0605_4B50)
        let size = u32(end + 12)
        let offset = u32(end + 16)
        #expect(u32(offset) == 0x0201_4B50)
        #expect(offset + size == end, "the central directory ends where the end record starts")
    }

    @Test func independent_readers_accept_the_archive() throws {
        try ExternalZipReaders.expectValid(try Self.archive())
    }

    @Test func accented_names_round_trip_in_python() throws {
        let names = try ExternalZipReaders.pythonNames(try Self.archive())
        #expect(names.map { Array($0.utf8) } == [Array(Self.accented.utf8), Array("02-vide.txt".utf8)])
    }

    @Test func our_reader_gets_the_bytes_back() throws {
        let files = try ZipReader.entries(try Self.archive())
        #expect(files.map(\.name) == [Self.accented, "02-vide.txt"])
        #expect(files.map(\.data) == [Data("contenu de l’affiche".utf8), Data()])
    }

    // MARK: - Limits (no Zip64: refuse instead)

    @Test func the_planned_size_is_the_written_size() throws {
        let zip = try Self.archive()
        let planned = ZipStreamWriter.archiveSize([(Self.accented, Data("contenu de l’affiche".utf8).count), ("02-vide.txt", 0)])
        #expect(planned == UInt64(zip.count))
    }

    @Test func limits_admit_exactly_what_fits() throws {
        let size = Int(try Self.archive().count)
        let files = [(name: Self.accented, byteCount: Data("contenu de l’affiche".utf8).count), (name: "02-vide.txt", byteCount: 0)]
        #expect(ZipStreamWriter.Limits(maxBytes: UInt64(size)).admit(files))
        #expect(!ZipStreamWriter.Limits(maxBytes: UInt64(size - 1)).admit(files))
        #expect(!ZipStreamWriter.Limits(maxEntries: 1).admit(files))
        // Over 4 GB in total, or one file of 4 GB: the classic format cannot say it.
        #expect(!ZipStreamWriter.Limits.format.admit([(name: "a.jpg", byteCount: 3 << 30), (name: "b.jpg", byteCount: 2 << 30)]))
        #expect(!ZipStreamWriter.Limits.format.admit([(name: "a.jpg", byteCount: Int(UInt32.max))]))
        #expect(ZipStreamWriter.Limits.format.admit([(name: "a.jpg", byteCount: 25_000_000)]))
    }

    @Test func limits_never_exceed_the_format() {
        let asked = ZipStreamWriter.Limits(maxBytes: 10 << 30, maxEntries: 100_000)
        #expect(asked.maxBytes == UInt64(UInt32.max) && asked.maxEntries == 65_534)
    }

    @Test func the_writer_throws_instead_of_overflowing() throws {
        var writer = ZipStreamWriter(limits: .init(maxBytes: 250))
        var zip = try writer.entry(name: "a.txt", data: Data(count: 50))
        #expect(throws: ZipStreamWriter.Failure.tooLarge) { _ = try writer.entry(name: "b.txt", data: Data(count: 50)) }
        // What was accepted still closes into a valid archive within the limit.
        zip += writer.finish()
        #expect(zip.count <= 250)
        try ExternalZipReaders.expectValid(zip)
        var counted = ZipStreamWriter(limits: .init(maxEntries: 1))
        _ = try counted.entry(name: "a.txt", data: Data())
        #expect(throws: ZipStreamWriter.Failure.tooManyEntries) { _ = try counted.entry(name: "b.txt", data: Data()) }
    }
}
