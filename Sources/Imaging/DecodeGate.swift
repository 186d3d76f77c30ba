import Dispatch
import Foundation

/// Bounds how many images decode at once, off the cooperative thread pool.
///
/// Decoding is synchronous C work lasting up to a second and tens of megabytes: callers `await` a permit
/// (cancellable while waiting), then the work runs on a dedicated dispatch queue, never on a Swift concurrency thread.
public final class DecodeGate: Sendable {
    /// The maximum number of concurrent runs.
    public let limit: Int
    private let queue: DispatchQueue
    private let state = LockedState()

    /// - Parameter limit: concurrent runs allowed; the number of active cores by default.
    public init(limit: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.limit = max(1, limit)
        self.queue = DispatchQueue(label: "concours.imaging.decode", qos: .userInitiated, attributes: .concurrent)
    }

    /// Waits for a permit, then runs `body` on the gate's queue.
    /// - Throws: `CancellationError` if the task is cancelled while waiting, or what `body` throws.
    ///   Once started, `body` runs to completion.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await self.acquire()
        defer { self.release() }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            self.queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// Runs currently holding a permit (for tests and metrics).
    public var activeCount: Int {
        self.state.withLock { $0.active }
    }

    // MARK: - Permits

    private func acquire() async throws {
        let id = self.state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = self.state.withLock { state -> Bool? in
                    // A cancellation that came before this point found no waiter to remove: check the flag here.
                    if Task.isCancelled {
                        return false
                    }
                    if state.active < self.limit {
                        state.active += 1
                        return true
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                switch outcome {
                case true?: continuation.resume()
                case false?: continuation.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            let waiter = self.state.withLock { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0).continuation }
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func release() {
        // The permit passes straight to the oldest waiter, if any.
        let next = self.state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.active -= 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}

/// The gate's counters behind a lock.
private final class LockedState: @unchecked Sendable {
    struct State {
        var active = 0
        var nextID: UInt64 = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let lock = NSLock()
    private var state = State()

    func withLock<R>(_ body: (inout State) -> R) -> R {
        self.lock.withLock { body(&self.state) }
    }
}
