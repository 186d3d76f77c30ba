import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Submits messages to an SMTP relay over SwiftNIO: one session per message (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT).
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    let sslContext: NIOSSLContext?
    let group: any EventLoopGroup

    /// - Throws: `SMTPError.tls` when the CA file cannot be read.
    public init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws(SMTPError) {
        self.settings = settings
        self.group = group
        guard settings.security != .none else {
            sslContext = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw .tls("fichier d’autorités de certification illisible : \(caFile)")
            }
        }
        do {
            sslContext = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("configuration TLS refusée : \(error)")
        }
    }

    /// Sends one message; returns the relay's reply to the end of `DATA` (`250 2.0.0 Ok: queued as …`).
    /// - Parameters:
    ///   - data: the whole message with CRLF line endings (dot-stuffing is done here).
    public func send(from: String, to recipients: [String], data: String) async throws(SMTPError) -> String {
        let session: SMTPSession
        do {
            session = try await SMTPSession.open(settings: settings, sslContext: sslContext, group: group)
        } catch let error as SMTPError {
            throw error
        } catch {
            throw .connection(Self.describe(error))
        }
        do {
            let answer = try await session.deliver(from: from, to: recipients, data: data)
            await session.quit()
            return answer
        } catch {
            await session.close()
            if let error = error as? SMTPError { throw error }
            throw .connection(Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOSSLError { return "TLS : \(error)" }
        if let error = error as? any IOErrorProtocol { return "\(error)" }
        return String(describing: error)
    }
}

protocol IOErrorProtocol: Error {}
extension IOError: IOErrorProtocol {}
