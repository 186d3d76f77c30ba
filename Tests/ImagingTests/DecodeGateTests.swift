import Foundation
import Testing

@testable import Imaging

struct DecodeGateTests {
    /// Counts concurrent runs and remembers the maximum.
    final class Meter: Sendable {
        private let state = Locked((current: 0, maximum: 0))

        func enter() {
            self.state.withLock {
                $0.current += 1
                $0.maximum = max($0.maximum, $0.current)
            }
        }

        func leave() {
            self.state.withLock { $0.current -= 1 }
        }

        var maximum: Int {
            self.state.withLock { $0.maximum }
        }
    }

    @Test func bounds_concurrent_runs() async throws {
        let gate = DecodeGate(limit: 2)
        let meter = Meter()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<10 {
                group.addTask {
                    try await gate.run {
                        meter.enter()
                        defer { meter.leave() }
                        Thread.sleep(forTimeInterval: 0.02)
                        return index
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<10))
        // Never more than the limit (how many actually overlapped depends on the machine's load).
        #expect(meter.maximum <= 2 && meter.maximum >= 1)
        #expect(gate.activeCount == 0)
    }

    @Test func allows_as_many_runs_as_its_limit() async throws {
        let gate = DecodeGate(limit: 2)
        let meter = Meter()
        // Each run waits (up to 10 s) to see the other one inside: only possible if both run at once.
        let sawBoth = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await gate.run {
                        meter.enter()
                        defer { meter.leave() }
                        let deadline = Date().addingTimeInterval(10)
                        while meter.maximum < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
                        return meter.maximum == 2
                    }
                }
            }
            return try await group.reduce(true) { $0 && $1 }
        }
        #expect(sawBoth)
    }

    @Test func runs_that_do_not_fit_the_memory_budget_wait_for_each_other() async throws {
        let gate = DecodeGate(limit: 4, memoryBudget: 100)
        let meter = Meter()
        _ = try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await gate.run(cost: 60) {
                        meter.enter()
                        defer { meter.leave() }
                        Thread.sleep(forTimeInterval: 0.02)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(meter.maximum == 1)
        // A run larger than the whole budget still runs (alone).
        #expect(try await gate.run(cost: 500) { 7 } == 7)
        #expect(gate.activeCount == 0)
    }

    @Test func the_estimate_follows_the_decoding_path() {
        let a3 = ImageInfo(format: .jpeg, width: 3508, height: 4961)
        let png = ImageInfo(format: .png, width: 3508, height: 4961)
        // The A3 JPEG decodes at 3/8 (1316 × 1861): about 20 MB with the overhead; the PNG whole, about 155 MB.
        #expect(Imaging.estimatedDecodeBytes(a3) < 40 << 20)
        #expect(Imaging.estimatedDecodeBytes(png) > 120 << 20)
    }

    @Test func defaults_to_the_number_of_cores() {
        #expect(DecodeGate().limit == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func rethrows_errors_and_releases_the_permit() async throws {
        let gate = DecodeGate(limit: 1)
        await #expect(throws: ImagingError.corrupt) {
            try await gate.run { () throws -> Int in throw ImagingError.corrupt }
        }
        #expect(try await gate.run { 42 } == 42)
    }

    @Test func cancelled_waiters_leave_without_running() async throws {
        let gate = DecodeGate(limit: 1)
        let started = Locked(false)
        let ran = Locked(false)
        // Holds the only permit until told to stop.
        let release = Locked(false)
        let holder = Task {
            try await gate.run {
                started.withLock { $0 = true }
                while !release.withLock({ $0 }) {
                    Thread.sleep(forTimeInterval: 0.005)
                }
            }
        }
        while !started.withLock({ $0 }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let waiter = Task {
            try await gate.run { ran.withLock { $0 = true } }
        }
        try await Task.sleep(for: .milliseconds(30))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        release.withLock { $0 = true }
        try await holder.value
        #expect(!ran.withLock { $0 })
        // The cancelled waiter did not take or leak a permit.
        #expect(try await gate.run { 7 } == 7)
        #expect(gate.activeCount == 0)
    }

    @Test func runs_renditions() async throws {
        let gate = DecodeGate()
        let data = try TestImages.quadrants(width: 120, height: 90).encoded(as: .jpeg)
        let renditions = try await gate.run { try Imaging.makeRenditions(data: data, limits: TestImages.lenient, previewLongEdge: 60) }
        #expect(renditions.previewSize == PixelSize(width: 60, height: 45))
    }
}
