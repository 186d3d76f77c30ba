/// Ballots laid out on dense indexes, so that the methods (and each bootstrap draw) run on plain arrays.
struct Design {
    let posters: [Int64]
    let jurors: [Int64]
    let values: [Double]
    let posterIndex: [Int]
    let jurorIndex: [Int]

    init(_ ballots: [JudgedScore]) {
        var posterSlot: [Int64: Int] = [:]
        var jurorSlot: [Int64: Int] = [:]
        var posters: [Int64] = []
        var jurors: [Int64] = []
        var pIndex: [Int] = []
        var jIndex: [Int] = []
        for ballot in ballots {
            if posterSlot[ballot.posterId] == nil {
                posterSlot[ballot.posterId] = posters.count
                posters.append(ballot.posterId)
            }
            if jurorSlot[ballot.jurorId] == nil {
                jurorSlot[ballot.jurorId] = jurors.count
                jurors.append(ballot.jurorId)
            }
            pIndex.append(posterSlot[ballot.posterId] ?? 0)
            jIndex.append(jurorSlot[ballot.jurorId] ?? 0)
        }
        self.init(posters: posters, jurors: jurors, values: ballots.map(\.value), posterIndex: pIndex, jurorIndex: jIndex)
    }

    init(posters: [Int64], jurors: [Int64], values: [Double], posterIndex: [Int], jurorIndex: [Int]) {
        self.posters = posters
        self.jurors = jurors
        self.values = values
        self.posterIndex = posterIndex
        self.jurorIndex = jurorIndex
    }

    /// The same design with other rows (a bootstrap draw): `rows` index this design's ballots.
    func resampled(_ rows: [Int]) -> Design {
        Design(
            posters: self.posters, jurors: self.jurors, values: rows.map { self.values[$0] },
            posterIndex: rows.map { self.posterIndex[$0] }, jurorIndex: rows.map { self.jurorIndex[$0] })
    }

    func posterMeans(_ values: [Double]) -> [Double] {
        var sum = [Double](repeating: 0, count: self.posters.count)
        var count = [Double](repeating: 0, count: self.posters.count)
        for row in values.indices {
            sum[self.posterIndex[row]] += values[row]
            count[self.posterIndex[row]] += 1
        }
        return sum.indices.map { count[$0] > 0 ? sum[$0] / count[$0] : .nan }
    }

    func fitRaw() -> [Double] { self.posterMeans(self.values) }

    /// - Parameter minimum: jurors with fewer ballots stay raw.
    func zAdjusted(minimum: Int = 2) -> [Double] {
        let n = Double(self.values.count)
        guard n > 0 else { return [] }
        let overallMean = self.values.reduce(0, +) / n
        let overallSD = (self.values.map { ($0 - overallMean) * ($0 - overallMean) }.reduce(0, +) / n).squareRoot()
        var sum = [Double](repeating: 0, count: self.jurors.count)
        var sq = [Double](repeating: 0, count: self.jurors.count)
        var count = [Double](repeating: 0, count: self.jurors.count)
        for row in self.values.indices {
            let j = self.jurorIndex[row]
            sum[j] += self.values[row]
            sq[j] += self.values[row] * self.values[row]
            count[j] += 1
        }
        return self.values.indices.map { row in
            let j = self.jurorIndex[row]
            guard count[j] >= Double(max(2, minimum)) else { return self.values[row] }
            let m = sum[j] / count[j]
            let sd = max(sq[j] / count[j] - m * m, 0).squareRoot()
            guard sd > 1e-12 else { return self.values[row] }
            return overallMean + (self.values[row] - m) / sd * overallSD
        }
    }

    struct CalibratedFit {
        var quality: [Double]
        var offsets: [Double]
        var weights: [Double]
        var slopes: [Double]
        var center: Double
    }

    /// A ballot put back on the poster scale: c + (y − c − oⱼ) / bⱼ.
    func calibratedValue(row: Int, fit: CalibratedFit) -> Double {
        let j = self.jurorIndex[row]
        return fit.center + (self.values[row] - fit.center - fit.offsets[j]) / fit.slopes[j]
    }

    /// Weighted, regularised alternating least squares for yᵢⱼ = qᵢ + oⱼ (see `ScoringMethod`).
    /// The parameters with the slope prior chosen among `parameters.slopePriorCandidates` by K-fold cross-validation
    /// (each ballot predicted, as c + oⱼ + bⱼ (qᵢ − c), from a fit without its fold); unchanged without candidates.
    func tuned(_ parameters: ScoringMethod.Parameters, folds: Int = 5) -> ScoringMethod.Parameters {
        let candidates = parameters.slopePriorCandidates
        guard candidates.count > 1, self.values.count >= folds * 2 else { return parameters }
        var best = parameters
        var bestError = Double.infinity
        for candidate in candidates {
            var trial = parameters
            trial.slopePrior = candidate
            trial.slopePriorCandidates = []
            var error = 0.0
            for fold in 0..<folds {
                let train = self.values.indices.filter { $0 % folds != fold }
                let fit = self.resampled(train).fitCalibrated(trial)
                for row in self.values.indices where row % folds == fold {
                    let i = self.posterIndex[row], j = self.jurorIndex[row]
                    let q = fit.quality[i].isNaN ? fit.center : fit.quality[i]
                    let predicted = fit.center + fit.offsets[j] + fit.slopes[j] * (q - fit.center)
                    error += (self.values[row] - predicted) * (self.values[row] - predicted)
                }
            }
            if error < bestError - 1e-12 {
                bestError = error
                best = trial
            }
        }
        return best
    }

