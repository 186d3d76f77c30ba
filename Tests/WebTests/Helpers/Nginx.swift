import Foundation

/// Debian's nginx serving a folder on a free loopback port, as a child process killed by `stop()`.
final class Nginx {
    static let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let port: Int
    let prefix: URL
    private var running: Process?

    /// Starts nginx on `root`; `locations` is added to the server block (after its `listen` and `root` lines).
    init(serving root: URL, locations: String = "") throws {
        guard let binary = Self.binary else { throw POSIXError(.ENOENT) }
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("concours-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("logs"), withIntermediateDirectories: true)
        var port = 0
        var lastError: any Error = POSIXError(.EADDRINUSE)
        // A free port can be taken between the probe and nginx's bind: a few tries.
        for _ in 0..<5 {
            port = try Self.freePort()
            let conf = """
                worker_processes 1;
                pid \(prefix.path)/nginx.pid;
                error_log \(prefix.path)/logs/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path \(prefix.path)/body;
                    proxy_temp_path \(prefix.path)/proxy;
                    types { text/html html; text/css css; application/javascript js; image/jpeg jpg; }
                    default_type application/octet-stream;
                    server {
                        listen 127.0.0.1:\(port);
                        root \(root.path);
                        \(locations)
                    }
                }
                """
            try conf.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["-e", "\(prefix.path)/logs/error.log", "-p", prefix.path, "-c", prefix.appendingPathComponent("nginx.conf").path, "-g", "daemon off;"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if try Self.waitForListen(port: port, process: process) {
                self.port = port
                self.running = process
                return
            }
            process.terminate()
            process.waitUntilExit()
            lastError = NginxError.didNotStart((try? String(contentsOf: prefix.appendingPathComponent("logs/error.log"), encoding: .utf8)) ?? "")
        }
        throw lastError
    }

    func stop() {
        if let running, running.isRunning {
            running.terminate()
            running.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: prefix)
    }

    enum NginxError: Error { case didNotStart(String) }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True once something accepts connections on `port` (within 5 s), false if nginx exited first.
    static func waitForListen(port: Int, process: Process) throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < 5 {
            if !process.isRunning { return false }
            if (try? RawHTTP.exchange(port: port, request: Data("HEAD / HTTP/1.0\r\n\r\n".utf8), timeout: 1)) != nil { return true }
            usleep(50_000)
        }
        return false
    }
}

/// A parsed HTTP/1.x answer read by `RawHTTP`.
struct HTTPAnswer {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Sends `GET path` with `Connection: close` and parses what comes back (no chunked bodies: nginx sends files with a length).
    static func get(port: Int, _ path: String, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let exchange = try await RawHTTP.exchange(port: port, request, timeout: 5)
        guard let split = exchange.received.range(of: Data("\r\n\r\n".utf8)) else { return HTTPAnswer(status: 0, headers: [:], body: Data()) }
        let head = String(decoding: exchange.received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPAnswer(status: status, headers: fields, body: Data(exchange.received[split.upperBound...]))
    }
}
