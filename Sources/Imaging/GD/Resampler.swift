import Dispatch

/// Separable convolution resampling of opaque gd truecolor images, in fixed point.
///
/// The kernel widens with the reduction factor (as in Pillow), so large reductions average every source pixel instead of
/// aliasing. This computes what `gdImageCopyResampled`/`gdImageScale` compute, several times faster: those fetch every
/// sample through a function call in floating point, and were most of the rendition time.
enum Resampler {
    /// The reconstruction filter.
    enum Filter {
        /// Area averaging; what `gdImageCopyResampled` does.
        case box
        /// Bilinear (tent), widened.
        case triangle
        /// Bicubic with a = −0.5 (Catmull–Rom): sharp, little ringing.
        case catmullRom

        var support: Double {
            switch self {
            case .box: 0.5
            case .triangle: 1
            case .catmullRom: 2
            }
        }

        func weight(_ x: Double) -> Double {
            let x = abs(x)
            switch self {
            case .box:
                return x < 0.5 ? 1 : 0
            case .triangle:
                return x < 1 ? 1 - x : 0
            case .catmullRom:
                let a = -0.5
                if x < 1 {
                    return ((a + 2) * x - (a + 3)) * x * x + 1
                }
                if x < 2 {
                    return (((x - 5) * x + 8) * x - 4) * a
                }
                return 0
            }
        }
    }

    /// Fixed-point precision of the weights: 8-bit samples times weights stay far below `Int32.max`.
    fileprivate static let precisionBits = 16

    /// Taps of one output coordinate: first source index and weights.
    private struct Taps {
        var first: [Int]
        var count: [Int]
        /// `stride` weights per output coordinate.
        var weights: [Int32]
        var stride: Int
    }

    /// A resampled copy of an opaque truecolor image (alpha is dropped); `nil` if memory runs out.
    /// - Parameter threads: how many threads share the work (1 to stay on the caller's thread).
    static func resize(_ source: GDImage, width: Int, height: Int, filter: Filter = .catmullRom, threads: Int = 1) -> GDImage? {
        guard width > 0, height > 0, let result = GDImage(width: width, height: height) else { return nil }
        // Horizontal pass into a (width × source height) buffer, then vertical pass into the result.
        let intermediate = UnsafeMutablePointer<UInt32>.allocate(capacity: width * source.height)
        defer { intermediate.deallocate() }
        let job = Job(
            sourceRows: (0..<source.height).map { UnsafeRawPointer(source.row($0)).assumingMemoryBound(to: UInt32.self) },
            resultRows: (0..<height).map { UnsafeMutableRawPointer(result.row($0)).assumingMemoryBound(to: UInt32.self) },
            intermediate: intermediate, width: width,
            horizontal: self.taps(input: source.width, output: width, filter: filter),
            vertical: self.taps(input: source.height, output: height, filter: filter))
        self.parallel(rows: source.height, threads: threads) { job.horizontalPass(rows: $0) }
        self.parallel(rows: height, threads: threads) { job.verticalPass(rows: $0) }
        return result
    }

    /// The buffers of one resize; each pass writes disjoint rows, so threads can share it.
    private struct Job: @unchecked Sendable {
        var sourceRows: [UnsafePointer<UInt32>]
        var resultRows: [UnsafeMutablePointer<UInt32>]
        var intermediate: UnsafeMutablePointer<UInt32>
        var width: Int
        var horizontal: Taps
        var vertical: Taps