    /// - Parameter warm: a fit of a similar design (the bootstrap's full fit) to start from: offsets, slopes, weights and
    ///   qualities, so that fewer passes reach the same optimum.
    func fitCalibrated(_ parameters: ScoringMethod.Parameters, warm: CalibratedFit? = nil) -> CalibratedFit {
        let nP = self.posters.count
        let nJ = self.jurors.count
        var offsets = warm?.offsets ?? [Double](repeating: 0, count: nJ)
        var weights = warm?.weights ?? [Double](repeating: 1, count: nJ)
        var quality = [Double](repeating: 0, count: nP)
        var jurorCount = [Double](repeating: 0, count: nJ)
        for row in self.values.indices { jurorCount[self.jurorIndex[row]] += 1 }
        var pooled = 1.0
        var slopes = warm?.slopes ?? [Double](repeating: 1, count: nJ)
        var sx = [Double](repeating: 0, count: nJ), sxx = sx, sy = sx, sxy = sx
        let center = self.values.isEmpty ? 0 : self.values.reduce(0, +) / Double(self.values.count)
        var num = [Double](repeating: 0, count: max(nP, nJ))
        var den = [Double](repeating: 0, count: max(nP, nJ))
        let rounds = 2
        // The passes run over plain buffers (no bounds check nor copy-on-write test per ballot): the bootstrap runs them
        // 26 times per draw, 1,000 draws.
        let n = self.values.count
        var gain = [Double](repeating: 0, count: nJ), shift = gain, precision = gain
        self.values.withUnsafeBufferPointer { y in
        self.posterIndex.withUnsafeBufferPointer { pi in
        self.jurorIndex.withUnsafeBufferPointer { ji in
            for round in 0..<rounds {
                for _ in 0..<parameters.iterations {
                    for i in 0..<nP { num[i] = 0; den[i] = 0 }
                    for j in 0..<nJ {
                        gain[j] = weights[j] * slopes[j]
                        shift[j] = center + offsets[j]
                        precision[j] = weights[j] * slopes[j] * slopes[j]
                    }
                    for row in 0..<n {
                        let j = ji[row], i = pi[row]
                        num[i] += gain[j] * (y[row] - shift[j])
                        den[i] += precision[j]
                    }
                    let kappa = parameters.qualityPrior
                    for i in 0..<nP { quality[i] = den[i] > 0 ? center + num[i] / (den[i] + kappa) : .nan }
                    // Per juror: ridge regression of (y − c) on (q − c), offset toward 0, slope toward 1.
                    for j in 0..<nJ { sx[j] = 0; sxx[j] = 0; sy[j] = 0; sxy[j] = 0 }
                    for row in 0..<n {
                        let j = ji[row]
                        let x = quality[pi[row]] - center
                        let v = y[row] - center
                        sx[j] += x; sxx[j] += x * x; sy[j] += v; sxy[j] += x * v
                    }
                    let lo = parameters.offsetPrior
                    let lb = parameters.slopePrior
                    for j in 0..<nJ {
                        let w = weights[j]
                        if parameters.slopePrior.isInfinite {
                            offsets[j] = w * (sy[j] - slopes[j] * sx[j]) / (w * jurorCount[j] + lo)
                            continue
                        }
                        let a11 = w * jurorCount[j] + lo, a12 = w * sx[j], a22 = w * sxx[j] + lb
                        let b1 = w * sy[j], b2 = w * sxy[j] + lb
                        let det = a11 * a22 - a12 * a12
                        guard det > 1e-12 else { continue }
                        offsets[j] = (b1 * a22 - a12 * b2) / det
                        slopes[j] = max((a11 * b2 - a12 * b1) / det, 0.2)
                    }
                }
                guard round < rounds - 1 else { break }
                // Reliability: residual variance per juror, shrunk toward the pooled one.
                var rss = [Double](repeating: 0, count: nJ)
                for row in 0..<n {
                    let j = ji[row]
                    let r = y[row] - center - offsets[j] - slopes[j] * (quality[pi[row]] - center)
                    rss[j] += r * r
                }
                let totalRSS = rss.reduce(0, +)
                let dof = max(Double(self.values.count - nP - nJ), 1)
                pooled = max(totalRSS / dof, 1e-6)
                // Each juror uses up about (1 − P/N) of its ballots as degrees of freedom.
                let share = dof / max(Double(self.values.count), 1)
                let nu = parameters.varianceShrinkage
                for j in 0..<nJ {
                    let variance = (rss[j] + nu * pooled) / (jurorCount[j] * share + nu)
                    weights[j] = pooled / max(variance, 1e-9)
                }
            }
        }
        }
        }
        return CalibratedFit(quality: quality, offsets: offsets, weights: weights, slopes: slopes, center: center)
    }

    func result(posterScores: [Double], adjusted: [Double], offsets: [Double]?, weights: [Double]?) -> ScoringMethod.Result {
        var scores: [Int64: Double] = [:]
        for (i, poster) in self.posters.enumerated() where !posterScores[i].isNaN { scores[poster] = posterScores[i] }
        var offsetMap: [Int64: Double] = [:]
        var weightMap: [Int64: Double] = [:]
        for (j, juror) in self.jurors.enumerated() {
            offsetMap[juror] = offsets?[j] ?? 0
            weightMap[juror] = weights?[j] ?? 1
        }
        return ScoringMethod.Result(scores: scores, adjusted: adjusted, outOfScale: [], jurorOffsets: offsetMap, jurorWeights: weightMap)
    }
}
