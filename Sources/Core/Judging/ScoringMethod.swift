/// How ballots become one score per poster. The organisers see the three side by side; `calibrated` is the default.
///
/// - `rawMean`: sᵢ = mean of yᵢⱼ over the jurors j who scored poster i.
/// - `zScore`: each juror's scores are standardised, zᵢⱼ = (yᵢⱼ − m̄ⱼ) / sdⱼ, and put back on the scale with the
///   overall mean and deviation, sᵢ = mean(M + zᵢⱼ · SD). Jurors with fewer than 2 scores or no spread stay raw.
///   Misleads when assignment is not random: a juror who only sees strong posters is "corrected" downwards.
/// - `calibrated`: yᵢⱼ − c = oⱼ + bⱼ (qᵢ − c) + εᵢⱼ, εᵢⱼ ~ N(0, σⱼ²). Minimises
///   Σ wⱼ (yᵢⱼ − c − oⱼ − bⱼ (qᵢ − c))² + λ Σ oⱼ² + μ Σ (bⱼ − 1)² + κ Σ (qᵢ − c)² (offsets toward 0, slopes toward 1,
///   qualities toward the mean of all ballots), by alternating exact updates; then wⱼ = 1 / σ̃ⱼ² with σ̃ⱼ² = (rⱼ + ν σ²) / (dⱼ + ν), the
///   juror's residual sum of squares rⱼ over its degrees of freedom dⱼ shrunk toward the pooled variance σ².
///   sᵢ = qᵢ. Offsets are identified only through posters jurors share: a connected design is needed.
public enum ScoringMethod: String, CaseIterable, Sendable {
    case rawMean
    case zScore
    case calibrated

    public static let `default` = ScoringMethod.calibrated

    public var label: String {
        switch self {
        case .rawMean: return "Moyenne brute"
        case .zScore: return "Score centré réduit"
        case .calibrated: return "Calibrée (décalages par juré)"
        }
    }

    /// Tuning of the calibrated method (and the z-score's minimum).
    public struct Parameters: Sendable, Hashable {
        /// λ, in "pseudo-ballots" at the pooled variance: the prior pulling each offset toward 0.
        public var offsetPrior: Double
        /// ν, in pseudo-degrees of freedom: how strongly each juror's variance is pulled to the pooled one.
        public var varianceShrinkage: Double
        /// Prior on each juror's slope toward 1 (`.infinity`: offsets only, no scale).
        public var slopePrior: Double
        /// Alternating passes (each is exact for one block given the other).
        public var iterations: Int
        /// κ, in pseudo-ballots: the prior pulling each poster's quality toward the mean of all ballots (a random poster
        /// effect). It keeps the jurors' offsets from absorbing the luck of the few posters each one saw.
        public var qualityPrior: Double
        /// z-score: jurors with fewer ballots than this stay raw (the edition's « normalisation minimum »; at least 2).
        public var zScoreMinimum: Int
        /// When given, the slope prior is chosen among these by cross-validation on the ballots (``Design/tuned``).
        public var slopePriorCandidates: [Double] = []

        public init(
            offsetPrior: Double = 1, slopePrior: Double = 100, varianceShrinkage: Double = 10, iterations: Int = 40, qualityPrior: Double = 0.5,
            zScoreMinimum: Int = 2
        ) {
            self.zScoreMinimum = zScoreMinimum
            self.qualityPrior = qualityPrior
            self.offsetPrior = offsetPrior
            self.slopePrior = slopePrior
            self.varianceShrinkage = varianceShrinkage
            self.iterations = iterations
        }
    }

    /// A method's outcome.
    public struct Result: Sendable, Equatable {
        /// Score by poster (posters without a ballot are absent).
        public var scores: [Int64: Double]
        /// Each ballot's value as the method reads it (same order as the input), for disagreement.
        public var adjusted: [Double]
        /// Posters whose score lies outside the scale: reported, never clamped.
        public var outOfScale: Set<Int64>
        /// Offset by juror (calibrated; 0 otherwise).
        public var jurorOffsets: [Int64: Double]
        /// Relative weight by juror (calibrated, mean 1; 1 otherwise).
        public var jurorWeights: [Int64: Double]
    }

    /// Scores ballots by this method.
    /// - Parameters:
    ///   - scale: the criteria's scale, to report (not clamp) scores that leave it.
    public func score(_ ballots: [JudgedScore], scale: Criterion.Scale, parameters: Parameters = .init()) -> Result {
        let design = Design(ballots)
        var result: Result
        switch self {
        case .rawMean:
            let fit = design.fitRaw()
            result = design.result(posterScores: fit, adjusted: ballots.map(\.value), offsets: nil, weights: nil)
        case .zScore:
            let adjusted = design.zAdjusted(minimum: parameters.zScoreMinimum)
            result = design.result(posterScores: design.posterMeans(adjusted), adjusted: adjusted, offsets: nil, weights: nil)
        case .calibrated:
            let fit = design.fitCalibrated(design.tuned(parameters))
            let adjusted = ballots.indices.map { design.calibratedValue(row: $0, fit: fit) }
            result = design.result(posterScores: fit.quality, adjusted: adjusted, offsets: fit.offsets, weights: fit.weights)
        }
        result.outOfScale = Set(result.scores.filter { $0.value < Double(scale.min) - 1e-9 || $0.value > Double(scale.max) + 1e-9 }.keys)
        return result
    }
}
