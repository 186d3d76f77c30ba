import Dispatch

/// Separable convolution resampling of opaque gd truecolor images, in fixed point.
///
/// The kernel widens with the reduction factor (as in Pillow), so large reductions average every source pixel instead of
/// aliasing. This computes what `gdImageCopyResampled`/`gdImageScale` compute, several times faster: those fetch every
/// sample through a function call in floating point, and were most of the rendition time.
enum Resampler {
    /// Fixed-point precision of the weights: 8-bit samples times weights stay far below `Int32.max`.
    static let precisionBits = 16

    /// A resampled copy of an opaque truecolor image (alpha is dropped); `nil` if memory runs out.
    /// - Parameter threads: how many threads share the work (1 to stay on the caller's thread).
    static func resize(_ source: GDImage, width: Int, height: Int, filter: Filter = .catmullRom, threads: Int = 1) -> GDImage? {
        guard let plan = Plan(source: source, width: width, height: height, filter: filter, streaming: false) else { return nil }
        let job = plan.job
        self.parallel(rows: source.height, threads: threads) { job.horizontalPass(rows: $0) }
        self.parallel(rows: height, threads: threads) { job.verticalPass(rows: $0) }
        return plan.result
    }

    /// A resize that can proceed as source rows arrive (from a decoder running on another thread).
    final class Plan {
        let result: GDImage
        fileprivate let job: Job
        /// Kept alive while rows are read from it.
        private let source: GDImage
        private var horizontalDone = 0
        private var verticalDone = 0

        /// - Parameter streaming: rows will come through `advance`, in order: the horizontal pass then only keeps the
        ///   few rows the vertical filter still needs, instead of a whole (width × source height) buffer.
        init?(source: GDImage, width: Int, height: Int, filter: Filter = .catmullRom, streaming: Bool = true) {
            guard width > 0, height > 0, let result = GDImage(width: width, height: height) else { return nil }
            let vertical = Resampler.taps(input: source.height, output: height, filter: filter)
            // Row i of the horizontal pass is needed until output row y with first[y] > i is done: `stride` rows suffice.
            let ringRows = streaming ? min(vertical.stride, source.height) : source.height
            self.source = source
            self.result = result
            self.job = Job(
                sourceRows: (0..<source.height).map { UnsafeRawPointer(source.row($0)).assumingMemoryBound(to: UInt32.self) },
                resultRows: (0..<height).map { UnsafeMutableRawPointer(result.row($0)).assumingMemoryBound(to: UInt32.self) },
                intermediate: UnsafeMutablePointer<UInt32>.allocate(capacity: width * ringRows), ringRows: ringRows, width: width,
                horizontal: Resampler.taps(input: source.width, output: width, filter: filter), vertical: vertical)
        }

        deinit {
            self.job.intermediate.deallocate()
        }

        /// Output rows `0..<completedRows` hold their final pixels.
        var completedRows: Int {
            self.verticalDone
        }

        /// Whether every output row is done.
        var isComplete: Bool {
            self.verticalDone == self.result.height
        }

        /// Takes source rows up to `available`: each is resampled horizontally, then every output row whose taps
        /// are all ready is resampled vertically, before the next source row may reuse a buffer row.
        func advance(sourceRows available: Int) {
            let vertical = self.job.vertical
            while self.horizontalDone < available {
                self.job.horizontalPass(rows: self.horizontalDone..<self.horizontalDone + 1)
                self.horizontalDone += 1
                var ready = self.verticalDone
                while ready < self.result.height && vertical.first[ready] + vertical.count[ready] <= self.horizontalDone {
                    ready += 1
                }
                if ready > self.verticalDone {
                    self.job.verticalPass(rows: self.verticalDone..<ready)
                    self.verticalDone = ready
                }
            }
        }
    }

    /// The buffers of one resize; each pass writes disjoint rows, so threads can share it.
    fileprivate struct Job: @unchecked Sendable {
        var sourceRows: [UnsafePointer<UInt32>]
        var resultRows: [UnsafeMutablePointer<UInt32>]
        var intermediate: UnsafeMutablePointer<UInt32>
        /// Rows in `intermediate`; source row i lands in row i % ringRows.
        var ringRows: Int
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
                            let output = self.intermediate + y % self.ringRows * self.width
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
                        let input = self.intermediate + (taps.first[y] + tap) % self.ringRows * self.width
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
