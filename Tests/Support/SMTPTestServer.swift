import Foundation

/// A real SMTP server (Debian's python3-aiosmtpd, `smtp_server.py`) on a free loopback port, saving messages to a folder.
public final class SMTPTestServer: @unchecked Sendable {
    public enum Mode: String, Sendable {
        case ok
        case tempfail
        case reject
    }

    public let port: Int
    public let directory: URL
    let process: Process
    /// Held open for the server's life: it stops when this closes, even if the test process is killed.
    let input = Pipe()

    public static let python = "/usr/bin/python3"
    static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// Whether the tests can run here (python3-aiosmtpd installed).
    public static var isAvailable: Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import aiosmtpd"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        do {
            try check.run()
            while check.isRunning { usleep(10_000) }
            return check.terminationStatus == 0
        } catch {
            return false
        }
    }

    /// Starts the server and waits for it to listen.
    public init(
        mode: Mode = .ok, failures: Int = 1, user: String? = nil, password: String? = nil, certificate: TestCertificate? = nil, delay: Double = 0,
        port: Int? = nil, directory: URL? = nil
    ) throws {
        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        var arguments = [
            Self.supportDirectory.appendingPathComponent("smtp_server.py").path, "--dir", self.directory.path, "--mode", mode.rawValue,
            "--failures", "\(failures)", "--delay", "\(delay)",
        ]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        if let certificate { arguments += ["--cert", certificate.certificate.path, "--key", certificate.key.path] }
        if let port { arguments += ["--port", "\(port)"] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = input
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(15)
        while !text.contains("\n"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("READY "), let value = Int(line.dropFirst(6)) else {
            process.terminate()
            throw TestServerError.didNotStart(text)
        }
        self.port = value
    }

    deinit { stop() }

    public func stop() {
        // `waitUntilExit` can hang when called from a test's task on Linux: poll the state Foundation keeps instead.
        // SIGKILL: the test runner's children may inherit a mask that blocks SIGTERM.
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(10_000) }
    }

    /// The saved messages, oldest first.
    public func messageFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The saved messages read by Python's e-mail parser.
    public func messages() throws -> [ReceivedMail] { try ReceivedMail.read(messageFiles()) }

    /// Waits until at least `count` messages were saved.
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 20) async throws -> [ReceivedMail] {
        let deadline = Date().addingTimeInterval(timeout)
        while messageFiles().count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return try messages()
    }
}

public enum TestServerError: Error {
    case didNotStart(String)
    case failed(String)
}

/// A message as Python's `email` package reads it.
public struct ReceivedMail: Decodable, Sendable {
    public var file: String
    public var subject: String
    public var from: String
    public var to: String
    public var replyTo: String
    public var messageId: String
    public var date: String
    public var autoSubmitted: String
    public var contentType: String
    public var tls: String
    public var auth: String
    public var envelopeTo: String
    public var text: String
    public var html: String
    public var defects: Int
    public var longestLine: Int
    public var rawSubject: String

    public static func read(_ files: [URL]) throws -> [ReceivedMail] {
        guard !files.isEmpty else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SMTPTestServer.python)
        process.arguments = [SMTPTestServer.supportDirectory.appendingPathComponent("read_mail.py").path] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning { usleep(5_000) }
        guard process.terminationStatus == 0 else { throw TestServerError.failed("read_mail.py failed") }
        return try JSONDecoder().decode([ReceivedMail].self, from: data)
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1, made by openssl for one test.
public struct TestCertificate: Sendable {
    public var certificate: URL
    public var key: URL

    /// - Parameters:
    ///   - includeLoopbackIP: also valid for 127.0.0.1 (NIOSSL accepts an IP address name matching the socket's peer).
    public init(commonName: String = "localhost", includeLoopbackIP: Bool = true) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        certificate = directory.appendingPathComponent("cert.pem")
        key = directory.appendingPathComponent("key.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path, "-days", "2", "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=DNS:\(commonName)\(includeLoopbackIP ? ",IP:127.0.0.1" : "")",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { usleep(10_000) }
        guard process.terminationStatus == 0 else { throw TestServerError.failed("openssl req failed") }
    }
}
