/// SplitMix64: a small deterministic generator, so that a seed always gives the same poster.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var value = self.state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// An RGB colour with helpers for gd's packed format.
struct RGB {
    var red: Int
    var green: Int
    var blue: Int

    /// From hue (0–1, wraps), saturation and value (0–1).
    init(hue: Double, saturation: Double, value: Double) {
        let h = (hue - hue.rounded(.down)) * 6
        let sector = Int(h) % 6
        let fraction = h - Double(Int(h))
        let p = value * (1 - saturation)
        let q = value * (1 - saturation * fraction)
        let t = value * (1 - saturation * (1 - fraction))
        let (r, g, b) =
            switch sector {
            case 0: (value, t, p)
            case 1: (q, value, p)
            case 2: (p, value, t)
            case 3: (p, q, value)
            case 4: (t, p, value)
            default: (value, p, q)
            }
        self.init(red: Int(r * 255), green: Int(g * 255), blue: Int(b * 255))
    }

    init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// gd truecolor value; `alpha` is gd's 0 (opaque) … 127 (transparent).
    func gd(alpha: Int = 0) -> Int32 {
        Int32(alpha << 24 | self.red << 16 | self.green << 8 | self.blue)
    }
}
