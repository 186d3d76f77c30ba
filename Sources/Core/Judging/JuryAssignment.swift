/// Deals posters to jurors: every juror sees every poster, or k jurors per poster.
///
/// With k: each poster gets k non-conflicted jurors (or a French reason why not), jurors' loads differ by at most one
/// where conflicts allow, categories are mixed in each juror's set, and the jurors' overlap graph is connected so
/// that offsets can be estimated. Redealing keeps every ballot already cast and never gives a juror a poster twice.
public enum JuryAssignment {
    public struct Poster: Hashable, Sendable {
        public var id: Int64
        public var category: String
        public init(id: Int64, category: String) {
            self.id = id
            self.category = category
        }
    }

    /// A juror–poster pair; `cast` when the juror has already submitted a ballot for it.
    public struct Pair: Hashable, Sendable {
        public var jurorId: Int64
        public var posterId: Int64
        public var cast: Bool
        public init(jurorId: Int64, posterId: Int64, cast: Bool = false) {
            self.jurorId = jurorId
            self.posterId = posterId
            self.cast = cast
        }
    }

    public enum Mode: Sendable, Equatable {
        case everyJuror
        case perPoster(Int)
    }

    /// Why a poster cannot get its k jurors.
    public struct Shortfall: Hashable, Sendable {
        public var posterId: Int64
        public var available: Int
        public var needed: Int
        public var message: String {
            "Cette affiche n’a que \(available) juré\(available > 1 ? "s" : "") sans conflit d’intérêts pour \(needed) demandé\(needed > 1 ? "s" : "")\u{00A0}: ajoutez des jurés ou baissez le nombre de jurés par affiche."
        }
    }

    public struct Deal: Sendable, Equatable {
        public var pairs: [Pair]
        public var shortfalls: [Shortfall]
        /// True when no group of jurors never shares a poster with the rest.
        public var connected: Bool
        /// Posters that keep more than k ballots because they were already cast (k lowered mid-round).
        public var overfilled: [Int64]

        public func load(of juror: Int64) -> Int { self.pairs.filter { $0.jurorId == juror }.count }
    }

