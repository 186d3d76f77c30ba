extension GDImage {
    /// A resampled copy at the given size (Catmull–Rom, widened for reductions); `nil` if memory runs out.
    /// The image must be opaque: alpha is dropped.
    func resized(width: Int, height: Int, threads: Int = 1) -> GDImage? {
        Resampler.resize(self, width: width, height: height, filter: .catmullRom, threads: threads)
    }

    /// A copy transformed for display according to `orientation` (self if `.up`).
    func oriented(_ orientation: ImageOrientation) -> GDImage? {
        guard orientation != .up else { return self }
        let width = self.width
        let height = self.height
        let swaps = orientation.swapsDimensions
        guard let result = GDImage(width: swaps ? height : width, height: swaps ? width : height) else { return nil }
        // For each stored pixel (x, y), where it lands on display.
        let destination: (Int, Int) -> (x: Int, y: Int) =
            switch orientation {
            case .up: { ($0, $1) }
            case .upMirrored: { (width - 1 - $0, $1) }
            case .down: { (width - 1 - $0, height - 1 - $1) }
            case .downMirrored: { ($0, height - 1 - $1) }
            case .leftMirrored: { ($1, $0) }
            case .right: { (height - 1 - $1, $0) }
            case .rightMirrored: { (height - 1 - $1, width - 1 - $0) }
            case .left: { ($1, width - 1 - $0) }
            }
        if swaps {
            // Each stored row becomes a display column: write it through the row pointers.
            let rows = (0..<result.height).map { result.row($0) }
            for y in 0..<height {
                let source = self.row(y)
                let origin = destination(0, y)
                let step = destination(1, y).y - origin.y
                for x in 0..<width {
                    rows[origin.y + step * x][origin.x] = source[x]
                }
            }
        } else {
            for y in 0..<height {
                let source = self.row(y)
                let origin = destination(0, y)
                let target = result.row(origin.y)
                if origin.x == 0 {
                    target.update(from: source, count: width)
                } else {
                    for x in 0..<width {
                        target[width - 1 - x] = source[x]
                    }
                }
            }
        }
        return result
    }
}
