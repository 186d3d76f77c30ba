import Core
import Storage

/// An edition as of one state of the database: what pages built from the whole edition are kept for.
///
/// Equal and hashed by the edition's identity, the stamp and the variant only: an edition read from the same database
/// in the same state is the same edition, and hashing every text of it on each request cost 5 % of a public page.
struct StampedEdition: Hashable, Sendable {
    let edition: Edition
    let stamp: ChangeStamp
    /// Which view of it (the judging round shown, say).
    var variant: Int = 0

    static func == (a: StampedEdition, b: StampedEdition) -> Bool {
        a.stamp == b.stamp && a.variant == b.variant && a.edition.id == b.edition.id && a.edition.year == b.edition.year
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(stamp)
        hasher.combine(variant)
        hasher.combine(edition.id)
        hasher.combine(edition.year)
    }
}

/// `build()`, or what it built last time for this edition if nothing `scope` follows was committed to the database
/// since (every commit, or only what the jury's boards read); `build` runs off the threads that serve requests (it reads
/// the whole edition), and the memory it freed goes back to the system after it (``Allocator/releaseFreedMemory()``).
func memoised<Value: Sendable>(
    _ memo: Memo<StampedEdition, Value>, edition: Edition, database: AppDatabase, variant: Int = 0, scope: ChangeStamp.Counter = .anyCommit,
    build: @escaping @Sendable () throws -> Value
) async throws -> Value {
    guard let stamp = try database.stamp(scope) else { return try await offloaded(build) }
    let key = StampedEdition(edition: edition, stamp: stamp, variant: variant)
    if let known = memo.value(for: key) { return known }
    // A state of the database never comes back: what was built for an earlier one is dropped before building the new
    // one, not after (at 5,000 entries a jury dashboard is megabytes: held while the next was built, the two set the
    // server's peak memory).
    memo.removeValues { $0.stamp != stamp }
    let value = try await offloaded(build)
    memo.store(value, for: key)
    Allocator.releaseFreedMemory()
    return value
}
