import Testing

@testable import Imaging

struct ResamplerTests {
    @Test(arguments: [Resampler.Filter.box, .triangle, .catmullRom])
    func keeps_flat_colours_and_edges(filter: Resampler.Filter) throws {
        let source = try TestImages.quadrants(width: 400, height: 300)
        let small = try #require(Resampler.resize(source, width: 100, height: 75, filter: filter))
        #expect((small.width, small.height) == (100, 75))
        #expect(TestImages.close(small.pixel(x: 10, y: 10), TestImages.red, tolerance: 2))
        #expect(TestImages.close(small.pixel(x: 90, y: 65), TestImages.yellow, tolerance: 2))
        // Right at the vertical edge the two colours mix.
        let edge = small.pixel(x: 50, y: 10)
        #expect(edge.red > 0 || edge.green > 0)
        #expect(small.pixel(x: 10, y: 10).alpha == 0)
    }

    @Test func splits_work_across_threads_identically() throws {
        let source = try TestImages.quadrants(width: 321, height: 257)
        let single = try #require(Resampler.resize(source, width: 150, height: 120, threads: 1))
        let double = try #require(Resampler.resize(source, width: 150, height: 120, threads: 2))
        for y in stride(from: 0, to: 120, by: 7) {
            for x in stride(from: 0, to: 150, by: 5) {
                #expect(single.pixel(x: x, y: y) == double.pixel(x: x, y: y))
            }
        }
    }

    @Test func streams_rows_as_they_arrive() throws {
        let source = try TestImages.quadrants(width: 300, height: 200)
        let whole = try #require(Resampler.resize(source, width: 130, height: 90))
        let plan = try #require(Resampler.Plan(source: source, width: 130, height: 90))
        for rows in stride(from: 7, through: 200, by: 7) {
            plan.advance(sourceRows: rows)
        }
        #expect(!plan.isComplete)
        plan.advance(sourceRows: 200)
        #expect(plan.isComplete)
        for y in stride(from: 0, to: 90, by: 3) {
            for x in stride(from: 0, to: 130, by: 3) {
                #expect(plan.result.pixel(x: x, y: y) == whole.pixel(x: x, y: y))
            }
        }
    }
}
