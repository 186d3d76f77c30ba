import Core
import Storage

/// Gives back to the system the pages a whole-edition build allocated and freed (its intermediate arrays, the ballots
/// read, the former value): glibc keeps them otherwise, and the next build's peak comes on top of them. About a
/// millisecond, once per build.
func releaseFreedMemory() {
    #if os(Linux)
    _ = glibcMallocTrim(0)
    #endif
}

#if os(Linux)
/// glibc's `malloc_trim` (`<malloc.h>` is not in the Glibc module).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

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

/// What a kept value was built from, so what must change for it to be built again.
enum MemoScope {
    /// Anything: every commit to the database.
    case anyCommit
    /// What the jury's boards read (``AppDatabase/judgingStamp()``): not sessions, the journal or the mail queue.
    case judging
}

/// `build()`, or what it built last time for this edition if nothing it reads (`scope`) was committed to the database
/// since; `build` runs off the threads that serve requests (it reads the whole edition).
func memoised<Value: Sendable>(
    _ memo: Memo<StampedEdition, Value>, edition: Edition, database: AppDatabase, variant: Int = 0, scope: MemoScope = .anyCommit,
    build: @escaping @Sendable () throws -> Value
) async throws -> Value {
    let current = try scope == .judging ? database.judgingStamp() : database.changeStamp()
    guard let stamp = current else { return try await offloaded(build) }
    let key = StampedEdition(edition: edition, stamp: stamp, variant: variant)
    if let known = memo.value(for: key) { return known }
    // A state of the database never comes back: what was built for an earlier one is dropped before building the new
    // one, not after (at 5,000 entries a jury dashboard is megabytes: held while the next was built, the two set the
    // server's peak memory).
    memo.removeValues { $0.stamp != stamp }
    let value = try await offloaded(build)
    memo.store(value, for: key)
    releaseFreedMemory()
    return value
}
