import Core
import Foundation
import Mail
import Storage

/// Hands one rendered message on: to the relay, or to a file.
protocol MailTransport: Sendable {
    /// - Returns: the acceptance (the relay's `250` reply, or where the file went).
    func deliver(_ item: OutboxItem, data: String, from: String) async throws(SMTPError) -> String
}

/// Submission to the configured relay.
struct RelayTransport: MailTransport {
    let client: SMTPClient

    func deliver(_ item: OutboxItem, data: String, from: String) async throws(SMTPError) -> String {
        try await client.send(from: from, to: [item.message.to.address], data: data)
    }
}

/// No relay configured: each message becomes `data/mail/<timestamp>-<id>.eml`, announced on the console.
struct FileDropTransport: MailTransport {
    let directory: String
    /// Prints the console line (standard output by default).
    let announce: @Sendable (String) -> Void

    func deliver(_ item: OutboxItem, data: String, from: String) async throws(SMTPError) -> String {
        let stamp = Self.stamp(item.createdAt)
        let name = "\(stamp)-\(item.id).eml"
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // Written whole then renamed: a reader never sees half a message, and a resend replaces the same file.
            let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp")
            try Data(data.utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw .temporary("écriture impossible de \(path) : \(error.localizedDescription)")
        }
        announce("Courriel écrit : \(path) — À : \(item.message.to.address) — Objet : \(item.message.subject)")
        return "écrit dans \(path)"
    }
}

extension FileDropTransport {
    /// `20261202T162500Z`: sorts in time order and is safe in a file name.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
