import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// One client of a live test server on a TCP connection of its own, keeping its cookies: requests of several of them run
/// at the same time (the test client's single connection answers one request after the other).
final class Connection: @unchecked Sendable {
    let client: TestClient
    /// Sent with every request (an `X-Forwarded-For`, say).
    let headers: HTTPFields
    private(set) var cookies: [String: String] = [:]

    init(port: Int, headers: HTTPFields = [:]) {
        client = TestClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(120)))
        self.headers = headers
        client.connect()
    }

    func send(_ uri: String, method: HTTPRequest.Method = .get, body: ByteBuffer? = nil, contentType: String? = nil) async throws
        -> (status: HTTPResponse.Status, body: String)
    {
        var headers = self.headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(.init(uri, method: method, authority: "localhost", headers: headers, body: body))
        for value in response.headers[values: .setCookie] {
            guard let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            cookies[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return (response.status, String(buffer: response.body ?? ByteBuffer()))
    }

    /// The `_csrf` token of the form on the page at `uri`.
    func token(from uri: String) async throws -> String {
        try #require(Browser.formToken(in: try await send(uri).body))
    }

    /// The sign-in form, then its post, as a browser would.
    func signIn(email: String = "orga@ac-creteil.fr", password: String) async throws -> HTTPResponse.Status {
        let token = try await token(from: "/connexion")
        let form = "_csrf=\(token)&email=\(Browser.encode(email))&password=\(Browser.encode(password))"
        return try await send("/connexion", method: .post, body: ByteBuffer(string: form), contentType: "application/x-www-form-urlencoded").status
    }

    func close() async throws { try await client.shutdown() }
}

/// The order in which concurrent clients' requests were answered.
final class CompletionOrder: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []
    func record(_ name: String) { lock.withLock { names.append(name) } }
    var order: [String] { lock.withLock { names } }
}

extension CompletionOrder {
    /// `count` clients each doing `work` (recorded as `name`) on a connection of their own to the live server at `port`,
    /// and a visitor asking for the home page `delay` later, once they are under way: the order they were answered in.
    static func homePage(
        amid count: Int, as name: String, port: Int, after delay: Duration, headers: @escaping @Sendable (Int) -> HTTPFields = { _ in [:] },
        work: @escaping @Sendable (_ client: Connection, _ index: Int) async throws -> Void
    ) async throws -> [String] {
        let finished = CompletionOrder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let client = Connection(port: port, headers: headers(index))
                    try await work(client, index)
                    finished.record(name)
                    try await client.close()
                }
            }
            group.addTask {
                try await Task.sleep(for: delay)
                let visitor = Connection(port: port)
                #expect(try await visitor.send("/").status == .ok)
                finished.record("accueil")
                try await visitor.close()
            }
            try await group.waitForAll()
        }
        return finished.order
    }
}
