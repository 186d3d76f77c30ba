import Foundation

/// Runs slow blocking work (an aggregation of every ballot of an edition, a whole-edition read, an export) on a
/// Dispatch thread instead of one of Swift's cooperative threads (two on this kind of machine): while it runs, the
/// other connections' requests go on being served.
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
}
