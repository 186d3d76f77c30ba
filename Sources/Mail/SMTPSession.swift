import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP conversation, used by a single task: commands written, replies read line by line with a timeout each.
final class SMTPSession {
    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { lines.map { "\(code) \($0)" }.joined(separator: " / ") }
    }

    let channel: any Channel
    let settings: SMTPSettings
    let sslContext: NIOSSLContext?
    var replies: AsyncThrowingStream<String, any Error>.AsyncIterator
    let timedOut = NIOLockedValueBox(false)
    var tlsActive: Bool
    var extensions: [String] = []

    init(channel: any Channel, settings: SMTPSettings, sslContext: NIOSSLContext?, replies: AsyncThrowingStream<String, any Error>) {
        self.channel = channel
        self.settings = settings
        self.sslContext = sslContext
        self.replies = replies.makeAsyncIterator()
        tlsActive = settings.security == .tls
    }

    var timeout: TimeAmount { .seconds(Int64(max(1, settings.timeoutSeconds))) }

    /// SNI and name checks use the host name; an IP address is checked against the chain only (SNI forbids addresses).
    static func serverHostname(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    static func open(settings: SMTPSettings, sslContext: NIOSSLContext?, group: any EventLoopGroup) async throws -> SMTPSession {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: String.self)
        let implicitTLS = settings.security == .tls ? sslContext : nil
        let hostname = serverHostname(settings.host)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(Int64(max(1, settings.timeoutSeconds))))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: hostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(ReplyLineHandler(continuation: continuation))
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        let session = SMTPSession(channel: channel, settings: settings, sslContext: sslContext, replies: stream)
        do {
            try await session.expect(220, after: nil)
            try await session.hello()
            if settings.security == .starttls { try await session.startTLS() }
            if let username = settings.username, !username.isEmpty { try await session.authenticate(username, settings.password ?? "") }
        } catch {
            await session.close()
            throw error
        }
        return session
    }

    // MARK: - Steps

    func hello() async throws {
        let reply = try await expect(250, after: "EHLO \(settings.heloName)")
        extensions = reply.lines.dropFirst().map { $0.uppercased() }
    }

    func startTLS() async throws {
        guard extensions.contains(where: { $0 == "STARTTLS" }) else {
            throw SMTPError.permanent("le relais ne propose pas STARTTLS (choisissez la sécurité « none » ou « tls »)")
        }
        try await expect(220, after: "STARTTLS")
        guard let sslContext else { throw SMTPError.tls("pas de contexte TLS") }
        let hostname = Self.serverHostname(settings.host)
        try await channel.eventLoop.submit { [channel] in
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: hostname), position: .first)
        }.get()
        tlsActive = true
        try await hello()
    }

    func authenticate(_ username: String, _ password: String) async throws {
        guard let auth = extensions.first(where: { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }) else {
            throw SMTPError.permanent("le relais ne propose pas l’authentification (AUTH) sur cette connexion")
        }
        let mechanisms = Set(auth.dropFirst(5).split(separator: " ").map(String.init))
        if mechanisms.contains("PLAIN") {
            let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            try await expect(235, after: "AUTH PLAIN \(token)", logged: "AUTH PLAIN ***")
        } else if mechanisms.contains("LOGIN") {
            try await expect(334, after: "AUTH LOGIN")
            try await expect(334, after: Data(username.utf8).base64EncodedString(), logged: "***")
            try await expect(235, after: Data(password.utf8).base64EncodedString(), logged: "***")
        } else {
            throw SMTPError.permanent("le relais ne propose ni AUTH PLAIN ni AUTH LOGIN (\(auth))")
        }
    }

    func deliver(from: String, to recipients: [String], data: String) async throws -> String {
        try await expect(250, after: "MAIL FROM:<\(from)>")
        for recipient in recipients { try await expect([250, 251], after: "RCPT TO:<\(recipient)>") }
        try await expect(354, after: "DATA")
        return try await expect(250, after: Self.dotStuffed(data) + ".", logged: "(message)").text
    }

    /// `QUIT`, without minding the answer (the message is already accepted), then close.
    func quit() async {
        _ = try? await expect(221, after: "QUIT")
        await close()
    }

    func close() async {
        try? await channel.close().get()
    }

    // MARK: - Protocol

    /// Lines starting with `.` get one more; the data ends with CRLF.
    static func dotStuffed(_ data: String) -> String {
        var text = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        if text.hasPrefix(".") { text = "." + text }
        return text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }

    @discardableResult
    func expect(_ code: Int, after command: String?, logged: String? = nil) async throws -> Reply {
        try await expect([code], after: command, logged: logged)
    }

    /// Writes the command (if any) and reads the reply; a 4xx becomes `temporary`, a 5xx `permanent`, another code `temporary`.
    @discardableResult
    func expect(_ codes: Set<Int>, after command: String?, logged: String? = nil) async throws -> Reply {
        if let command {
            do {
                try await channel.writeAndFlush(ByteBuffer(string: command + "\r\n")).get()
            } catch {
                // A failed TLS handshake closes the channel: its reason is what the reply stream ended with.
                do { _ = try await readReply() } catch let failure as SMTPError { if case .tls = failure { throw failure } }
                throw SMTPError.connection("écriture impossible (\(logged ?? command.prefix(20).description)) : \(error)")
            }
        }
        let reply = try await readReply()
        guard codes.contains(reply.code) else {
            let step = logged ?? command ?? "accueil"
            if (500..<600).contains(reply.code) { throw SMTPError.permanent("\(reply.text) (après \(step))") }
            throw SMTPError.temporary("\(reply.text) (après \(step))")
        }
        return reply
    }

    func readReply() async throws -> Reply {
        let flag = timedOut
        let timer = channel.eventLoop.scheduleTask(in: timeout) { [channel] in
            flag.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        var lines: [String] = []
        var code = 0
        while true {
            let line: String?
            do {
                line = try await replies.next()
            } catch let error as NIOSSLError {
                throw SMTPError.tls("\(error)")
            } catch let error as BoringSSLError {
                throw SMTPError.tls("\(error)")
            } catch {
                throw SMTPError.connection("\(error)")
            }
            guard let line else {
                if flag.withLockedValue({ $0 }) {
                    throw SMTPError.connection("le relais n’a pas répondu en \(settings.timeoutSeconds) s")
                }
                throw SMTPError.connection("le relais a fermé la connexion")
            }
            guard line.count >= 3, let value = Int(line.prefix(3)) else { throw SMTPError.temporary("réponse illisible du relais : \(line.prefix(80))") }
            code = value
            lines.append(line.count > 4 ? String(line.dropFirst(4)) : "")
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
        }
        return Reply(code: code, lines: lines)
    }
}

/// Splits what the relay sends into lines (CRLF or LF) and hands them to the session.
final class ReplyLineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let continuation: AsyncThrowingStream<String, any Error>.Continuation
    var pending: [UInt8] = []

    init(continuation: AsyncThrowingStream<String, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let index = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<index])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            pending.removeSubrange(...index)
            continuation.yield(String(decoding: line, as: UTF8.self))
        }
        // A relay that never ends its line is cut off rather than buffered without limit.
        if pending.count > 64 * 1024 { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}
