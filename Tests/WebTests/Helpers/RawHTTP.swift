import Foundation

/// Speaks HTTP/1.1 over a plain loopback socket, byte for byte: for what a test client cannot send (a NUL in the
/// path, another `Host`, a body that never comes) and to see whether the server closes the connection.
enum RawHTTP {
    struct Exchange {
        /// Everything the server sent.
        var received: Data
        /// True when the server closed the connection before `timeout`.
        var closedByServer: Bool
        var seconds: Double

        var text: String { String(decoding: received, as: UTF8.self) }
        var statusLine: String { text.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? "" }
    }

    /// Connects to 127.0.0.1:`port`, writes `request`, then reads until the server closes or `timeout` passes.
    static func exchange(port: Int, request: Data, timeout: Double) throws -> Exchange {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let start = Date()
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date().timeIntervalSince(start) < timeout {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready <= 0 { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return Exchange(received: received, closedByServer: true, seconds: Date().timeIntervalSince(start)) }
            received.append(contentsOf: buffer[0..<count])
        }
        return Exchange(received: received, closedByServer: false, seconds: Date().timeIntervalSince(start))
    }

    /// The same, on a thread of its own: the blocking socket calls must not hold one of the few threads that run the
    /// server's own tasks in the same process.
    static func exchange(port: Int, _ request: String, timeout: Double) async throws -> Exchange {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try exchange(port: port, request: Data(request.utf8), timeout: timeout) })
            }
        }
    }
}
