import Foundation
import Storage
import Testing

struct FileStoreTests {
    @Test func files_are_content_addressed_and_temporaries_cleaned() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("filestore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let data = Data("affiche".utf8)
        let first = try store.put(data, fileExtension: "jpg")
        let second = try store.put(data, fileExtension: "jpg")
        #expect(first.hash == FileStore.sha256Hex(data) && first.path == second.path)
        #expect(first.path.hasPrefix(String(first.hash.prefix(2)) + "/"))
        #expect(try Data(contentsOf: store.url(forRelativePath: first.path)) == data)
        // A write interrupted before its rename leaves only a temporary, which start-up removes.
        let orphan = try store.newTemporaryURL()
        try Data("moitié".utf8).write(to: orphan)
        #expect(store.cleanTemporaries() == 1)
        #expect(!FileManager.default.fileExists(atPath: orphan.path))
    }
}
