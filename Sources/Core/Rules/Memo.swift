import Foundation

/// A small thread-safe memo; forgets everything past `capacity` entries.
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = capacity }

    public func value(for key: Key) -> Value? { lock.withLock { values[key] } }

    /// Forgets the values whose key `isStale` says is stale.
    public func removeValues(where isStale: (Key) -> Bool) {
        lock.withLock {
            for key in values.keys where isStale(key) { values[key] = nil }
        }
    }

    public func store(_ value: Value, for key: Key) {
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = value
        }
    }
}
