import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// Who is on the other end of a request: the client's address (through trusted proxies only), whether the request
/// came over HTTPS, and the origin that absolute links use.
struct ClientInfo: Sendable {
    /// The client's IP address, or « inconnue ».
    var address: String
    var isHTTPS: Bool
    /// `scheme://host[:port]`, for links sent outside the page (private links, invitations).
    var origin: String

    static let unknown = ClientInfo(address: "inconnue", isHTTPS: false, origin: "http://localhost")

    init(address: String, isHTTPS: Bool, origin: String) {
        self.address = address
        self.isHTTPS = isHTTPS
        self.origin = origin
    }

    init(request: Request, remote: SocketAddress?, config: AppConfig) {
        let peer = remote?.ipAddress
        let viaTrustedProxy = peer.map { config.trustedProxies.contains($0) } ?? false
        if viaTrustedProxy, let forwarded = request.headers[.xForwardedFor] {
            address = ClientAddress.client(forwardedFor: forwarded, trusted: config.trustedProxies) ?? peer ?? "inconnue"
        } else {
            address = peer ?? "inconnue"
        }
        let forwardedProto = viaTrustedProxy ? request.headers[.xForwardedProto]?.lowercased() : nil
        let publicBase = config.publicBase
        if !publicBase.isEmpty {
            origin = publicBase
            isHTTPS = forwardedProto.map { $0 == "https" } ?? publicBase.lowercased().hasPrefix("https://")
        } else {
            isHTTPS = forwardedProto == "https"
            let host = request.head.authority.flatMap(ClientAddress.validAuthority) ?? "\(config.host):\(config.port)"
            origin = (isHTTPS ? "https://" : "http://") + host
        }
    }
}

/// Parsing of addresses and `Host` values.
enum ClientAddress {
    /// True for a literal IPv4 or IPv6 address.
    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// The client in an `X-Forwarded-For` list: the right-most address that is not one of our proxies.
    static func client(forwardedFor header: String, trusted: [String]) -> String? {
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !trusted.contains(hop) {
            return isIPAddress(hop) ? hop : nil
        }
        return hops.first.flatMap { isIPAddress($0) ? $0 : nil }
    }

    /// A `Host` value that is a plain host name or address with an optional port, lower-cased; nil otherwise.
    static func validAuthority(_ raw: String) -> String? {
        // Byte by byte (every request asks): ASCII letters, digits and . - : [ ], lower-cased.
        var bytes = [UInt8]()
        bytes.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            default: return nil
            }
        }
        guard let first = bytes.first, bytes.count <= 255, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
