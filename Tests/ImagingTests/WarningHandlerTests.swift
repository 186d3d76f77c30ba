import Foundation
import Testing

@testable import Imaging

struct WarningHandlerTests {
    @Test func diagnostics_go_to_the_handler() throws {
        let messages = Locked([String]())
        Imaging.setWarningHandler { message in messages.withLock { $0.append(message) } }
        defer { Imaging.setWarningHandler { _ in } }
        let png = try TestImages.quadrants(width: 100, height: 100).encoded(as: .png)
        _ = try? Imaging.makeRenditions(data: png.prefix(png.count / 2), limits: TestImages.lenient)
        let jpeg = try TestImages.quadrants(width: 100, height: 100).encoded(as: .jpeg)
        _ = try? Imaging.makeRenditions(data: jpeg.prefix(jpeg.count / 2), limits: TestImages.lenient)
        let received = messages.withLock { $0 }
        #expect(received.contains { $0.hasPrefix("libgd") }, "\(received)")
        #expect(received.contains { $0.contains("Premature end of JPEG file") }, "\(received)")
    }
}
