import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Bounds how many images decode at once, and how much memory they may take together, off the cooperative thread pool.
///
/// Decoding is synchronous C work lasting up to a second and tens to hundreds of megabytes: callers `await` a permit
/// (cancellable while waiting), then the work runs on a dedicated dispatch queue, never on a Swift concurrency thread.
/// Permits are given in arrival order; a run whose estimated cost does not fit in what is left of the memory budget
/// waits for others to finish (a run larger than the whole budget runs alone).
public final class DecodeGate: Sendable {
    /// The maximum number of concurrent runs.
    public let limit: Int
    /// The estimated bytes that concurrent runs may hold together.
    public let memoryBudget: Int
    private let queue: DispatchQueue
    private let state = LockedState()
    /// Told, after each run, how long it waited for its permit and how long it ran (for metrics).
    private let observer: (@Sendable (_ waited: Duration, _ ran: Duration) -> Void)?

    /// - Parameters:
    ///   - limit: concurrent runs allowed; the number of active cores by default.
    ///   - memoryBudget: estimated bytes for all concurrent runs together (see ``Imaging/estimatedDecodeBytes(_:previewLongEdge:)``).
    ///   - observer: told each run's wait and run times.
    public init(
        limit: Int = ProcessInfo.processInfo.activeProcessorCount, memoryBudget: Int = 192 << 20,
        observer: (@Sendable (_ waited: Duration, _ ran: Duration) -> Void)? = nil
    ) {
        self.observer = observer
        self.limit = max(1, limit)
        self.memoryBudget = max(1, memoryBudget)
        self.queue = DispatchQueue(label: "concours.imaging.decode", qos: .userInitiated, attributes: .concurrent)
    }

    /// Waits for a permit, then runs `body` on the gate's queue.
    /// - Parameters:
    ///   - cost: the run's estimated memory in bytes (0: counts only against `limit`).
    /// - Throws: `CancellationError` if the task is cancelled while waiting, or what `body` throws.
    ///   Once started, `body` runs to completion.
    public func run<T: Sendable>(cost: Int = 0, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let cost = min(max(0, cost), self.memoryBudget)
        let arrived = ContinuousClock.now
        try await self.acquire(cost: cost)
        defer { self.release(cost: cost) }
        let admitted = ContinuousClock.now
        defer { self.observer?(admitted - arrived, ContinuousClock.now - admitted) }
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

    /// Runs waiting for a permit (the decode queue's length, for metrics).
    public var waitingCount: Int {
        self.state.withLock { $0.waiters.count }
    }

    // MARK: - Permits

    private func acquire(cost: Int) async throws {
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
                    if state.waiters.isEmpty, self.fits(cost, in: state) {
                        state.active += 1
                        state.used += cost
                        return true
                    }
                    state.waiters.append((id, cost, continuation))
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

    private func fits(_ cost: Int, in state: LockedState.State) -> Bool {
        state.active < self.limit && (state.active == 0 || state.used + cost <= self.memoryBudget)
    }

    private func release(cost: Int) {
        // Waiters are admitted oldest first, as long as they fit.
        let (admitted, idle) = self.state.withLock { state -> ([CheckedContinuation<Void, any Error>], Bool) in
            state.active -= 1
            state.used -= cost
            var admitted: [CheckedContinuation<Void, any Error>] = []
            while let first = state.waiters.first, self.fits(first.cost, in: state) {
                state.waiters.removeFirst()
                state.active += 1
                state.used += first.cost
                admitted.append(first.continuation)
            }
            return (admitted, state.active == 0)
        }
        for continuation in admitted { continuation.resume() }
        // After a rush, hand the decoders' freed memory back to the system.
        if idle { MemoryTrim.trim() }
    }
}

/// The gate's counters behind a lock.
private final class LockedState: @unchecked Sendable {
    struct State {
        var active = 0
        var used = 0
        var nextID: UInt64 = 0
        var waiters: [(id: UInt64, cost: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let lock = NSLock()
    private var state = State()

    func withLock<R>(_ body: (inout State) -> R) -> R {
        self.lock.withLock { body(&self.state) }
    }
}

/// Returns freed heap memory to the system (glibc keeps it otherwise, so a rush would leave the process large).
/// glibc's `malloc_trim` is not in the Glibc module map, so it is looked up once at run time.
enum MemoryTrim {
    typealias Trim = @convention(c) (Int) -> Int32

    static let function: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    static func trim() {
        _ = function?(0)
    }
}
