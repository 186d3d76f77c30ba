import CoreMetrics
import Foundation
import Prometheus
import Storage
import Synchronization

/// The service's Prometheus metrics, recorded through swift-metrics into a registry of its own (not the process-wide
/// `MetricsSystem`, so that every application — and every test — counts separately).
///
/// Labels are bounded: route patterns (never raw paths), status codes, refusal reasons from a closed list.
public final class AppMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    /// Entry groups set at the last scrape, so that a group that disappeared is set back to 0.
    private let lastEntryGroups = Mutex<Set<[String]>>([])
    /// Outbox groups set at the last scrape (a group emptied since goes back to 0).
    private let lastMailGroups = Mutex<Set<[String]>>([])

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Names.decodeSeconds] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10), .seconds(30),
        ]
        factory.durationHistogramBuckets[Names.decodeWaitSeconds] = factory.durationHistogramBuckets[Names.decodeSeconds]
        self.registry = registry
        self.factory = factory
    }

    enum Names {
        static let requests = "concours_http_requests_total"
        static let requestSeconds = "concours_http_request_duration_seconds"
        static let uploads = "concours_uploads_total"
        static let decodeSeconds = "concours_decode_duration_seconds"
        static let decodeWaitSeconds = "concours_decode_wait_seconds"
        static let decodeActive = "concours_decode_active"
        static let decodeWaiting = "concours_decode_waiting"
        static let ballotsSubmitted = "concours_ballots_submitted_total"
        static let entries = "concours_entries"
        static let ballots = "concours_ballots"
        static let mail = "concours_mail_outbox"
    }

    /// One answered request: counted by method, route pattern and status, timed by method and route.
    func request(method: String, route: String?, status: Int, duration: Duration) {
        let key = RequestKey(method: method, route: route ?? "unmatched", status: status)
        // The registry's lookup by label and dimensions cost 2 % of a request: each series' handles are made once.
        let handles = requestHandles.withLock { known in
            if let found = known[key] { return found }
            let made = (
                counter: CoreMetrics.Counter(
                    label: Names.requests, dimensions: [("method", key.method), ("route", key.route), ("status", String(key.status))],
                    factory: factory),
                timer: CoreMetrics.Timer(label: Names.requestSeconds, dimensions: [("method", key.method), ("route", key.route)], factory: factory))
            known[key] = made
            return made
        }
        handles.counter.increment()
        handles.timer.recordNanoseconds(duration.nanoseconds)
    }

    private struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// Bounded like the labels: methods × route patterns × statuses.
    private let requestHandles = Mutex<[RequestKey: (counter: CoreMetrics.Counter, timer: CoreMetrics.Timer)]>([:])

    /// An upload's outcome: `accepted`, or `refused` with a reason from ``UploadRefusal``.
    func upload(_ outcome: UploadOutcome) {
        let dimensions: [(String, String)] =
            switch outcome {
            case .accepted: [("outcome", "accepted"), ("reason", "")]
            case .refused(let reason): [("outcome", "refused"), ("reason", reason.label)]
            }
        CoreMetrics.Counter(label: Names.uploads, dimensions: dimensions, factory: factory).increment()
    }

    /// A decode's time waiting for the gate and running.
    func decoded(waited: Duration, ran: Duration) {
        CoreMetrics.Timer(label: Names.decodeWaitSeconds, dimensions: [], factory: factory).recordNanoseconds(waited.nanoseconds)
        CoreMetrics.Timer(label: Names.decodeSeconds, dimensions: [], factory: factory).recordNanoseconds(ran.nanoseconds)
    }

    /// A juror submitted (or re-submitted) a ballot.
    func ballotSubmitted() {
        CoreMetrics.Counter(label: Names.ballotsSubmitted, dimensions: [], factory: factory).increment()
    }

    /// Sets the gauges read at scrape time: the decode queue and the database's counts.
    func refresh(decodeActive: Int, decodeWaiting: Int, counts: OperationalCounts) {
        CoreMetrics.Gauge(label: Names.decodeActive, dimensions: [], factory: factory).record(decodeActive)
        CoreMetrics.Gauge(label: Names.decodeWaiting, dimensions: [], factory: factory).record(decodeWaiting)
        var seen = Set<[String]>()
        for group in counts.entries {
            let labels = [String(group.year), group.status, group.eligibility]
            seen.insert(labels)
            entryGauge(labels).record(group.count)
        }
        let vanished = lastEntryGroups.withLock { last in
            defer { last = seen }
            return last.subtracting(seen)
        }
        for labels in vanished { entryGauge(labels).record(0) }
        var mailSeen = Set<[String]>()
        for group in counts.mail {
            mailSeen.insert([group.state, group.kind])
            mailGauge([group.state, group.kind]).record(group.count)
        }
        let emptied = lastMailGroups.withLock { last in
            defer { last = mailSeen }
            return last.subtracting(mailSeen)
        }
        for labels in emptied { mailGauge(labels).record(0) }
        for group in counts.ballots {
            Gauge(
                label: Names.ballots, dimensions: [("edition", String(group.year)), ("state", group.submitted ? "submitted" : "draft")],
                factory: factory
            ).record(group.count)
        }
    }

    private func mailGauge(_ labels: [String]) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: Names.mail, dimensions: [("state", labels[0]), ("kind", labels[1])], factory: factory)
    }

    private func entryGauge(_ labels: [String]) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: Names.entries, dimensions: [("edition", labels[0]), ("status", labels[1]), ("eligibility", labels[2])], factory: factory)
    }

    /// The text exposition format (version 0.0.4).
    func exposition() -> String { registry.emitToString() }
}

/// What happened to one upload, for the metrics.
enum UploadOutcome: Equatable {
    case accepted
    case refused(UploadRefusal)
}

/// Why an upload was refused, as a metric label (a closed list: never the French message, never a file name).
enum UploadRefusal: Equatable {
    /// The form had errors (missing field, wrong access code, closed category…).
    case form
    /// The same bytes were already sent.
    case duplicate
    /// No file, or the kept file had expired.
    case missingFile
    /// The image checks refused the file: ``Imaging/ImagingError/code`` (format, pixels, corrupt…).
    case image(String)
    /// The per-establishment limit or another storage rule refused the entry.
    case quota
    /// Our side failed.
    case serverError

    var label: String {
        switch self {
        case .form: "form"
        case .duplicate: "duplicate"
        case .missingFile: "missing_file"
        case .image(let code): "image_" + code
        case .quota: "quota"
        case .serverError: "server_error"
        }
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