    /// Deals (or redeals) posters.
    /// - Parameters:
    ///   - conflicts: juror–poster pairs that must never be dealt.
    ///   - existing: the current deal; cast pairs are kept whatever happens, others are kept when still valid.
    ///   - seed: tie-breaks are random but reproducible.
    public static func deal(
        posters: [Poster], jurors: [Int64], conflicts: Set<Pair>, mode: Mode, existing: [Pair] = [], seed: UInt64 = 1
    ) -> Deal {
        let active = Set(jurors)
        let conflicted = Set(conflicts.map { Key($0.jurorId, $0.posterId) })
        let k: Int
        switch mode {
        case .everyJuror: k = jurors.count
        case .perPoster(let n): k = max(0, n)
        }
        var generator = SplitMix64(seed: seed)
        let jurorOrder = jurors.shuffledStable(using: &generator)
        let posterById = Dictionary(posters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var held: [Key: Bool] = [:]  // value: cast
        // Cast ballots stay, even for withdrawn jurors or posters over k; other pairs stay when still valid.
        for pair in existing where posterById[pair.posterId] != nil {
            let key = Key(pair.jurorId, pair.posterId)
            if pair.cast { held[key] = true } else if active.contains(pair.jurorId), !conflicted.contains(key), held[key] == nil { held[key] = false }
        }
        var load = [Int64: Int](uniqueKeysWithValues: jurors.map { ($0, 0) })
        var byPoster: [Int64: [Int64]] = [:]
        var categoryCount: [Key2: Int] = [:]
        for key in held.keys.sorted(by: { ($0.poster, $0.juror) < ($1.poster, $1.juror) }) {
            byPoster[key.poster, default: []].append(key.juror)
            if active.contains(key.juror) {
                load[key.juror, default: 0] += 1
                categoryCount[Key2(key.juror, posterById[key.poster]?.category ?? ""), default: 0] += 1
            }
        }
        // k lowered: drop uncast pairs from the most loaded jurors first.
        for poster in posters {
            var list = byPoster[poster.id] ?? []
            while list.count > k, let drop = list.filter({ held[Key($0, poster.id)] == false }).max(by: { (load[$0] ?? 0, $0) < (load[$1] ?? 0, $1) }) {
                held[Key(drop, poster.id)] = nil
                list.removeAll { $0 == drop }
                load[drop, default: 0] -= 1
                categoryCount[Key2(drop, poster.category), default: 0] -= 1
            }
            byPoster[poster.id] = list
        }
        // How many posters each pair of active jurors already shares.
        var together: [Key: Int] = [:]
        func shared(_ a: Int64, _ b: Int64) -> Int { together[Key(min(a, b), max(a, b))] ?? 0 }
        for holders in byPoster.values {
            let present = holders.filter { active.contains($0) }
            for a in present { for b in present where a < b { together[Key(a, b), default: 0] += 1 } }
        }
        // Fill: posters with the fewest eligible jurors first; pick the least loaded, then the one who shares the fewest
        // posters with the poster's other jurors (every pair of jurors ends up sharing about as many posters, so that
        // each offset is estimated against all the others, not within a fixed block of k), then the one with least of
        // this category, then at random (a fresh draw per poster: a fixed tie-break order deals the same k jurors
        // together again and again, and the calibrated ranking then loses about 0.01 of Kendall's τ, see JuryBench).
        var shortfalls: [Shortfall] = []
        let eligible: (Poster) -> [Int64] = { poster in jurors.filter { !conflicted.contains(Key($0, poster.id)) } }
        let order = posters.shuffledStable(using: &generator).sorted { eligible($0).count < eligible($1).count }
        for poster in order {
            let candidates = eligible(poster)
            var holders = (byPoster[poster.id] ?? []).filter { active.contains($0) }
            var count = (byPoster[poster.id] ?? []).count
            var pool = candidates.filter { !holders.contains($0) }
            let draw = Dictionary(uniqueKeysWithValues: jurorOrder.shuffledStable(using: &generator).enumerated().map { ($1, $0) })
            while count < k, !pool.isEmpty {
                let overlap = Dictionary(uniqueKeysWithValues: pool.map { a in (a, holders.reduce(0) { $0 + shared(a, $1) }) })
                pool.sort { a, b in
                    let la = load[a] ?? 0, lb = load[b] ?? 0
                    if la != lb { return la < lb }
                    let oa = overlap[a] ?? 0, ob = overlap[b] ?? 0
                    if oa != ob { return oa < ob }
                    let ca = categoryCount[Key2(a, poster.category)] ?? 0, cb = categoryCount[Key2(b, poster.category)] ?? 0
                    if ca != cb { return ca < cb }
                    return (draw[a] ?? 0) < (draw[b] ?? 0)
                }
                let juror = pool.removeFirst()
                for other in holders { together[Key(min(juror, other), max(juror, other)), default: 0] += 1 }
                holders.append(juror)
                held[Key(juror, poster.id)] = false
                byPoster[poster.id, default: []].append(juror)
                load[juror, default: 0] += 1
                categoryCount[Key2(juror, poster.category), default: 0] += 1
                count += 1
            }
            if mode != .everyJuror, count < k { shortfalls.append(Shortfall(posterId: poster.id, available: candidates.count, needed: k)) }
        }
        // Balance: move uncast pairs from the most to the least loaded juror while they differ by more than one.
        var moved = mode != .everyJuror
        while moved {
            moved = false
            let sorted = jurorOrder.sorted { (load[$0] ?? 0) < (load[$1] ?? 0) }
            guard let low = sorted.first, let high = sorted.last, (load[high] ?? 0) - (load[low] ?? 0) > 1 else { break }
            outer: for giver in sorted.reversed() where (load[giver] ?? 0) - (load[low] ?? 0) > 1 {
                for taker in sorted where (load[giver] ?? 0) - (load[taker] ?? 0) > 1 {
                    for poster in posters where held[Key(giver, poster.id)] == false && held[Key(taker, poster.id)] == nil
                        && !conflicted.contains(Key(taker, poster.id))
                    {
                        held[Key(giver, poster.id)] = nil
                        held[Key(taker, poster.id)] = false
                        load[giver, default: 0] -= 1
                        load[taker, default: 0] += 1
                        moved = true
                        break outer
                    }
                }
            }
        }
        // Connect: swap uncast posters between components (loads unchanged) until one component remains.
        // In a fixed order (never the dictionary's, which changes from one process to the next): same seed, same deal.
        func ordered() -> [Pair] {
            held.map { Pair(jurorId: $0.key.juror, posterId: $0.key.poster, cast: $0.value) }
                .sorted { ($0.posterId, $0.jurorId) < ($1.posterId, $1.jurorId) }
        }
        var pairs = ordered()
        var attempts = 0
        while components(pairs, jurors: jurorOrder).count > 1, attempts < 50 {
            attempts += 1
            let parts = components(pairs, jurors: jurorOrder)
            guard parts.count > 1 else { break }
            let a = parts[0], b = parts[1]
            var swapped = false
            search: for pa in pairs where !pa.cast && a.contains(pa.jurorId) {
                for pb in pairs where !pb.cast && b.contains(pb.jurorId) && pb.posterId != pa.posterId {
                    let newA = Key(pa.jurorId, pb.posterId), newB = Key(pb.jurorId, pa.posterId)
                    guard held[newA] == nil, held[newB] == nil, !conflicted.contains(newA), !conflicted.contains(newB) else { continue }
                    held[Key(pa.jurorId, pa.posterId)] = nil
                    held[Key(pb.jurorId, pb.posterId)] = nil
                    held[newA] = false
                    held[newB] = false
                    swapped = true
                    break search
                }
            }
            if !swapped { break }
            pairs = ordered()
        }
        var perPoster: [Int64: Int] = [:]
        for pair in pairs { perPoster[pair.posterId, default: 0] += 1 }
        return Deal(
            pairs: pairs, shortfalls: shortfalls.sorted { $0.posterId < $1.posterId },
            connected: components(pairs, jurors: jurorOrder).count <= 1,
            overfilled: posters.map(\.id).filter { (perPoster[$0] ?? 0) > k })
    }

    /// Groups of active jurors linked by shared posters (jurors without posters are left out).
    public static func components(_ pairs: [Pair], jurors: [Int64]) -> [Set<Int64>] {
        let active = Set(jurors)
        var parent: [Int64: Int64] = [:]
        func find(_ x: Int64) -> Int64 {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        var firstHolder: [Int64: Int64] = [:]
        for pair in pairs where active.contains(pair.jurorId) {
            if parent[pair.jurorId] == nil { parent[pair.jurorId] = pair.jurorId }
            if let other = firstHolder[pair.posterId] {
                let ra = find(other), rb = find(pair.jurorId)
                if ra != rb { parent[ra] = rb }
            } else {
                firstHolder[pair.posterId] = pair.jurorId
            }
        }
        var groups: [Int64: Set<Int64>] = [:]
        for juror in parent.keys { groups[find(juror), default: []].insert(juror) }
        return groups.values.sorted { ($0.min() ?? 0) < ($1.min() ?? 0) }
    }

    struct Key: Hashable {
        var juror: Int64
        var poster: Int64
        init(_ juror: Int64, _ poster: Int64) {
            self.juror = juror
            self.poster = poster
        }
    }

    struct Key2: Hashable {
        var juror: Int64
        var category: String
        init(_ juror: Int64, _ category: String) {
            self.juror = juror
            self.category = category
        }
    }
}

extension Array {
    /// A Fisher–Yates shuffle driven by `SplitMix64`, so the order is the same on every platform.
    func shuffledStable(using generator: inout SplitMix64) -> [Element] {
        var copy = self
        guard copy.count > 1 else { return copy }
        for i in stride(from: copy.count - 1, to: 0, by: -1) { copy.swapAt(i, generator.below(i + 1)) }
        return copy
    }
}
