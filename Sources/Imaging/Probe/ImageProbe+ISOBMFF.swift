extension ImageProbe {
    /// HEIF/AVIF: the primary item's `ispe` (spatial extent) and `irot` (rotation) properties in the `meta` box.
    ///
    /// Best effort: mirroring (`imir`) is ignored, and when the primary item cannot be resolved the largest `ispe` is used.
    static func isobmff(_ reader: ByteReader, format: ImageFormat) throws(ProbeError) -> ImageInfo {
        guard let meta = try self.boxes(in: reader, range: 0..<reader.count, stopAt: "meta").first(where: { $0.type == "meta" })
        else { throw .needMoreData }
        // `meta` is a full box: 4 bytes of version and flags precede its children.
        let children = try self.boxes(in: reader, range: meta.content.lowerBound + 4..<meta.content.upperBound)
        var primaryItem: Int?
        var properties: [Box] = []
        var associations: [Int: [Int]] = [:]
        for box in children {
            switch box.type {
            case "pitm":
                let version = try reader.u8(box.content.lowerBound)
                let field = box.content.lowerBound + 4
                primaryItem = version == 0 ? try reader.u16be(field) : try reader.u32be(field)
            case "iprp":
                for child in try self.boxes(in: reader, range: box.content) {
                    if child.type == "ipco" {
                        properties = try self.boxes(in: reader, range: child.content)
                    } else if child.type == "ipma" {
                        associations.merge(try self.itemAssociations(reader, child)) { $0 + $1 }
                    }
                }
            default:
                break
            }
        }
        // Property indices are 1-based positions in `ipco`.
        let primary = (primaryItem.flatMap { associations[$0] } ?? []).compactMap { index in
            properties.indices.contains(index - 1) ? properties[index - 1] : nil
        }
        var size: (width: Int, height: Int)?
        if let ispe = primary.first(where: { $0.type == "ispe" }) {
            size = try self.spatialExtent(reader, ispe)
        } else {
            for ispe in properties where ispe.type == "ispe" {
                let candidate = try self.spatialExtent(reader, ispe)
                if candidate.width * candidate.height > (size.map { $0.width * $0.height } ?? 0) {
                    size = candidate
                }
            }
        }
        guard let size else { throw .invalid }
        var orientation = ImageOrientation.up
        if let irot = primary.first(where: { $0.type == "irot" }) {
            // Angle in quarter turns counter-clockwise.
            orientation = [.up, .left, .down, .right][try reader.u8(irot.content.lowerBound) & 3]
        }
        return ImageInfo(format: format, width: size.width, height: size.height, orientation: orientation)
    }

    struct Box {
        var type: String
        var content: Range<Int>
    }

    /// The boxes laid out in `range`; stops after a box of type `stopAt`.
    static func boxes(in reader: ByteReader, range: Range<Int>, stopAt: String? = nil) throws(ProbeError) -> [Box] {
        var result: [Box] = []
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound {
            var size = try reader.u32be(offset)
            let type = try reader.fourCC(offset + 4)
            var header = 8
            if size == 1 {
                let large = try reader.u64be(offset + 8)
                guard large <= UInt64(Int.max) else { throw .invalid }
                size = Int(large)
                header = 16
            } else if size == 0 {
                size = range.upperBound - offset
            }
            guard size >= header, offset <= Int.max - size else { throw .invalid }
            result.append(Box(type: type, content: offset + header..<offset + size))
            if type == stopAt {
                _ = try reader.u8(offset + size - 1)  // the whole box must be present
                break
            }
            offset += size
        }
        return result
    }

    private static func spatialExtent(_ reader: ByteReader, _ ispe: Box) throws(ProbeError) -> (width: Int, height: Int) {
        (try reader.u32be(ispe.content.lowerBound + 4), try reader.u32be(ispe.content.lowerBound + 8))
    }

    /// `ipma`: for each item, the 1-based indices of its properties.
    private static func itemAssociations(_ reader: ByteReader, _ ipma: Box) throws(ProbeError) -> [Int: [Int]] {
        var offset = ipma.content.lowerBound
        let version = try reader.u8(offset)
        let wideIndices = try reader.u8(offset + 3) & 1 == 1
        offset += 4
        let entryCount = try reader.u32be(offset)
        offset += 4
        var result: [Int: [Int]] = [:]
        for _ in 0..<min(entryCount, 65_536) {
            let item = version < 1 ? try reader.u16be(offset) : try reader.u32be(offset)
            offset += version < 1 ? 2 : 4
            let count = try reader.u8(offset)
            offset += 1
            var indices: [Int] = []
            for _ in 0..<count {
                if wideIndices {
                    indices.append(try reader.u16be(offset) & 0x7FFF)
                    offset += 2
                } else {
                    indices.append(try reader.u8(offset) & 0x7F)
                    offset += 1
                }
            }
            result[item, default: []] += indices
        }
        return result
    }
}
