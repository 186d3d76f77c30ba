import Core
import Foundation
import Storage

@testable import Web

/// Many entries and ballots stored in one transaction each, for tests of long lists (the HTTP form is too slow for thousands).
enum ScaleFixture {
    static let establishments = ["0951099D", "0930001W", "0940001R"]
    static let categories = ["college", "lycee", "dispositifs"]
    static let criteria = ["theme", "message", "creativite", "graphisme"]
    static let password = "un-mot-de-passe-sûr"

    /// The 2022 edition in `state` with `count` eligible entries, categories and establishments taken in turn.
    /// `pending` entries are left without an eligibility decision.
    @discardableResult
    static func edition(_ app: TestApp, count: Int, pending: Set<Int> = [], state: EditionState = .judging) throws -> [Entry] {
        let edition = try app.seedEdition(state: state)
        try SubmissionFixture.seedEstablishments(app)
        try app.seedOrganiser()
        let at = ParisTime.parse("2022-03-01T10:00")!
        let entries = (0..<count).map { index in
            let entry = Entry(
                editionId: edition.id!, reference: "2022-T\(String(index, radix: 36).uppercased())X",
                establishment: try! UAI(establishments[index % 3]),
                categoryCode: categories[index % 3],
                details: EntryDetails(
                    title: "Affiche numéro \(index)", statement: "Une note d’intention assez courte pour l’affiche \(index).",
                    classLabel: "4e B",
                    studentCount: 24, teacherName: "Mme Durand", teacherEmail: "durand@ac-creteil.fr"),
                consent: Consent(imageRights: true, authorsRights: true, publicGallery: false, recordedAt: at),
                poster: PosterFile(
                    hash: "hash-\(index)", originalPath: "originaux/\(index).jpg", format: "jpeg", byteCount: 1000, width: 600, height: 800,
                    thumbnailPath: "vignettes/\(index).jpg", previewPath: "apercus/\(index).jpg", originalFileName: "affiche-\(index).jpg"),
                eligibility: pending.contains(index) ? .pending : .eligible, createdAt: at.addingTimeInterval(Double(index)),
                updatedAt: at)
            return (entry: entry, tokenHash: "token-\(index)")
        }
        return try app.database().insertEntriesInBulk(entries)
    }

    /// A juror who can sign in with `password`.
    static func juror(_ app: TestApp, email: String, conflicts: [String] = []) throws -> Int64 {
        let database = try app.database()
        let user = try database.insertUser(User(email: email, displayName: email, role: .juror, passwordHash: Passwords.hash(password)))
        for uai in conflicts { try database.addConflict(userID: user.id!, uai: try UAI(uai), declaredBy: "organiser", now: app.clock.now) }
        return user.id!
    }

    /// Submitted ballots of `jurors` on `entries`. Within a category, the n-th entry gets n % 6 on the first criterion and
    /// n / 6 % 6 on the others: no two entries of a category among the first 36 share both, so their ranks all differ.
    static func score(_ app: TestApp, entries: [Entry], jurors: [Int64], submitted: Bool = true) throws {
        var ballots: [Ballot] = []
        for (index, entry) in entries.enumerated() {
            let n = index / 3
            let scores = Dictionary(uniqueKeysWithValues: criteria.enumerated().map { ($1, $0 == 0 ? n % 6 : n / 6 % 6) })
            for juror in jurors {
                ballots.append(Ballot(entryId: entry.id!, jurorId: juror, scores: scores, submitted: submitted, updatedAt: app.clock.now))
            }
        }
        try app.database().saveBallotsInBulk(ballots)
    }

    /// The codes of a juror's list, in page order (not the « next poster » button above it).
    static func listedCodes(in page: String) -> [String] {
        page.matches(of: /<li class="card">\s*<a href="\/jury\/affiches\/([A-Z0-9]{2}-[A-Z0-9]{3})">/).map { String($0.1) }
    }

    /// The anonymous codes in rows of the classement page, with their rank, in page order.
    static func classementCodes(in page: String) -> [(rank: Int, code: String)] {
        let row = /<td><strong>(\d+)<\/strong>(?: <small>ex aequo<\/small>)?<\/td>\s*<td>[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td><a href="\/organisation\/depots\/\d+"><code>([A-Z0-9]{2}-[A-Z0-9]{3})<\/code>/
        return page.matches(of: row).map { (Int($0.1)!, String($0.2)) }
    }

    /// The anonymous codes in rows of the organisers' rankings, with their rank, in page order.
    static func rankedCodes(in page: String) -> [(rank: Int, code: String)] {
        // Dashboard rows: <tr><td>1</td><td><a …><code>XX-XXX</code>; deliberation rows: <td><strong>1</strong>… <code>XX-XXX</code><br>.
        let dashboard = page.matches(of: /<tr><td>(\d+)<\/td><td><a href="\/organisation\/depots\/\d+"><code>([A-Z0-9]{2}-[A-Z0-9]{3})<\/code>/)
        if !dashboard.isEmpty { return dashboard.map { (Int($0.1)!, String($0.2)) } }
        let deliberation = /<td><strong>(\d+)<\/strong>(?:<br><small>[^<]*<\/small>)?<\/td>\s*<td class="thumb-cell">.*?<code>([A-Z0-9]{2}-[A-Z0-9]{3})<\/code>/
        return page.matches(of: deliberation)
            .map { (Int($0.1)!, String($0.2)) }
    }
}
