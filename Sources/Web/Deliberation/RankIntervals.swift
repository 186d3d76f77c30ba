import Core
import Foundation

/// The bootstrap's rank intervals (``JudgingReport/UncertaintyRequest``), computed once per set of ballots, away from the
/// requests that show them.
///
/// At 5,000 posters (10,000 ballots) the 1,000 draws take seconds: a page that waited for them would keep an organiser
/// waiting after every new ballot. A page asks ``ready(_:)``: the intervals if they are known, else nil and the work
/// starts on a background thread (one computation at a time; of the requests that came meanwhile, the latest is computed
/// next), and the page says they are being computed. Exports, which must carry them, ``wait(_:)``. Outcomes are kept by
/// value: a change of the database that leaves the ballots as they were (a sign-in, a prize) reuses them at once.
/// One store per running service (``Services/rankIntervals``).
final class RankIntervals: @unchecked Sendable {
    typealias Request = JudgingReport.UncertaintyRequest
    typealias Estimates = [RankUncertainty.Estimate]

    private let lock = NSLock()
    private var done: [Request: Estimates] = [:]
    /// Oldest first, to forget past ``capacity``.
    private var doneOrder: [Request] = []
    private let capacity: Int
    private var running: Request?
    /// The latest request that found the store busy, computed next.
    private var wanted: Request?
    private var waiters: [Request: [CheckedContinuation<Estimates, Never>]] = [:]
    /// Computations finished since the process started.
    private var computedCount = 0
    var computed: Int { lock.withLock { computedCount } }

    /// The bootstrap itself; tests hold a computation back with their own.
    private let compute: @Sendable (Request) -> Estimates

    init(capacity: Int = 6, compute: @escaping @Sendable (Request) -> Estimates = { $0.estimate() }) {
        self.capacity = capacity
        self.compute = compute
    }

    /// The intervals if they are known; otherwise nil, with their computation started or queued.
    func ready(_ request: Request) -> Estimates? {
        let (known, start): (Estimates?, Bool) = lock.withLock {
            if let known = done[request] { return (known, false) }
            if running == request { return (nil, false) }
            if running != nil {
                wanted = request
                return (nil, false)
            }
            running = request
            return (nil, true)
        }
        if start { launch(request) }
        return known
    }

    /// Whether the intervals for `request` are being computed or waiting their turn (not yet known).
    func isPending(_ request: Request) -> Bool {
        lock.withLock { done[request] == nil && (running == request || wanted == request || waiters[request] != nil) }
    }

    /// The intervals of a small request (a fraction of a second), computed on the caller's behalf at once, beside any
    /// computation under way instead of after it (a large edition's must not hold up a small one's page); joined if the
    /// same request is the one running.
    func computedNow(_ request: Request) async -> Estimates {
        let (known, join): (Estimates?, Bool) = lock.withLock { (done[request], running == request || waiters[request] != nil) }
        if let known { return known }
        if join { return await wait(request) }
        let estimates = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { [compute] in continuation.resume(returning: compute(request)) }
        }
        lock.withLock { keep(request, estimates) }
        return estimates
    }

    /// The intervals, computed now if they are not known (after the computation under way, if another one runs).
    func wait(_ request: Request) async -> Estimates {
        if let known = lock.withLock({ done[request] }) { return known }
        return await withCheckedContinuation { continuation in
            let start: Request? = lock.withLock {
                if let known = done[request] {
                    continuation.resume(returning: known)
                    return nil
                }
                waiters[request, default: []].append(continuation)
                guard running == nil else { return nil }
                running = request
                return request
            }
            if let start { launch(start) }
        }
    }

    private func launch(_ request: Request) {
        DispatchQueue.global(qos: .utility).async { [self] in
            let estimates = compute(request)
            finish(request, estimates)
        }
    }

    /// Stores an outcome (under the lock), forgetting the oldest past ``capacity``.
    private func keep(_ request: Request, _ estimates: Estimates) {
        computedCount += 1
        guard done[request] == nil else { return }
        done[request] = estimates
        doneOrder.append(request)
        if doneOrder.count > capacity { done[doneOrder.removeFirst()] = nil }
    }

    private func finish(_ request: Request, _ estimates: Estimates) {
        let (resumed, next): ([CheckedContinuation<Estimates, Never>], Request?) = lock.withLock {
            keep(request, estimates)
            let resumed = waiters.removeValue(forKey: request) ?? []
            if wanted == request { wanted = nil }
            // Someone waiting goes first; else the latest page that asked.
            var next = waiters.keys.first ?? wanted
            if let candidate = next, done[candidate] != nil { next = nil }
            if next == wanted { wanted = nil }
            running = next
            return (resumed, next)
        }
        for continuation in resumed { continuation.resume(returning: estimates) }
        if let next { launch(next) }
    }
}

/// How long a page waits for its rank intervals.
enum IntervalWait: Sendable {
    /// Until they are computed (exports, which must carry them).
    case always(RankIntervals)
    /// When the ballots are no more than this many (a fraction of a second); beyond, only if already known, their
    /// computation started in the background otherwise.
    case upTo(ballots: Int, RankIntervals)
    /// Not at all (a form handler, the demo's seeding: they read the order only).
    case never

    /// Counted ballots up to which a page waits for its intervals: 1,000 draws over 600 ballots take about 0.1 s in a
    /// release build on 2 cores.
    static let pageLimit = 600

    func estimates(for request: JudgingReport.UncertaintyRequest?) async -> RankIntervals.Estimates? {
        guard let request else { return nil }
        switch self {
        case .always(let store): return await store.wait(request)
        case .upTo(let limit, let store): return request.ballots.count <= limit ? await store.computedNow(request) : store.ready(request)
        case .never: return nil
        }
    }
}
