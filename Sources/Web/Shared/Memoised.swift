import Core
import Storage

/// An edition as of one state of the database: what pages built from the whole edition are kept for.
struct StampedEdition: Hashable, Sendable {
    let edition: Edition
    let stamp: ChangeStamp
    /// Which view of it (the judging round shown, say).
    var variant: Int = 0
}

/// `build()`, or what it built last time for this edition if nothing was committed to the database since; `build` runs
/// off Swift's cooperative threads (it reads the whole edition).
func memoised<Value: Sendable>(
    _ memo: Memo<StampedEdition, Value>, edition: Edition, database: AppDatabase, variant: Int = 0,
    build: @escaping @Sendable () throws -> Value
) async throws -> Value {
    guard let stamp = try database.changeStamp() else { return try await offloaded(build) }
    let key = StampedEdition(edition: edition, stamp: stamp, variant: variant)
    if let known = memo.value(for: key) { return known }
    let value = try await offloaded(build)
    memo.store(value, for: key)
    return value
}
