/// A scoring criterion of an edition: jurors give each entry a score on `scale` for it.
public struct Criterion: Hashable, Sendable, Codable {
    /// A short stable identifier (`theme`, `message`…).
    public var code: String
    public var label: String
    public var description: String?
    /// Relative weight in the weighted mean (any positive number).
    public var weight: Double
    public var scale: Scale

    public init(code: String, label: String, description: String? = nil, weight: Double, scale: Scale) {
        self.code = code
        self.label = label
        self.description = description
        self.weight = weight
        self.scale = scale
    }

    /// An inclusive whole-number range of scores, e.g. 0…5.
    public struct Scale: Hashable, Sendable, Codable {
        public var min: Int
        public var max: Int

        public init(min: Int, max: Int) {
            self.min = min
            self.max = max
        }

        public func contains(_ score: Int) -> Bool { score >= min && score <= max }
    }
}

/// A category entries compete in (collèges, lycées, dispositifs…).
public struct Category: Hashable, Sendable, Codable {
    public var code: String
    public var label: String
    public var description: String?

    public init(code: String, label: String, description: String? = nil) {
        self.code = code
        self.label = label
        self.description = description
    }
}

/// A prize the edition can award, per category or once for the whole edition.
public struct PrizeDefinition: Hashable, Sendable, Codable {
    public var code: String
    public var label: String
    /// When true the prize is awarded once in each category; otherwise once in the edition.
    public var perCategory: Bool
    /// Display order (1 first).
    public var rank: Int

    public init(code: String, label: String, perCategory: Bool, rank: Int) {
        self.code = code
        self.label = label
        self.perCategory = perCategory
        self.rank = rank
    }
}
