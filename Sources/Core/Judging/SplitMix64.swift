import Foundation

/// A small, fast, seedable generator: the same seed gives the same draws on every platform.
///
/// Used for assignment tie-breaks and the rank bootstrap, so that results can be reproduced.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's multiply-shift (bias below 2⁻³² for small bounds).
    public mutating func below(_ bound: Int) -> Int {
        Int((UInt64(UInt32(truncatingIfNeeded: self.next() >> 32)) &* UInt64(bound)) >> 32)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(self.next() >> 11) * 0x1.0p-53 }

    /// A standard normal draw (Box–Muller).
    public mutating func gaussian() -> Double {
        let u = max(self.unit(), 0x1.0p-53)
        let v = self.unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
