import Foundation

extension ZipStreamWriter {
    /// How large an archive may grow. The writer has no Zip64: sizes and offsets are 32-bit and the entry count 16-bit,
    /// so nothing above the classic format's limits is ever allowed, whatever a caller asks for.
    struct Limits: Sendable, Equatable {
        /// The classic format: every size and offset below 0xFFFFFFFF, fewer than 0xFFFF entries (those values mean Zip64).
        static let format = Limits()
        static let formatMaxBytes = UInt64(UInt32.max)
        static let formatMaxEntries = Int(UInt16.max) - 1

        /// Largest archive, in bytes, headers and directory included.
        let maxBytes: UInt64
        let maxEntries: Int

        /// Limits are clamped to the format's; tests pass small ones.
        init(maxBytes: UInt64 = formatMaxBytes, maxEntries: Int = formatMaxEntries) {
            self.maxBytes = min(maxBytes, Self.formatMaxBytes)
            self.maxEntries = min(max(maxEntries, 0), Self.formatMaxEntries)
        }

        /// Whether files with these names and sizes make an archive within the limits; checked before a response starts.
        func admit(_ files: [(name: String, byteCount: Int)]) -> Bool {
            files.count <= maxEntries && files.allSatisfy { $0.name.utf8.count <= Int(UInt16.max) && $0.byteCount >= 0 }
                && ZipStreamWriter.archiveSize(files) <= maxBytes
        }
    }

    /// Why the writer stops.
    enum Failure: Error, Equatable {
        /// The archive would cross `Limits.maxBytes`.
        case tooLarge
        case tooManyEntries
        /// A name longer than 65,535 UTF-8 bytes.
        case nameTooLong
    }

    static let localHeaderSize: UInt64 = 30
    static let centralHeaderSize: UInt64 = 46
    static let endRecordSize: UInt64 = 22

    /// The exact size of the archive the writer makes from these files.
    static func archiveSize(_ files: [(name: String, byteCount: Int)]) -> UInt64 {
        files.reduce(endRecordSize) { total, file in
            total + localHeaderSize + centralHeaderSize + 2 * UInt64(file.name.utf8.count) + UInt64(max(file.byteCount, 0))
        }
    }
}