        func horizontalPass(rows: Range<Int>) {
            let taps = self.horizontal
            taps.first.withUnsafeBufferPointer { firsts in
                taps.count.withUnsafeBufferPointer { counts in
                    taps.weights.withUnsafeBufferPointer { weights in
                        for y in rows {
                            let input = self.sourceRows[y]
                            let output = self.intermediate + y * self.width
                            for x in 0..<self.width {
                                let first = firsts[x]
                                let base = x * taps.stride
                                var red = Resampler.half
                                var green = Resampler.half
                                var blue = Resampler.half
                                for tap in 0..<counts[x] {
                                    let pixel = Int32(bitPattern: input[first + tap])
                                    let weight = weights[base + tap]
                                    red &+= (pixel &>> 16 & 0xFF) &* weight
                                    green &+= (pixel &>> 8 & 0xFF) &* weight
                                    blue &+= (pixel & 0xFF) &* weight
                                }
                                output[x] = Resampler.pack(red, green, blue)
                            }
                        }
                    }
                }
            }
        }

        func verticalPass(rows: Range<Int>) {
            let taps = self.vertical
            // Whole rows are accumulated tap by tap, so memory is read sequentially.
            let sums = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * self.width)
            defer { sums.deallocate() }
            let (reds, greens, blues) = (sums, sums + self.width, sums + 2 * self.width)
            taps.weights.withUnsafeBufferPointer { weights in
                for y in rows {
                    sums.initialize(repeating: Resampler.half, count: 3 * self.width)
                    for tap in 0..<taps.count[y] {
                        let input = self.intermediate + (taps.first[y] + tap) * self.width
                        let weight = weights[y * taps.stride + tap]
                        for x in 0..<self.width {
                            let pixel = Int32(bitPattern: input[x])
                            reds[x] &+= (pixel &>> 16 & 0xFF) &* weight
                            greens[x] &+= (pixel &>> 8 & 0xFF) &* weight
                            blues[x] &+= (pixel & 0xFF) &* weight
                        }
                    }
                    let output = self.resultRows[y]
                    for x in 0..<self.width {
                        output[x] = Resampler.pack(reds[x], greens[x], blues[x])
                    }
                }
            }
        }
    }

    /// Half of one in fixed point, so that the final shift rounds.
    fileprivate static let half: Int32 = 1 << (precisionBits - 1)

    /// Fixed-point channel sums back to an opaque gd pixel.
    @inline(__always)
    fileprivate static func pack(_ red: Int32, _ green: Int32, _ blue: Int32) -> UInt32 {
        @inline(__always)
        func channel(_ sum: Int32) -> UInt32 {
            UInt32(truncatingIfNeeded: min(255, max(0, sum &>> Int32(precisionBits))))
        }
        return channel(red) << 16 | channel(green) << 8 | channel(blue)
    }

    /// Normalised fixed-point weights for mapping `input` samples onto `output` samples.
    private static func taps(input: Int, output: Int, filter: Filter) -> Taps {
        let scale = Double(input) / Double(output)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let stride = Int((support * 2).rounded(.up)) + 2
        var taps = Taps(
            first: [Int](repeating: 0, count: output), count: [Int](repeating: 0, count: output),
            weights: [Int32](repeating: 0, count: output * stride), stride: stride)
        var weights = [Double](repeating: 0, count: stride)
        for index in 0..<output {
            let center = (Double(index) + 0.5) * scale
            let first = min(max(0, Int((center - support + 0.5).rounded(.down))), input - 1)
            let last = min(input, Int((center + support + 0.5).rounded(.down)))
            let count = min(max(last - first, 1), stride)
            var total = 0.0
            for tap in 0..<count {
                weights[tap] = filter.weight((Double(first + tap) - center + 0.5) / filterScale)
                total += weights[tap]
            }
            taps.first[index] = first
            taps.count[index] = count
            for tap in 0..<count {
                let normalised = total == 0 ? (tap == 0 ? 1 : 0) : weights[tap] / total
                taps.weights[index * stride + tap] = Int32((normalised * Double(1 << self.precisionBits)).rounded())
            }
        }
        return taps
    }

    /// Splits `rows` into contiguous ranges, one per thread.
    private static func parallel(rows: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = max(1, min(threads, rows / 64))
        guard threads > 1 else {
            body(0..<rows)
            return
        }
        let chunk = (rows + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            body(index * chunk..<min(rows, (index + 1) * chunk))
        }
    }
}
