extension ImageProbe {
    /// Whether the data of the first GIF frame is all there.
    ///
    /// libgd decodes a truncated GIF without reporting anything (the missing rows stay blank), so the block
    /// structure is walked up to the end of the first image: extensions and data sub-blocks are skipped by size.
    static func gifFirstFrameIsComplete(_ reader: ByteReader) -> Bool {
        do {
            let screenFlags = try reader.u8(10)
            var offset = 13 + self.colorTableSize(flags: screenFlags)
            while true {
                switch try reader.u8(offset) {
                case 0x21:
                    // Extension: introducer, label, then sub-blocks.
                    offset = try self.skipSubBlocks(reader, from: offset + 2)
                case 0x2C:
                    // Image descriptor (10 bytes), local colour table, LZW minimum code size, data sub-blocks.
                    let imageFlags = try reader.u8(offset + 9)
                    offset += 10 + self.colorTableSize(flags: imageFlags) + 1
                    _ = try self.skipSubBlocks(reader, from: offset)
                    return true
                default:
                    return false  // trailer before any image, or junk
                }
            }
        } catch {
            return false
        }
    }

    private static func colorTableSize(flags: Int) -> Int {
        flags & 0x80 == 0 ? 0 : 3 << ((flags & 0x07) + 1)
    }

    /// Offset just past the zero-length block that ends a run of sub-blocks.
    private static func skipSubBlocks(_ reader: ByteReader, from start: Int) throws(ProbeError) -> Int {
        var offset = start
        while true {
            let size = try reader.u8(offset)
            offset += 1
            if size == 0 {
                return offset
            }
            offset += size
        }
    }
}
