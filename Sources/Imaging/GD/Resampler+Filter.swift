extension Resampler {
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

    /// Taps of one output coordinate: first source index and weights.
    struct Taps {
        var first: [Int]
        var count: [Int]
        /// `stride` weights per output coordinate.
        var weights: [Int32]
        var stride: Int
    }

    /// Normalised fixed-point weights for mapping `input` samples onto `output` samples.
    static func taps(input: Int, output: Int, filter: Filter) -> Taps {
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
                taps.weights[index * stride + tap] = Int32((normalised * Double(1 << Resampler.precisionBits)).rounded())
            }
        }
        return taps
    }
}
